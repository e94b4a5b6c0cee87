import { isLabelValue } from './labels';
import { parseImageReference } from './validation/image-reference';
import { PropCheck } from './validation/prop-check';

const PINNED =
  "an image reference pinned by a tag other than 'latest' or by a digest, such as 'nginx:1.27' or 'ghcr.io/acme/web@sha256:…'";

/** The tag of an image, for the `app.kubernetes.io/version` label, when it is a valid label value. */
export function versionLabelOf(image: string): string | undefined {
  const tag = parseImageReference(image)?.tag;
  return tag !== undefined && isLabelValue(tag) ? tag : undefined;
}

/**
 * Checks that an image reference follows the container image reference grammar and pins what
 * runs: a tag other than `latest`, or a digest.
 */
export function checkImage(check: PropCheck, prop: string, image: unknown): void {
  if (typeof image !== 'string') check.fail(prop, image, PINNED);
  const reference = parseImageReference(image);
  if (reference === undefined) {
    check.fail(
      prop,
      image,
      `${PINNED}; it must follow the image reference grammar (lower-case repository, no spaces or empty parts)`,
    );
  }
  if (
    reference.digest === undefined &&
    (reference.tag === undefined || reference.tag === 'latest')
  ) {
    check.fail(prop, image, PINNED);
  }
}
