import { QUALIFIED_NAME } from '../../model/names';
import { PropCheck } from './prop-check';

/**
 * Kubernetes 1.27's limit on an object's annotations (TotalAnnotationSizeLimitB in
 * k8s.io/apimachinery/pkg/api/validation/objectmeta.go): the keys and values together, in bytes.
 */
const TOTAL_ANNOTATION_BYTES = 256 * 1024;

/**
 * Checks the annotations of one object as the API server does (ValidateAnnotations): every key a
 * qualified name (compared in lower case), every value a string, at most 256 KiB in all.
 */
export function checkAnnotations(
  check: PropCheck,
  prop: string,
  annotations: Readonly<Record<string, string>>,
): void {
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    check.grammar(`${prop} key`, key, {
      ...QUALIFIED_NAME,
      test: (k) => QUALIFIED_NAME.test(k.toLowerCase()),
    });
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > TOTAL_ANNOTATION_BYTES) {
    check.fail(
      prop,
      `${bytes} bytes of annotations`,
      `at most ${TOTAL_ANNOTATION_BYTES} bytes (256 KiB) of keys and values together`,
    );
  }
}
