import { Duration } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { PropCheck } from './check';
import type { ContainerPort } from './container';

/** Timing of a probe. */
export interface ProbeOptions {
  /**
   * The container port to probe, by name or number.
   *
   * @default - the container's first port
   */
  readonly port?: string | number;
  /**
   * Wait this long after the container starts before the first probe.
   *
   * @default Duration.seconds(0)
   */
  readonly initialDelay?: Duration;
  /**
   * How often to probe.
   *
   * @default Duration.seconds(10)
   */
  readonly period?: Duration;
  /**
   * How long one probe may take.
   *
   * @default Duration.seconds(1)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures before the probe counts as failed.
   *
   * @default 3
   */
  readonly failureThreshold?: number;
}

type Handler = Pick<k8s.Probe, 'httpGet' | 'tcpSocket' | 'exec'>;

/** A health check the kubelet runs against a container: an HTTP GET, a TCP connect or a command. */
export class Probe {
  /** Healthy when `GET path` on the port answers 200-399. */
  public static httpGet(path: string, options: ProbeOptions = {}): Probe {
    return new Probe((port) => ({ httpGet: { path, port } }), options, path);
  }

  /** Healthy when a TCP connection to the port opens. */
  public static tcp(options: ProbeOptions = {}): Probe {
    return new Probe((port) => ({ tcpSocket: { port } }), options);
  }

  /** Healthy when the command, run inside the container, exits 0. `port` is ignored. */
  public static exec(command: string[], options: Omit<ProbeOptions, 'port'> = {}): Probe {
    return new Probe(() => ({ exec: { command } }), options, undefined, false);
  }

  private constructor(
    private readonly handler: (port: k8s.IntOrString) => Handler,
    /** The probe's timing and port. */
    public readonly options: ProbeOptions,
    /** The HTTP path probed, if this is an HTTP probe. */
    public readonly path?: string,
    /** Whether the probe connects to a port of the container. */
    public readonly usesPort = true,
  ) {}

  /**
   * Checks the probe against the container's ports and renders it, with Kubernetes' own timing
   * defaults.
   *
   * @param prop the prop path in messages, such as `readiness`
   * @internal
   */
  public _render(check: PropCheck, prop: string, ports: readonly ContainerPort[]): k8s.Probe {
    const o = this.options;
    const port = o.port ?? ports[0]?.name;
    const exposed = ports.some((x) => x.name === port || x.containerPort === port);
    if (this.usesPort && (port === undefined || !exposed)) {
      const names = ports.map((x) => `'${x.name}'/${x.containerPort}`).join(', ') || 'none';
      check.fail(`${prop}.port`, port, `a port the container exposes (${names})`);
    }
    if (this.path !== undefined && !this.path.startsWith('/')) {
      check.fail(`${prop}.path`, this.path, "a path starting with '/'");
    }
    check.integer(`${prop}.failureThreshold`, o.failureThreshold, 1, 100);
    const intOrString =
      typeof port === 'number' ? k8s.IntOrString.fromNumber : k8s.IntOrString.fromString;
    return {
      ...this.handler(intOrString(port as never)),
      initialDelaySeconds: check.duration(
        `${prop}.initialDelay`,
        o.initialDelay,
        Duration.seconds(0),
        0,
        3600,
      ),
      periodSeconds: check.duration(`${prop}.period`, o.period, Duration.seconds(10), 1, 3600),
      timeoutSeconds: check.duration(`${prop}.timeout`, o.timeout, Duration.seconds(1), 1, 3600),
      failureThreshold: o.failureThreshold ?? 3,
    };
  }
}
