// The Kubernetes 1.27.0 L1 classes (KubeDeployment, KubeService, ...).
//
// cdk8s-plus-27 ships exactly the code that `cdk8s import k8s@1.27.0` generates, so this file
// re-exports it instead of committing a 2.5 MB copy: installing, building and testing need no
// network, and the library and cdk8s-plus share one set of classes. `npm run import` regenerates
// this folder with `cdk8s import` where the internet is reachable (see README, "imports/").
export * from 'cdk8s-plus-27/lib/imports/k8s';
