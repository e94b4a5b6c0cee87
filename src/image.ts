import { PropCheck } from './check';
import { isLabelValue } from './labels';

const DIGEST = /@sha256:[a-f0-9]{64}$/;
/** A tag as registries accept it. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The tag of an image reference (`nginx:1.27@sha256:...` has `1.27`), if it has one. */
function tagOf(image: string): string | undefined {
  const withoutDigest = image.replace(DIGEST, '');
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon === -1 ? undefined : lastSegment.slice(colon + 1);
}

/** The tag of an image, for the `app.kubernetes.io/version` label, when it is a valid label value. */
export function versionLabelOf(image: string): string | undefined {
  const tag = tagOf(image);
  return tag !== undefined && isLabelValue(tag) ? tag : undefined;
}

/** Checks that an image reference pins what runs: a tag other than `latest`, or a digest. */
export function checkImage(check: PropCheck, prop: string, image: string): void {
  const allowed =
    "an image with a tag other than 'latest' or a sha256 digest, such as 'nginx:1.27'";
  if (typeof image !== 'string' || image.trim() !== image || image === '') {
    check.fail(prop, image, allowed);
  }
  const withoutDigest = image.replace(DIGEST, '');
  const tag = tagOf(image);
  const hasDigest = withoutDigest !== image;
  const badTag = tag !== undefined && (tag === 'latest' || !TAG.test(tag));
  if (badTag || (tag === undefined && !hasDigest) || withoutDigest.includes('@')) {
    check.fail(prop, image, allowed);
  }
}
