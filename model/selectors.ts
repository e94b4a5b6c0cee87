import { isRecord, list, record, stringMap } from './data';

type Labels = Readonly<Record<string, string>>;

/** True when a plain selector (Service `spec.selector`) matches a label set. */
export function mapSelects(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * True when a `LabelSelector` (`matchLabels` and `matchExpressions`) matches a label set. An
 * empty selector matches everything, as in NetworkPolicy `podSelector: {}`.
 */
export function labelSelectorSelects(selector: unknown, labels: Labels): boolean {
  if (!isRecord(selector)) return false;
  const { matchLabels, matchExpressions } = record(selector);
  if (!mapSelects(stringMap(matchLabels), labels)) return false;
  return list(matchExpressions).every((expression) => {
    const { key, operator, values } = record(expression);
    if (typeof key !== 'string') return false;
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In':
        return has && list(values).includes(labels[key]);
      case 'NotIn':
        return !has || !list(values).includes(labels[key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/** True when a `LabelSelector` has neither `matchLabels` nor `matchExpressions` entries. */
export function isEmptySelector(selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  const { matchLabels, matchExpressions } = record(selector);
  return Object.keys(record(matchLabels)).length === 0 && list(matchExpressions).length === 0;
}
