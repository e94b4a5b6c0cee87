import { Duration } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { ContainerPort } from './ports';
import { PropCheck } from './validation/prop-check';
import { DURATION, NUMBER, STRING, anyOf, listOf, objectOf, optional } from './validation/shapes';

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

const TIMING = {
  initialDelay: optional(DURATION),
  period: optional(DURATION),
  timeout: optional(DURATION),
  failureThreshold: optional(NUMBER),
};
const OPTIONS = objectOf<ProbeOptions>('probe options', {
  port: optional(anyOf('a port name or number', STRING, NUMBER)),
  ...TIMING,
});
const EXEC_OPTIONS = objectOf<Omit<ProbeOptions, 'port'>>('exec probe options', TIMING);
const COMMAND = listOf(STRING, 'a non-empty list of strings, the program first');

/** What a probe does, before it knows the container's ports. */
type Handler =
  | { readonly type: 'httpGet'; readonly path: string }
  | { readonly type: 'tcp' }
  | { readonly type: 'exec'; readonly command: readonly string[] };

/** A health check the kubelet runs against a container: an HTTP GET, a TCP connect or a command. */
export class Probe {
  /** Healthy when `GET path` on the port answers 200-399. */
  public static httpGet(path: string, options: ProbeOptions = {}): Probe {
    const check = new PropCheck('Probe.httpGet');
    check.shape('path', path, STRING);
    if (!path.startsWith('/')) check.fail('path', path, "a path starting with '/'");
    check.shape('options', options, OPTIONS);
    return new Probe({ type: 'httpGet', path }, options);
  }

  /** Healthy when a TCP connection to the port opens. */
  public static tcp(options: ProbeOptions = {}): Probe {
    new PropCheck('Probe.tcp').shape('options', options, OPTIONS);
    return new Probe({ type: 'tcp' }, options);
  }

  /** Healthy when the command, run inside the container, exits 0. */
  public static exec(command: string[], options: Omit<ProbeOptions, 'port'> = {}): Probe {
    const check = new PropCheck('Probe.exec');
    check.shape('command', command, COMMAND);
    if (command.length === 0 || command[0] === '') check.fail('command', command, COMMAND.allowed);
    check.shape('options', options, EXEC_OPTIONS);
    return new Probe({ type: 'exec', command: [...command] }, options);
  }

  private constructor(
    private readonly handler: Handler,
    private readonly options: ProbeOptions,
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
    check.integer(`${prop}.failureThreshold`, o.failureThreshold, 1, 100);
    return {
      ...this.renderHandler(check, prop, ports),
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

  /**
   * What the probe checks, with its port as a number, so that two probes that name one port
   * differently (`'http'` and `8080`) compare equal.
   *
   * @internal
   */
  public _target(ports: readonly ContainerPort[]): string {
    const port = this.portOf(ports);
    return JSON.stringify({ ...this.handler, port: port?.containerPort });
  }

  private renderHandler(
    check: PropCheck,
    prop: string,
    ports: readonly ContainerPort[],
  ): Pick<k8s.Probe, 'httpGet' | 'tcpSocket' | 'exec'> {
    if (this.handler.type === 'exec') return { exec: { command: [...this.handler.command] } };
    const wanted = this.options.port ?? ports[0]?.name;
    if (this.portOf(ports) === undefined) {
      const names = ports.map((x) => `'${x.name}'/${x.containerPort}`).join(', ') || 'none';
      check.fail(`${prop}.port`, wanted, `a port the container exposes (${names})`);
    }
    const port =
      typeof wanted === 'number'
        ? k8s.IntOrString.fromNumber(wanted)
        : k8s.IntOrString.fromString(wanted!);
    return this.handler.type === 'httpGet'
      ? { httpGet: { path: this.handler.path, port } }
      : { tcpSocket: { port } };
  }

  /** The container port the probe connects to, if the container exposes it. */
  private portOf(ports: readonly ContainerPort[]): ContainerPort | undefined {
    if (this.handler.type === 'exec') return undefined;
    const wanted = this.options.port ?? ports[0]?.name;
    return ports.find((p) => p.name === wanted || p.containerPort === wanted);
  }
}
