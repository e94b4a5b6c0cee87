// Writes gate/schema/kubernetes-1.27.json, the schema the manifest gate validates against:
//
//   kinds    the object kinds a Kubernetes 1.27 API server serves, `apiVersion kind` to the id of
//            their schema: those the API server's own OpenAPI definitions name in
//            `x-kubernetes-group-version-kind` (the `_definitions.json` that
//            `cdk8s import k8s@1.27.0` downloads), lists and shared meta types left out, that
//            `kubernetes-models` has a schema for (it ships none for alpha APIs, which are off by
//            default);
//   schemas  the JSON schema of each of those kinds and of every type they refer to, as
//            `kubernetes-models` 4.3.x ships them (Kubernetes 1.27.1, from the OpenAPI v3 document:
//            enums, formats and nullable fields included).
//
// Run it when the gate moves to another Kubernetes version; the gate reads only the committed file.
//
//   node scripts/vendor-kubernetes-schema.mjs <path/to/_definitions.json>
//
// `kubernetes-models` publishes each schema only as a module that registers it, and the schemas it
// refers to, through `register(id, schema)` of `@kubernetes-models/validate`. This script is the
// one place that relies on that layout: it takes `register` over to collect the schemas.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const definitionsFile = process.argv[2];
if (!definitionsFile) {
  console.error('usage: node scripts/vendor-kubernetes-schema.mjs <path/to/_definitions.json>');
  process.exit(2);
}
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));
const modelsRequire = createRequire(require.resolve('kubernetes-models'));
const registry = modelsRequire('@kubernetes-models/validate');
const all = {};
registry.register = (id, schema) => {
  all[id] = schema;
};
const schemaDir = path.join(path.dirname(require.resolve('kubernetes-models')), '_schemas');
for (const file of fs
  .readdirSync(schemaDir)
  .filter((f) => f.endsWith('.js'))
  .sort()) {
  modelsRequire(path.join(schemaDir, file)).addSchema();
}

const { definitions } = JSON.parse(fs.readFileSync(definitionsFile, 'utf8'));
const kinds = {};
for (const [id, definition] of Object.entries(definitions)) {
  for (const { group, version, kind } of definition['x-kubernetes-group-version-kind'] ?? []) {
    const ownPackage = id.endsWith(`.${version}.${kind}`) && !id.includes('.apimachinery.');
    if (!ownPackage || kind.endsWith('List') || all[id] === undefined) continue;
    kinds[`${group === '' ? '' : `${group}/`}${version} ${kind}`] = id;
  }
}

// The schemas the kinds need: theirs and every one they refer to (`"$ref": "<id>#"`).
const schemas = {};
const visit = (id) => {
  if (schemas[id] !== undefined) return;
  schemas[id] = all[id];
  for (const [, ref] of JSON.stringify(all[id]).matchAll(/"\$ref":"([^"#]+)#"/g)) visit(ref);
};
Object.values(kinds).sort().forEach(visit);

const sorted = (value) =>
  Array.isArray(value)
    ? value.map(sorted)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sorted(value[key])]),
        )
      : value;
const { version } = require('kubernetes-models/package.json');
const target = path.join(root, 'gate', 'schema', 'kubernetes-1.27.json');
const source = `kinds from the Kubernetes 1.27.0 OpenAPI definitions; schemas from kubernetes-models ${version}`;
fs.writeFileSync(target, `${JSON.stringify(sorted({ source, kinds, schemas }))}\n`);
console.log(
  `wrote ${path.relative(root, target)}: ${Object.keys(kinds).length} kinds, ${Object.keys(schemas).length} schemas`,
);
