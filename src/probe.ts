import { Duration } from 'cdk8s';
import * as k8s from '../imports/k8s';

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

  /** @internal */
  public _toKube(defaultPort: string | number): k8s.Probe {
    const port = this.options.port ?? defaultPort;
    const o = this.options;
    return {
      ...this.handler(
        typeof port === 'number'
          ? k8s.IntOrString.fromNumber(port)
          : k8s.IntOrString.fromString(port),
      ),
      initialDelaySeconds: o.initialDelay?.toSeconds() ?? 0,
      periodSeconds: o.period?.toSeconds() ?? 10,
      timeoutSeconds: o.timeout?.toSeconds() ?? 1,
      failureThreshold: o.failureThreshold ?? 3,
    };
  }
}
