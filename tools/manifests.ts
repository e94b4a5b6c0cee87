import { findYamlFiles, loadFiles, parseYaml } from '../gate/load';
import { KubeObject, toKubeObject } from '../gate/objects';
import { Finding, Manifest } from '../gate/types';

/** A set of manifests that could not be read: a YAML syntax error or a duplicate key. */
export class ManifestReadError extends Error {}

/**
 * Reads every `*.yaml` / `*.yml` document under a folder (or a single file) with the manifest
 * gate's loader, as Kubernetes objects.
 *
 * @throws UnreadablePathError if the path cannot be read
 * @throws ManifestReadError if a document is not well-formed YAML
 */
export function loadObjects(dir: string): KubeObject[] {
  const loaded = loadFiles(findYamlFiles([dir]));
  failOnFindings(loaded.findings);
  return loaded.manifests.map(toKubeObject);
}

/**
 * Parses YAML texts that are not files on disk (such as `git show REF:dist/x.yaml`).
 *
 * @param texts file name to YAML text
 * @throws ManifestReadError if a document is not well-formed YAML
 */
export function parseObjects(texts: ReadonlyMap<string, string>): KubeObject[] {
  const manifests: Manifest[] = [];
  const findings: Finding[] = [];
  for (const [file, text] of texts) {
    const parsed = parseYaml(text, file);
    manifests.push(...parsed.manifests);
    findings.push(...parsed.findings);
  }
  failOnFindings(findings);
  return manifests.map(toKubeObject);
}

function failOnFindings(findings: readonly Finding[]): void {
  if (findings.length > 0) {
    const first = findings[0];
    throw new ManifestReadError(`${first.file}: ${first.message}`);
  }
}
