import { KubeObject, ReadProblem, parseManifests, readManifestFiles, toKubeObject } from '../model';

/** A set of manifests that could not be read: a YAML syntax error or a duplicate key. */
export class ManifestReadError extends Error {}

/**
 * Reads every `*.yaml` / `*.yml` / `*.json` document under a folder (or a single file) as Kubernetes
 * objects.
 *
 * @throws UnreadablePathError if the path cannot be read
 * @throws ManifestReadError if a document is not well-formed YAML
 */
export function loadObjects(dir: string): KubeObject[] {
  const read = readManifestFiles([dir]);
  failOnProblems(read.problems);
  return read.manifests.map(toKubeObject);
}

/**
 * Parses YAML texts that are not files on disk (such as `git show REF:dist/x.yaml`).
 *
 * @param texts file name to YAML text
 * @throws ManifestReadError if a document is not well-formed YAML
 */
export function parseObjects(texts: ReadonlyMap<string, string>): KubeObject[] {
  const results = [...texts].map(([file, source]) => parseManifests(source, file));
  failOnProblems(results.flatMap((r) => r.problems));
  return results.flatMap((r) => r.manifests).map(toKubeObject);
}

function failOnProblems(problems: readonly ReadProblem[]): void {
  if (problems.length > 0) {
    const first = problems[0];
    throw new ManifestReadError(`${first.file}: ${first.message}`);
  }
}
