import * as k8s from '../imports/k8s';
import { ContainerProps, ServingContainerProps, renderContainer } from './container';
import { checkMounts, writableVolumeName } from './mounts';
import { ContainerPort } from './ports';
import { PropCheck } from './validation/prop-check';
import { Volume } from './volume';

/**
 * What one pod holds: its containers (the main one, sidecars, init containers) and the volumes
 * they share, checked together as Kubernetes and the container runtime see them: container names
 * once, no port name or number in two containers, mounts of declared volumes only, and one
 * emptyDir per writable path.
 */
export class PodContainers {
  private main?: k8s.Container;
  private readonly sidecars: k8s.Container[] = [];
  private readonly inits: k8s.Container[] = [];
  private readonly writablePaths = new Set<string>();
  /** Every port of the pod's long-running containers, with the prop of its container. */
  private readonly ports: { port: ContainerPort; prop: string }[] = [];

  /**
   * @param volumes the pod's volumes by name
   * @param claimedVolumes volumes the controller provides (a StatefulSet's claim templates)
   */
  public constructor(
    private readonly check: PropCheck,
    private readonly volumes: Readonly<Record<string, Volume>>,
    private readonly claimedVolumes: readonly string[],
  ) {
    for (const volume of Object.keys(volumes)) {
      check.dnsLabel(`volumes.${volume}`, volume);
      if (claimedVolumes.includes(volume)) {
        check.fail(
          `volumes.${volume}`,
          volume,
          'a name no volume claim has (the claim would silently win)',
        );
      }
    }
  }

  /** Sets the main container. */
  public setMain(name: string, props: ContainerProps, serving?: ServingContainerProps): void {
    this.main = this.render('', name, props, serving);
  }

  /** Adds a helper that runs beside the main container. */
  public addSidecar(
    prop: string,
    name: string,
    props: ContainerProps,
    serving: ServingContainerProps,
  ): void {
    this.sidecars.push(this.render(prop, name, props, serving));
  }

  /** Adds a container that runs to completion before the others start. */
  public addInit(prop: string, name: string, props: ContainerProps): void {
    this.inits.push(this.render(prop, name, props));
  }

  /** The number of sidecars so far. */
  public get sidecarCount(): number {
    return this.sidecars.length;
  }

  /** The number of init containers so far. */
  public get initCount(): number {
    return this.inits.length;
  }

  /** The long-running containers, the main one first. */
  public containers(): k8s.Container[] {
    return [this.main!, ...this.sidecars];
  }

  /** The init containers, or `undefined` when there are none. */
  public initContainers(): k8s.Container[] | undefined {
    return this.inits.length ? this.inits : undefined;
  }

  /** The pod's volumes: the declared ones, then an emptyDir per writable path. */
  public renderVolumes(): k8s.Volume[] | undefined {
    const volumes = [
      ...Object.entries(this.volumes).map(([name, volume]) => volume._toKube(name)),
      ...[...this.writablePaths].map((path) => Volume.emptyDir()._toKube(writableVolumeName(path))),
    ];
    return volumes.length ? volumes : undefined;
  }

  private render(
    prop: string,
    name: string,
    props: ContainerProps,
    serving?: ServingContainerProps,
  ): k8s.Container {
    const within = (field: string) => (prop ? `${prop}.${field}` : field);
    const taken = [this.main, ...this.sidecars, ...this.inits].filter((c) => c !== undefined);
    if (taken.some((c) => c.name === name)) {
      this.check.fail(within('name'), name, 'unique among the containers of the pod');
    }
    const declared = [...Object.keys(this.volumes), ...this.claimedVolumes];
    checkMounts(this.check, within, props, declared);
    const container = renderContainer({ check: this.check, prop, name }, props, serving);
    this.claimPorts(prop, within('ports'), serving?.ports ?? []);
    props.writablePaths?.forEach((path) =>
      this.claimWritablePath(within('writablePaths'), path, declared),
    );
    return container;
  }

  /** Refuses a port whose name or number another container of the pod already has. */
  private claimPorts(container: string, prop: string, ports: readonly ContainerPort[]): void {
    ports.forEach((port, i) => {
      for (const other of this.ports) {
        const clash =
          other.port.name === port.name
            ? 'name'
            : other.port.containerPort === port.containerPort
              ? 'number'
              : undefined;
        if (clash === undefined) continue;
        this.check.fail(
          `${prop}[${i}].${clash === 'name' ? 'name' : 'containerPort'}`,
          clash === 'name' ? port.name : port.containerPort,
          `a port ${clash} no other container of the pod uses (${other.prop || 'the main container'} has it)`,
        );
      }
    });
    this.ports.push(...ports.map((port) => ({ port, prop: container })));
  }

  /** Refuses a writable path whose emptyDir name a volume or another writable path has. */
  private claimWritablePath(prop: string, path: string, declared: readonly string[]): void {
    const volume = writableVolumeName(path);
    const owner =
      [...this.writablePaths].find((p) => p !== path && writableVolumeName(p) === volume) ??
      declared.find((v) => v === volume);
    if (owner !== undefined) {
      this.check.fail(
        prop,
        path,
        `a path whose emptyDir name '${volume}' is not taken ('${owner}' has it)`,
      );
    }
    this.writablePaths.add(path);
  }
}
