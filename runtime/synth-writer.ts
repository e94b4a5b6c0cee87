import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Names, Yaml, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DeployAnnotations, DeployGraph, declaredEdges } from './deploy-graph';
import { stringifyYaml } from './yaml';
import { labelOf } from '../model';

/**
 * Writes an app's manifests exactly as `App.synth()` does by default (one file per chart, named
 * `0000-<chart>.k8s.yaml` in dependency order when charts depend on each other), with the same
 * bytes, in time linear in the size of the app.
 *
 * cdk8s' `App.synth()` is quadratic in the number of charts: `Chart.toJson()` resolves the
 * dependencies of the whole app and validates every construct of it again for each chart it
 * writes. Here both happen once, for the whole app, in the same order as `App.synth()`. Apps that
 * ask for another output type or override `synth()` are left to `App.synth()`, and their files
 * are read back.
 *
 * @param annotations the deploy-order annotations to write (see `DeployGraph`), or false for none
 * @returns every object written, with its file's name, in file order
 * @internal
 */
export function writeManifests(
  app: App,
  annotations: DeployAnnotations | false = {},
): SynthesizedManifest[] {
  if (app.synth !== App.prototype.synth || app.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
    if (annotations) DeployGraph.of(app).annotate(annotations);
    app.synth();
    return readManifests(app.outdir, app.outputFileExtension);
  }
  fs.mkdirSync(app.outdir, { recursive: true });
  const all = app.node.findAll();
  validate(all);
  const declared = declaredEdges(app);
  const { indexed, charts } = resolveDependencies(app, all);
  const apiObjects = charts.map(chartObjects);
  let index = 0;
  const files = charts.map((chart, i) => {
    const name = indexed
      ? `${(index++).toString().padStart(4, '0')}-${Names.toDnsLabel(chart)}`
      : Names.toDnsLabel(chart);
    // A chart that renders itself (an overridden toJson) is asked to, as App.synth() would.
    const objects: ResolvedObject[] =
      chart.toJson === Chart.prototype.toJson
        ? apiObjects[i].map((construct) => ({ construct, doc: construct.toJson() }))
        : Object.values(chart.toJson()).map((doc) => ({ doc }));
    return { file: name + app.outputFileExtension, objects };
  });
  if (annotations) {
    const resolved = files.flatMap((f) => f.objects);
    DeployGraph.fromResolved(app, resolved, declared).annotateResolved(annotations);
  }
  const written: SynthesizedManifest[] = [];
  for (const { file, objects } of files) {
    const docs = objects.map((o) => o.doc);
    fs.writeFileSync(path.join(app.outdir, file), stringifyYaml(docs), { encoding: 'utf8' });
    written.push(...docs.map((doc) => ({ file, doc })));
  }
  // Private in cdk8s' typings: set when the cdk8s CLI runs validation plugins.
  if ((app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata) {
    writeConstructMetadata(app.outdir, apiObjects.flat());
  }
  return written;
}

/**
 * `construct-metadata.json`, which the cdk8s CLI reads to name the construct of each resource a
 * validation plugin reports. cdk8s keys it by `metadata.name` alone, so the objects of one
 * construct that share a name (a WebApp's Deployment, Service, Ingress...) all get the path of
 * the last one. The same keys are written here, and beside them each object's `Kind/namespace/
 * name`, as the gate labels it, which `ManifestGate` reports when it finds it.
 */
function writeConstructMetadata(outdir: string, objects: readonly ApiObject[]): void {
  const resources: Record<string, { path: string }> = {};
  for (const object of objects) resources[object.name] = { path: object.node.path };
  for (const object of objects) {
    const label = labelOf(object.kind, object.metadata.namespace ?? '', object.name);
    resources[label] = { path: object.node.path };
  }
  const metadata = JSON.stringify({ version: '1.0.0', resources });
  fs.writeFileSync(path.join(outdir, 'construct-metadata.json'), metadata);
}

/** An object as resolved, with its construct unless its chart renders itself. */
interface ResolvedObject {
  readonly construct?: ApiObject;
  readonly doc: unknown;
}

/** One object as synthesized, and the file (relative to the output folder) that holds it. */
export interface SynthesizedManifest {
  /** The file's name, such as `0001-web.k8s.yaml`. */
  readonly file: string;
  /** The object, as written. */
  readonly doc: unknown;
}

/** The objects of the manifest files in a folder, in file order. */
function readManifests(dir: string, extension: string): SynthesizedManifest[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(extension))
    .sort()
    .flatMap((file) => Yaml.load(path.join(dir, file)).map((doc) => ({ file, doc })));
}

