import { Size, SizeRoundingBehavior } from 'cdk8s';
import type { Cpu } from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';
import { PropCheck } from './validation/prop-check';
import { CPU, SIZE, objectOf, optional, required } from './validation/shapes';

/** A request and a limit of CPU. */
export interface CpuResources {
  /** What the scheduler reserves for the container. */
  readonly request: Cpu;
  /** The most the container may use; it is throttled beyond it. */
  readonly limit: Cpu;
}

/** A request and a limit of memory. */
export interface MemoryResources {
  /** What the scheduler reserves for the container. */
  readonly request: Size;
  /** The most the container may use; it is killed beyond it. */
  readonly limit: Size;
}

/**
 * The compute resources of one container. Both are always written, so nothing is left to a
 * cluster default, and the defaults are small enough for several apps on a 2-CPU Minikube.
 */
export interface ContainerResources {
  /**
   * CPU request and limit.
   *
   * @default - request 50m, limit 250m
   */
  readonly cpu?: CpuResources;
  /**
   * Memory request and limit.
   *
   * @default - request 64Mi, limit 128Mi
   */
  readonly memory?: MemoryResources;
}

/** The runtime type of {@link ContainerResources}. */
export const CONTAINER_RESOURCES = objectOf<ContainerResources>('resource settings', {
  cpu: optional(
    objectOf<CpuResources>('CPU settings', { request: required(CPU), limit: required(CPU) }),
  ),
  memory: optional(
    objectOf<MemoryResources>('memory settings', {
      request: required(SIZE),
      limit: required(SIZE),
    }),
  ),
});

/** CPU as cdk8s-plus' `Cpu` writes it: a decimal number of cores, or of millicores with `m`. */
const CPU_AMOUNT = /^(\d+(\.\d+)?|\.\d+)(m?)$/;

/**
 * CPU as whole millicores, from the `amount` of a cdk8s-plus `Cpu` ("250m" or "1.5"); NaN when
 * it is not a finite, whole number of millicores.
 */
function millicores(amount: string): number {
  const match = CPU_AMOUNT.exec(amount);
  if (match === null) return NaN;
  const value = match[3] === 'm' ? Number(match[1]) : Number(match[1]) * 1000;
  return Number.isInteger(value) ? value : NaN;
}

/** Renders resources with their defaults, refusing a request above its limit or a zero amount. */
export function renderResources(
  check: PropCheck,
  prop: string,
  resources: ContainerResources = {},
): k8s.ResourceRequirements {
  const cpu = {
    request: resources.cpu?.request.amount ?? '50m',
    limit: resources.cpu?.limit.amount ?? '250m',
  };
  const [cpuRequest, cpuLimit] = [millicores(cpu.request), millicores(cpu.limit)];
  for (const which of ['request', 'limit'] as const) {
    if (!(millicores(cpu[which]) > 0)) {
      check.fail(
        `${prop}.cpu.${which}`,
        cpu[which],
        'a whole number of millicores above 0, such as Cpu.millis(250)',
      );
    }
  }
  const mebibytes = (size: Size | undefined, fallback: number) =>
    size === undefined ? fallback : size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  const memory = {
    request: mebibytes(resources.memory?.request, 64),
    limit: mebibytes(resources.memory?.limit, 128),
  };
  for (const which of ['request', 'limit'] as const) {
    // Beyond 2^53 a number prints with an exponent (1.024e+21Mi), which is no quantity.
    if (!Number.isSafeInteger(memory[which]) || !(memory[which] > 0)) {
      check.fail(
        `${prop}.memory.${which}`,
        `${memory[which]}Mi`,
        'a whole number of mebibytes from 1 to 2^53 - 1',
      );
    }
  }
  if (cpuLimit < cpuRequest) {
    check.fail(`${prop}.cpu.limit`, cpu.limit, `at least the request (${cpu.request})`);
  }
  if (memory.limit < memory.request) {
    check.fail(
      `${prop}.memory.limit`,
      `${memory.limit}Mi`,
      `at least the request (${memory.request}Mi)`,
    );
  }
  return {
    requests: {
      cpu: k8s.Quantity.fromString(cpu.request),
      memory: k8s.Quantity.fromString(`${memory.request}Mi`),
    },
    limits: {
      cpu: k8s.Quantity.fromString(cpu.limit),
      memory: k8s.Quantity.fromString(`${memory.limit}Mi`),
    },
  };
}
