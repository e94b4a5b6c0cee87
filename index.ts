// The package's entry point, `require('cdk8s-webapp')`: the constructs (src/) and the synthesis
// runtime that writes them safely (runtime/).
export * from './src';
export * from './runtime';
