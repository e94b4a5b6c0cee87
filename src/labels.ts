import { LABEL_VALUE_TEXT } from '../model/names';

/** The label that names a workload; with the component it is the whole, immutable pod selector. */
export const NAME_LABEL = 'app.kubernetes.io/name';
/** The label of the role a workload plays (web, database, migration, ...). */
const COMPONENT_LABEL = 'app.kubernetes.io/component';
/** The label of the larger application a workload belongs to. */
const PART_OF_LABEL = 'app.kubernetes.io/part-of';
/** The label of the running version: changes with every release, so never part of a selector. */
const VERSION_LABEL = 'app.kubernetes.io/version';
/** The label of the tool that manages the objects. */
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Whether a string may stand as a label value. */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE_TEXT.test(value);
}

/** The inputs to the `app.kubernetes.io/*` recommended labels of one workload. */
export interface RecommendedLabelProps {
  /** The workload's name. */
  readonly name: string;
  /** Its role within the application. */
  readonly component: string;
  /** The application it is part of; omitted when not given. */
  readonly partOf?: string;
  /** The version it runs (an image tag); omitted when not known. */
  readonly version?: string;
}

/** The labels that select a workload's pods: stable across releases, unique per workload. */
export function selectorLabels(props: RecommendedLabelProps): Record<string, string> {
  return { [NAME_LABEL]: props.name, [COMPONENT_LABEL]: props.component };
}

/** All recommended labels, for every object a workload writes and for its pods. */
export function recommendedLabels(props: RecommendedLabelProps): Record<string, string> {
  return {
    ...selectorLabels(props),
    ...(props.partOf === undefined ? {} : { [PART_OF_LABEL]: props.partOf }),
    ...(props.version === undefined ? {} : { [VERSION_LABEL]: props.version }),
    [MANAGED_BY_LABEL]: 'cdk8s',
  };
}
