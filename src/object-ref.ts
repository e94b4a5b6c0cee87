import type * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DNS_SUBDOMAIN_NAME } from '../model/names';
import { PropCheck } from './validation/prop-check';

/** A ConfigMap as users hold it: its name, a cdk8s-plus `ConfigMap`, or an L1 `KubeConfigMap`. */
export type ConfigMapRef = string | kplus.IConfigMap | k8s.KubeConfigMap;

/** A Secret as users hold it: its name, a cdk8s-plus `Secret`, or an L1 `KubeSecret`. */
export type SecretRef = string | kplus.ISecret | k8s.KubeSecret;

/** What a reference names, and the construct that writes it (when the user gave one). */
export interface ResolvedRef {
  /** The object's name. */
  readonly name: string;
  /** The construct of the object, for ordering: what uses it comes after it. */
  readonly construct?: IConstruct;
}

/**
 * The name a ConfigMap or Secret reference stands for: a name as given, or the name of the object
 * (a cdk8s-plus resource or an L1 object), which must be of the kind wanted.
 */
export function resolveRef(
  check: PropCheck,
  arg: string,
  ref: unknown,
  kind: 'ConfigMap' | 'Secret',
): ResolvedRef {
  const allowed = `a ${kind} name, a cdk8s-plus ${kind}, or a Kube${kind}`;
  const name = typeof ref === 'string' ? ref : objectName(ref, kind);
  if (name === undefined) check.fail(arg, ref, allowed);
  check.grammar(arg, name, DNS_SUBDOMAIN_NAME);
  const construct =
    typeof ref === 'object' && ref !== null && 'node' in ref ? (ref as IConstruct) : undefined;
  return { name, construct };
}

/** The name of an object of one kind: anything with a string `name` and that `kind`. */
function objectName(ref: unknown, kind: string): string | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined;
  const { name, kind: actual } = ref as { name?: unknown; kind?: unknown };
  return typeof name === 'string' && actual === kind ? name : undefined;
}
