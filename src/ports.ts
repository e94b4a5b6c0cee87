import { PropCheck } from './validation/prop-check';
import { PORT_NAME } from '../model/names';
import { Fields, NUMBER, STRING, required } from './validation/shapes';

/** A port a container listens on. */
export interface ContainerPort {
  /** The port's name (an IANA service name), used by probes and Services. */
  readonly name: string;
  /** The port number inside the container. */
  readonly containerPort: number;
}

/** The fields of a {@link ContainerPort}, for shapes of the props that extend it. */
export const CONTAINER_PORT_FIELDS: Fields<ContainerPort> = {
  name: required(STRING),
  containerPort: required(NUMBER),
};

/** Checks a container's ports: names and numbers as Kubernetes takes them, each name and number once. */
export function checkPorts(check: PropCheck, prop: string, ports: readonly ContainerPort[]): void {
  ports.forEach((port, i) => {
    check.grammar(`${prop}[${i}].name`, port.name, PORT_NAME);
    check.integer(`${prop}[${i}].containerPort`, port.containerPort, 1, 65535);
  });
  check.unique(
    `${prop} names`,
    ports.map((p) => p.name),
  );
  check.unique(
    `${prop} numbers`,
    ports.map((p) => String(p.containerPort)),
  );
}