/** cdk8s' `validate`: every construct's validations, all errors in one message. */
function validate(all: readonly IConstruct[]): void {
  const errors: string[] = [];
  for (const child of all) {
    for (const error of child.node.validate()) errors.push(`[${child.node.path}] ${error}`);
  }
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}

/**
 * cdk8s' `resolveDependencies`, run once, then the charts in the order of `app.charts`. Nested
 * charts and cross-chart construct dependencies become chart dependencies, and construct
 * dependencies become dependencies between their API objects. `indexed` tells whether any chart
 * depends on another (file names then get an index).
 *
 * cdk8s makes every API object of a chart depend on every API object of each chart it depends
 * on: for ten teams' charts that depend on a chart of their namespaces that is quadratic, and
 * `app.charts` then sorts the whole graph. When every dependency declared in the app is between
 * two charts or two API objects, those cross-chart object edges cannot change any order (each
 * chart sorts only its own objects, and no object edge leads to a chart), so they are left out
 * and the charts are sorted on their own graph, exactly as `app.charts` would sort them.
 */
function resolveDependencies(app: App, all: readonly IConstruct[]): ResolvedApp {
  const declared = constructDependencies(all);
  const simple = declared.every(
    ({ source, target }) =>
      (source instanceof Chart && target instanceof Chart) ||
      (source instanceof ApiObject && target instanceof ApiObject),
  );
  let indexed = false;
  for (const parent of all) {
    if (!(parent instanceof Chart)) continue;
    for (const child of parent.node.children) {
      if (child instanceof Chart) {
        parent.node.addDependency(child);
        indexed = true;
      }
    }
  }
  for (const { source, target } of constructDependencies(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      indexed = true;
    }
  }
  const objectsOf = new Map<IConstruct, ApiObject[]>();
  const apiObjects = (scope: IConstruct): ApiObject[] => {
    let found = objectsOf.get(scope);
    if (found === undefined) {
      const chart = Chart.of(scope);
      found = scope.node
        .findAll()
        .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
      objectsOf.set(scope, found);
    }
    return found;
  };
  for (const { source, target } of constructDependencies(all)) {
    // No graph that is sorted holds both ends of an edge between two top-level charts.
    if (simple && topLevel(source) !== topLevel(target)) continue;
    const sources = apiObjects(source);
    for (const targetObject of apiObjects(target)) {
      for (const sourceObject of sources) {
        if (targetObject !== sourceObject) sourceObject.node.addDependency(targetObject);
      }
    }
  }
  return { indexed, charts: (simple && sortCharts(all)) || app.charts };
}

interface ResolvedApp {
  readonly indexed: boolean;
  readonly charts: readonly Chart[];
}

/** The child of the app that holds a construct. */
function topLevel(construct: IConstruct): IConstruct {
  const scopes = construct.node.scopes;
  return scopes[Math.min(1, scopes.length - 1)];
}

/**
 * The charts in `app.charts` order when only charts depend on charts: `DependencyGraph`'s
 * depth-first post-order from the charts nothing depends on, taken in the order of the graph's
 * vertex table (keyed by path). Undefined on a cycle, for `app.charts` to report.
 */
function sortCharts(all: readonly IConstruct[]): Chart[] | undefined {
  const byPath: Record<string, Chart> = {};
  for (const c of all) if (c instanceof Chart) byPath[c.node.path] = c;
  const charts = Object.values(byPath);
  const dependencies = new Map<Chart, Chart[]>();
  const dependedOn = new Set<Chart>();
  for (const chart of charts) {
    const deps = chart.node.dependencies.filter(
      (d): d is Chart => d instanceof Chart && byPath[d.node.path] === d,
    );
    dependencies.set(chart, deps);
    deps.forEach((d) => dependedOn.add(d));
  }
  const order: Chart[] = [];
  const done = new Set<Chart>();
  const visiting = new Set<Chart>();
  const visit = (chart: Chart): boolean => {
    if (done.has(chart)) return true;
    if (visiting.has(chart)) return false;
    visiting.add(chart);
    if (!dependencies.get(chart)!.every(visit)) return false;
    visiting.delete(chart);
    done.add(chart);
    order.push(chart);
    return true;
  };
  for (const chart of charts) if (!dependedOn.has(chart) && !visit(chart)) return undefined;
  return order.length === charts.length ? order : undefined;
}

function constructDependencies(all: readonly IConstruct[]) {
  return all.flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
}

/** cdk8s' `chartToKube`: the chart's own API objects, in dependency order. */
function chartObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
}
