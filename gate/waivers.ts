import { Issue, RuleInfo } from './context';
import { KubeObject, joinPath } from '../model';

/** The annotation prefix of a waiver: `gate.cdk8s-webapp.dev/waive.<rule-id>: "<reason>"`. */
export const WAIVER_PREFIX = 'gate.cdk8s-webapp.dev/waive.';

/** The rules about waivers themselves; they cannot be waived. */
export const WAIVER_RULES: readonly RuleInfo[] = [
  { id: 'waiver-reason', waivable: false },
  { id: 'waiver-unknown-rule', waivable: false },
];

/**
 * Reads the waiver annotations of an object: rule id -> reason, for the waivers that are valid.
 * Invalid ones (an empty reason, a rule that does not exist or cannot be waived) are reported
 * as issues and waive nothing.
 */
export function readWaivers(
  object: KubeObject,
  rules: ReadonlyMap<string, RuleInfo>,
  issues: Issue[],
): Map<string, string> {
  const waivers = new Map<string, string>();
  for (const [key, value] of Object.entries(object.annotations)) {
    if (!key.startsWith(WAIVER_PREFIX)) continue;
    const rule = key.slice(WAIVER_PREFIX.length);
    const path = joinPath('metadata.annotations', key);
    const info = rules.get(rule);
    if (info === undefined || !info.waivable) {
      issues.push({
        object,
        path,
        rule: 'waiver-unknown-rule',
        message:
          info === undefined
            ? `'${rule}' is not a rule of the gate; see gate/RULES.md`
            : `rule '${rule}' cannot be waived`,
      });
    } else if (value.trim() === '') {
      issues.push({
        object,
        path,
        rule: 'waiver-reason',
        message: `the waiver of '${rule}' must give a reason`,
      });
    } else {
      waivers.set(rule, value.trim());
    }
  }
  return waivers;
}
