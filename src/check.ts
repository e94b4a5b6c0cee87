import { Duration } from 'cdk8s';
import { Construct } from 'constructs';

/** A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1123 subdomain: dot-separated DNS-1123 labels. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Shows a received value in an error message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * Validates the props of one construct and throws plain `Error`s that name the construct path,
 * the prop and the received value, and say what is allowed:
 * `WebApp 'chart/web': replicas must be an integer from 1 to 1000, got -2`.
 */
export class PropCheck {
  /**
   * @param kind the construct's class name, as users write it
   * @param scope the construct whose props are checked
   */
  public constructor(
    private readonly kind: string,
    private readonly scope: Construct,
  ) {}

  /** Throws the standard message: `<prop> must be <allowed>, got <value>`. */
  public fail(prop: string, value: unknown, allowed: string): never {
    throw new Error(this.message(`${prop} must be ${allowed}, got ${show(value)}`));
  }

  /** Prefixes a free-form sentence with the construct's kind and path. */
  public message(text: string): string {
    return `${this.kind} '${this.scope.node.path}': ${text}`;
  }

  /** An integer from `min` to `max`, inclusive; `undefined` passes. */
  public integer(prop: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.fail(prop, value, `an integer from ${min} to ${max}`);
    }
  }

  /**
   * A Duration of a whole number of seconds from `min` to `max`, or the fallback when the user gave
   * none; returns the seconds.
   */
  public duration(
    prop: string,
    value: Duration | undefined,
    fallback: Duration,
    min: number,
    max: number,
  ): number {
    const duration = value ?? fallback;
    if (typeof (duration as Partial<Duration>)?.toSeconds !== 'function') {
      this.fail(prop, value, 'a Duration, such as Duration.minutes(10)');
    }
    const seconds = duration.toSeconds({ integral: false });
    if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
      const range = `${Duration.seconds(min).toHumanString()} to ${Duration.seconds(max).toHumanString()}`;
      this.fail(prop, duration.toHumanString(), `a whole number of seconds from ${range}`);
    }
    return seconds;
  }

  /** A DNS-1123 label of at most `maxLength` characters (Kubernetes object and port names). */
  public dnsLabel(prop: string, value: string | undefined, maxLength = 63): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || value.length > maxLength || !DNS_LABEL.test(value)) {
      this.fail(
        prop,
        value,
        `a DNS-1123 label of at most ${maxLength} characters (lower-case letters, digits and '-', starting and ending with a letter or digit)`,
      );
    }
  }

  /** A DNS-1035 label: a DNS-1123 label that starts with a letter, as Service names must be. */
  public dns1035Label(prop: string, value: string | undefined, maxLength = 63): void {
    this.dnsLabel(prop, value, maxLength);
    if (value !== undefined && !/^[a-z]/.test(value)) {
      this.fail(
        prop,
        value,
        `a DNS-1035 label of at most ${maxLength} characters (it names a Service: a DNS-1123 label that starts with a letter)`,
      );
    }
  }

  /** A DNS-1123 subdomain of at most 253 characters (host names, Secret and ConfigMap names). */
  public dnsSubdomain(prop: string, value: string | undefined): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
      this.fail(
        prop,
        value,
        "a DNS-1123 subdomain of at most 253 characters (lower-case letters, digits, '-' and '.')",
      );
    }
  }

  /** A value that is one of `allowed`. */
  public oneOf<T>(prop: string, value: T | undefined, allowed: readonly T[]): void {
    if (value === undefined) return;
    if (!allowed.includes(value)) this.fail(prop, value, `one of ${allowed.map(show).join(', ')}`);
  }

  /** Keys of a list must be unique: reports the first repeated one. */
  public unique(prop: string, keys: readonly string[]): void {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) this.fail(prop, key, 'unique; this one is repeated');
      seen.add(key);
    }
  }
}
