import * as fs from 'fs';
import * as path from 'path';
import { GateReport, checkDocuments } from '../../gate';
import { parseManifests } from '../../model';

/** The folder of the fully valid manifest set every test starts from. */
export const VALID_DIR = path.join(__dirname, 'fixtures', 'valid');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** A fresh copy of the valid manifest set: one entry per document, file names relative. */
export function validSet(dir = VALID_DIR): { file: string; doc: Doc }[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((file) => {
      const { manifests } = parseManifests(fs.readFileSync(path.join(dir, file), 'utf8'), file);
      return manifests.map((m) => ({ file, doc: m.doc }));
    });
}

/** Finds a document of the set by kind (and name, when several share the kind). */
export function pick(docs: { doc: Doc }[], kind: string, name?: string): Doc {
  const found = docs.find(
    (d) => d.doc.kind === kind && (name === undefined || d.doc.metadata.name === name),
  );
  if (found === undefined) throw new Error(`no ${kind} ${name ?? ''} in the valid set`);
  return found.doc;
}

/** Runs the gate on the valid set after `change` edited it. */
export function checkChanged(
  change: (get: (kind: string, name?: string) => Doc, docs: { file: string; doc: Doc }[]) => void,
  dir = VALID_DIR,
): GateReport {
  const docs = validSet(dir);
  change((kind, name) => pick(docs, kind, name), docs);
  return checkDocuments(docs);
}

/** The findings that are not waived, reduced to what tests assert. */
export function problems(
  report: GateReport,
): { rule: string; object: string; path: string; message: string }[] {
  return report.findings
    .filter((f) => f.waived === undefined)
    .map(({ rule, object, path: p, message }) => ({ rule, object, path: p, message }));
}

/** The pod spec of the web Deployment. */
export function webPod(get: (kind: string, name?: string) => Doc): Doc {
  return get('Deployment').spec.template.spec;
}

/** The first container of the web Deployment. */
export function webContainer(get: (kind: string, name?: string) => Doc): Doc {
  return webPod(get).containers[0];
}

/** The path prefix of the web Deployment's pod spec. */
export const POD = 'spec.template.spec';
/** The path prefix of the web Deployment's first container. */
export const CONTAINER = `${POD}.containers[0]`;
/** The object label of the web Deployment. */
export const WEB = 'Deployment/shop/web';
