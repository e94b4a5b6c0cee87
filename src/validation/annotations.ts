import { ANNOTATION_KEY, TOTAL_ANNOTATION_BYTES, annotationBytes } from '../../model/names';
import { PropCheck } from './prop-check';

/**
 * Checks the annotations of one object as the API server does (ValidateAnnotations): every key a
 * qualified name (compared in lower case), every value a string, at most 256 KiB in all.
 */
export function checkAnnotations(
  check: PropCheck,
  prop: string,
  annotations: Readonly<Record<string, string>>,
): void {
  for (const key of Object.keys(annotations)) check.grammar(`${prop} key`, key, ANNOTATION_KEY);
  const bytes = annotationBytes(annotations);
  if (bytes > TOTAL_ANNOTATION_BYTES) {
    check.fail(
      prop,
      `${bytes} bytes of annotations`,
      `at most ${TOTAL_ANNOTATION_BYTES} bytes (256 KiB) of keys and values together`,
    );
  }
}
