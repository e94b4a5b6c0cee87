import { PropCheck } from './check';
import { isLabelValue } from './labels';

const DIGEST = /@sha256:[a-f0-9]{64}$/;
/** A tag as registries accept it. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Checks that an image reference pins what runs: a tag other than `latest`, or a digest.
 *
 * @returns the tag, for the `app.kubernetes.io/version` label, when it is a valid label value
 */
export function checkImage(check: PropCheck, prop: string, image: string): string | undefined {
  const allowed =
    "an image with a tag other than 'latest' or a sha256 digest, such as 'nginx:1.27'";
  if (typeof image !== 'string' || image.trim() !== image || image === '') {
    check.fail(prop, image, allowed);
  }
  const withoutDigest = image.replace(DIGEST, '');
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const tag = colon === -1 ? undefined : lastSegment.slice(colon + 1);
  const hasDigest = withoutDigest !== image;
  const badTag = tag !== undefined && (tag === 'latest' || !TAG.test(tag));
  if (badTag || (tag === undefined && !hasDigest) || withoutDigest.includes('@')) {
    check.fail(prop, image, allowed);
  }
  return tag !== undefined && isLabelValue(tag) ? tag : undefined;
}
