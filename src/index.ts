// The library's public surface: constructs, their props and the value types they take.
export type { AutoscalingProps } from './autoscaling';
export type { ContainerPort } from './ports';
export type {
  ContainerProps,
  NamedContainerProps,
  ServingContainerProps,
  SidecarProps,
} from './container';
export type { DisruptionBudgetProps } from './disruption-budget';
export { EnvValue } from './env';
export { PathType } from './ingress';
export type { IngressPath, WebAppIngressProps } from './ingress';
export { NetworkPeer } from './network-peer';
export type { IngressControllerOptions, NetworkPort } from './network-peer';
export { Probe } from './probe';
export type { ProbeOptions } from './probe';
export type { ContainerResources, CpuResources, MemoryResources } from './resources';
export { Volume } from './volume';
export type { EmptyDirOptions, KeysOptions, VolumeMount } from './volume';
export { ServiceType } from './service';
export type { WebAppPort } from './service';
export { WebApp } from './web-app';
export type { RollingUpdateProps, WebAppProps } from './web-app';
export { Workload } from './workload';
export type { PodSecurityProps, WorkloadProps } from './workload-props';
export { BlueGreenWebApp, Color } from './blue-green-web-app';
export type { BlueGreenWebAppProps, ReleaseProps } from './blue-green-web-app';
export { AccessMode, StatefulApp } from './stateful-app';
export type { StatefulAppProps, VolumeClaimProps } from './stateful-app';
export { ConcurrencyPolicy, CronJob } from './cron-job';
export type { CronJobProps } from './cron-job';
export { HookDeletePolicy, SyncPhase } from './argo-cd-hook';
export type { ArgoCdHook } from './argo-cd-hook';
export { DeployOrder } from './deploy-order';
export type { DeployAfter } from './deploy-order';
export { Job } from './job';
export type { JobProps } from './job';
export { RestartPolicy } from './job-settings';
export type { JobSettings } from './job-settings';
