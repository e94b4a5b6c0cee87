// The package's entry point, `require('cdk8s-webapp')`: the constructs (src/), the synthesis
// runtime that writes them safely (runtime/), and the manifest gate (gate/), also as the cdk8s
// validation plugin `ManifestGate`. The gate's heavy parts (its compiled validators, the YAML
// parser, Ajv) load on first use, so the constructs alone start as fast as before.
export * from './src';
export * from './runtime';
export * from './gate';
