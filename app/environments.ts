import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { AutoscalingProps, Color, ContainerResources, ServiceType, SyncPhase } from '../src';

/** Everything that differs between the places the stock-trading app runs. */
export interface EnvironmentConfig {
  /** The environment's name, as given to `APP_ENV`. */
  readonly name: string;
  /** The Namespace that holds the whole environment. */
  readonly namespace: string;
  /** The web front end. */
  readonly web: {
    /** Fixed pods per release, or an autoscaler. */
    readonly scaling: { readonly replicas: number } | { readonly autoscaling: AutoscalingProps };
    /** How the live Service is reached besides the Ingress. */
    readonly serviceType: ServiceType;
    /** A fixed node port for NodePort and LoadBalancer Services. */
    readonly nodePort?: number;
    /** The host name of the Ingress. */
    readonly host: string;
    /** The TLS Secret of the Ingress, for HTTPS. */
    readonly tlsSecretName?: string;
    /** Requests and limits of the web server. */
    readonly resources: ContainerResources;
    /** The release that receives the traffic: the blue/green switch. */
    readonly active: Color;
  };
  /** The REST API (PostgREST) between the web front end and the database. */
  readonly api: {
    /** Fixed number of pods; two or more get a PodDisruptionBudget. */
    readonly replicas: number;
    /** Requests and limits of PostgREST. */
    readonly resources: ContainerResources;
  };
  /** The database. */
  readonly database: {
    /** The size of the data volume. */
    readonly storage: Size;
    /** Requests and limits of PostgreSQL. */
    readonly resources: ContainerResources;
    /**
     * How Argo CD runs the migration Job when it syncs `dist/`: as a hook of this phase, created
     * anew, and so run again, at every sync; undefined: as an ordinary object, which Argo CD cannot
     * update once its pod template changes. `npm run deploy` and `kubectl apply` ignore it.
     * SyncPhase.SYNC runs the migration in its sync wave, once the database is ready;
     * SyncPhase.PRE_SYNC would run it before anything is applied, which suits only a database that
     * already runs (on a first sync, the database does not exist yet).
     */
    readonly migrationHook?: SyncPhase;
  };
}

const minikube: EnvironmentConfig = {
  name: 'minikube',
  namespace: 'stock-trader',
  web: {
    scaling: { replicas: 1 },
    serviceType: ServiceType.NODE_PORT,
    nodePort: 30080,
    host: 'stock-trader.local',
    resources: {
      cpu: { request: Cpu.millis(50), limit: Cpu.millis(200) },
      memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
    },
    active: Color.BLUE,
  },
  api: {
    replicas: 1,
    resources: {
      cpu: { request: Cpu.millis(50), limit: Cpu.millis(250) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
    },
  },
  database: {
    storage: Size.gibibytes(1),
    resources: {
      cpu: { request: Cpu.millis(100), limit: Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
    migrationHook: SyncPhase.SYNC,
  },
};

const production: EnvironmentConfig = {
  name: 'production',
  namespace: 'stock-trader-production',
  web: {
    scaling: { autoscaling: { minReplicas: 3, maxReplicas: 10, targetCpuPercent: 70 } },
    serviceType: ServiceType.LOAD_BALANCER,
    host: 'trade.example.com',
    tlsSecretName: 'stock-trader-tls',
    resources: {
      cpu: { request: Cpu.millis(250), limit: Cpu.millis(1000) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
    active: Color.BLUE,
  },
  api: {
    replicas: 2,
    resources: {
      cpu: { request: Cpu.millis(250), limit: Cpu.millis(1000) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
  },
  database: {
    storage: Size.gibibytes(20),
    resources: {
      cpu: { request: Cpu.millis(500), limit: Cpu.millis(2000) },
      memory: { request: Size.mebibytes(1024), limit: Size.mebibytes(2048) },
    },
    migrationHook: SyncPhase.SYNC,
  },
};

/** The environments the app can be synthesized for, by name. */
export const ENVIRONMENTS: Readonly<Record<string, EnvironmentConfig>> = { minikube, production };

/** The environment of a name, or a clear error listing the known ones. */
export function environmentNamed(name: string): EnvironmentConfig {
  const environment = Object.hasOwn(ENVIRONMENTS, name) ? ENVIRONMENTS[name] : undefined;
  if (!environment) {
    const known = Object.keys(ENVIRONMENTS)
      .map((n) => `'${n}'`)
      .join(', ');
    throw new Error(`APP_ENV must be one of ${known}, got '${name}'`);
  }
  return environment;
}
