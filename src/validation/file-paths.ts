import { Grammar } from '../../model/names';

/**
 * Paths inside a container. Kubernetes 1.27 checks a volume's `subPath` with
 * validateLocalDescendingPath (pkg/apis/core/validation): relative, without a `..` element. The
 * container runtime (runc, containerd) needs a mount destination and a working directory to be
 * absolute, and cannot mount over the root; a ':' would split the runtime's mount syntax.
 */

const hasDotDot = (path: string) => path.split('/').includes('..');

/** Where a volume is mounted, or a writable path: absolute, not `/`, no `..` element, no ':'. */
export const MOUNT_PATH: Grammar = {
  allowed: "an absolute path other than '/', without '..' elements or ':'",
  test: (v) => v.startsWith('/') && /[^/]/.test(v) && !hasDotDot(v) && !v.includes(':'),
};

/** A sub-path of a volume: relative, without `..` elements. */
export const SUB_PATH: Grammar = {
  allowed: "a relative path inside the volume, without '..' elements",
  test: (v) => v !== '' && !v.startsWith('/') && !v.startsWith('\\') && !hasDotDot(v),
};

/** A container's working directory: absolute. */
export const WORKING_DIR: Grammar = {
  allowed: 'an absolute path',
  test: (v) => v.startsWith('/') && !hasDotDot(v),
};
