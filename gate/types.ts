/** How bad a finding is: errors fail the gate, warnings are only reported. */
export type Severity = 'error' | 'warning';

/** A problem found in one object, with the rule that found it. */
export interface Finding {
  /** The file that holds the object. */
  readonly file: string;
  /** The object as `Kind/namespace/name` (`Kind/name` without a namespace), or `-` if unknown. */
  readonly object: string;
  /** The field path inside the object, such as `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** The kebab-case id of the rule, as listed in `gate/RULES.md`. */
  readonly rule: string;
  /** Errors fail the gate unless waived. */
  readonly severity: Severity;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /** The reason given in the object's waiver annotation, when the finding is waived. */
  readonly waived?: string;
}

/** The outcome of one run of the gate. */
export interface GateReport {
  /** The number of YAML files read. */
  readonly files: number;
  /** The number of non-empty documents checked. */
  readonly documents: number;
  /** The number of findings that are errors and not waived: the gate passes when it is 0. */
  readonly errors: number;
  /** The number of findings that are warnings and not waived. */
  readonly warnings: number;
  /** The number of waived findings. */
  readonly waived: number;
  /** Every finding, waived ones included, in file and document order. */
  readonly findings: readonly Finding[];
}
