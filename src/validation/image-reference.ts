/**
 * Container image references, by the grammar of github.com/distribution/reference
 * (reference.go, regexp.go), which container runtimes use to parse `image`:
 *
 *     reference        := name [ ":" tag ] [ "@" digest ]
 *     name             := [domain "/"] remote-name          (at most 255 characters)
 *     domain           := host [":" port-number]
 *     host             := domain-name | "[" IPv6address "]"
 *     domain-name      := domain-component ["." domain-component]...
 *     domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]...[a-zA-Z0-9]
 *     remote-name      := path-component ["/" path-component]...
 *     path-component   := alpha-numeric [separator alpha-numeric]...
 *     alpha-numeric    := [a-z0-9]...
 *     separator        := "." | "_" | "__" | "-"...
 *     tag              := [A-Za-z0-9_] followed by up to 127 of [A-Za-z0-9_.-]
 *     digest           := algorithm ":" at least 32 hex digits
 *     algorithm        := [A-Za-z][A-Za-z0-9]... ([-_+.] [A-Za-z][A-Za-z0-9]...)...
 *
 * ("..." means "repeated"; the regular expressions below are the ones in regexp.go.)
 */

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** An image reference taken apart. */
export interface ImageReference {
  /** The repository, with its registry when given: `ghcr.io/acme/web`. */
  readonly name: string;
  /** The tag, such as `1.27.2-alpine`. */
  readonly tag?: string;
  /** The digest, such as `sha256:…`. */
  readonly digest?: string;
}

/**
 * Parses an image reference; `undefined` when it does not follow the grammar (spaces, an
 * upper-case repository, an empty path component such as `ghcr.io/acme/:1.0`, a name over 255
 * characters).
 */
export function parseImageReference(image: string): ImageReference | undefined {
  const match = REFERENCE.exec(image);
  if (match === null || match[1].length > 255) return undefined;
  return { name: match[1], tag: match[2], digest: match[3] };
}
