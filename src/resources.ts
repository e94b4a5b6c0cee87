import { Size, SizeRoundingBehavior } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';
import { PropCheck } from './check';

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

const DEFAULT_CPU: CpuResources = { request: Cpu.millis(50), limit: Cpu.millis(250) };
const DEFAULT_MEMORY: MemoryResources = {
  request: Size.mebibytes(64),
  limit: Size.mebibytes(128),
};

/** CPU as millicores, from the `amount` of a cdk8s-plus `Cpu` ("250m" or "1.5"). */
function millicores(cpu: Cpu): number {
  return cpu.amount.endsWith('m') ? Number(cpu.amount.slice(0, -1)) : Number(cpu.amount) * 1000;
}

/** Renders resources with their defaults, refusing a request above its limit or a zero amount. */
export function renderResources(
  check: PropCheck,
  prop: string,
  resources: ContainerResources = {},
): k8s.ResourceRequirements {
  const cpu = resources.cpu ?? DEFAULT_CPU;
  const memory = resources.memory ?? DEFAULT_MEMORY;
  const [cpuRequest, cpuLimit] = [millicores(cpu.request), millicores(cpu.limit)];
  const mebibytes = (size: Size) => size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  const [memoryRequest, memoryLimit] = [mebibytes(memory.request), mebibytes(memory.limit)];
  for (const [which, amount] of [
    ['request', memoryRequest],
    ['limit', memoryLimit],
  ] as const) {
    if (!Number.isInteger(amount)) {
      check.fail(`${prop}.memory.${which}`, `${amount}Mi`, 'a whole number of mebibytes');
    }
  }
  if (!(cpuRequest > 0)) check.fail(`${prop}.cpu.request`, cpu.request.amount, 'more than 0');
  if (!(memoryRequest > 0)) {
    check.fail(`${prop}.memory.request`, `${memoryRequest}Mi`, 'more than 0');
  }
  if (cpuLimit < cpuRequest) {
    check.fail(
      `${prop}.cpu.limit`,
      cpu.limit.amount,
      `at least the request (${cpu.request.amount})`,
    );
  }
  if (memoryLimit < memoryRequest) {
    check.fail(
      `${prop}.memory.limit`,
      `${memoryLimit}Mi`,
      `at least the request (${memoryRequest}Mi)`,
    );
  }
  return {
    requests: {
      cpu: k8s.Quantity.fromString(cpu.request.amount),
      memory: k8s.Quantity.fromString(`${memoryRequest}Mi`),
    },
    limits: {
      cpu: k8s.Quantity.fromString(cpu.limit.amount),
      memory: k8s.Quantity.fromString(`${memoryLimit}Mi`),
    },
  };
}
