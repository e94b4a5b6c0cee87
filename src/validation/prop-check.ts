import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Grammar, dns1035Label, dnsLabel } from '../../model/names';
import { DURATION, Shape } from './shapes';
import { humanDuration, show } from './show';

/** A cdk8s Duration, as far as the checks use it. */
interface DurationLike {
  toSeconds(options: { integral: boolean }): number;
}

/**
 * Validates the props of one construct (or the arguments of one factory) and throws plain
 * `Error`s that name the construct path, the prop and the received value, and say what is
 * allowed: `WebApp 'chart/web': replicas must be an integer from 1 to 1000, got -2`.
 */
export class PropCheck {
  /**
   * The check of a construct about to be made with `scope` and `id`, after checking those two:
   * the scope must be a construct inside a Chart, the id a string that no sibling has.
   *
   * @param kind the construct's class name, as users write it
   */
  public static forConstruct(kind: string, scope: unknown, id: unknown): PropCheck {
    const bare: PropCheck = new PropCheck(kind);
    if (!isConstruct(scope)) {
      bare.fail('scope', scope, 'a construct: a Chart, or a construct inside one');
    }
    if (typeof id !== 'string' || id === '') bare.fail('id', id, 'a non-empty string');
    const check: PropCheck = new PropCheck(
      kind,
      scope.node.path === '' ? id : `${scope.node.path}/${id}`,
    );
    if (!scope.node.scopes.some((s) => Chart.isChart(s))) {
      check.fail(
        'scope',
        scope.node.path || scope.constructor.name,
        'a Chart, or a construct inside one',
      );
    }
    const sibling = scope.node.tryFindChild(id);
    if (sibling !== undefined) {
      check.fail(
        'id',
        id,
        `unique among the children of ${show(scope.node.path)} (a ${sibling.constructor.name} has it)`,
      );
    }
    return check;
  }

  /**
   * @param kind the construct's class name (or a factory's name, such as `Probe.exec`)
   * @param path the construct's path; none for a factory
   */
  public constructor(
    private readonly kind: string,
    private readonly path?: string,
  ) {}

  /** Throws the standard message: `<prop> must be <allowed>, got <value>`. */
  public fail(prop: string, value: unknown, allowed: string): never {
    throw new Error(this.message(`${prop} must be ${allowed}, got ${show(value)}`));
  }

  /** Prefixes a free-form sentence with the construct's kind and path. */
  public message(text: string): string {
    return this.path === undefined
      ? `${this.kind}: ${text}`
      : `${this.kind} ${show(this.path)}: ${text}`;
  }

  /** Checks the runtime type of a value and everything in it (see `shapes.ts`). */
  public shape(prop: string, value: unknown, shape: Shape): void {
    const misfit = shape.misfit(value, prop);
    if (misfit !== undefined) this.fail(misfit.path || 'props', misfit.value, misfit.allowed);
  }

  /** A string that follows a grammar; `undefined` passes. */
  public grammar(prop: string, value: unknown, grammar: Grammar): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || !grammar.test(value)) this.fail(prop, value, grammar.allowed);
  }

  /** An integer from `min` to `max`, inclusive; `undefined` passes. */
  public integer(prop: string, value: unknown, min: number, max: number): void {
    if (value === undefined) return;
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      this.fail(prop, value, `an integer from ${min} to ${max}`);
    }
  }

  /**
   * A Duration of a whole number of seconds from `min` to `max`, or the fallback when the user gave
   * none; returns the seconds.
   */
  public duration(
    prop: string,
    value: unknown,
    fallback: DurationLike,
    min: number,
    max: number,
  ): number {
    const duration = value ?? fallback;
    if (typeof (duration as Partial<DurationLike>)?.toSeconds !== 'function') {
      this.fail(prop, value, DURATION.allowed);
    }
    const seconds = (duration as DurationLike).toSeconds({ integral: false });
    if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
      this.fail(
        prop,
        humanDuration(seconds),
        `a whole number of seconds from ${humanDuration(min)} to ${humanDuration(max)}`,
      );
    }
    return seconds;
  }

  /** A DNS-1123 label of at most `maxLength` characters (Kubernetes object and volume names). */
  public dnsLabel(prop: string, value: unknown, maxLength = 63): void {
    this.grammar(prop, value, dnsLabel(maxLength));
  }

  /** A DNS-1035 label: a DNS-1123 label that starts with a letter, as Service names must be. */
  public dns1035Label(prop: string, value: unknown, maxLength = 63): void {
    this.grammar(prop, value, dns1035Label(maxLength));
  }

  /** A value that is one of `allowed`. */
  public oneOf<T>(prop: string, value: unknown, allowed: readonly T[]): void {
    if (value === undefined) return;
    if (!allowed.includes(value as T))
      this.fail(prop, value, `one of ${allowed.map(show).join(', ')}`);
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

function isConstruct(value: unknown): value is Construct {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<IConstruct>).node?.tryFindChild === 'function'
  );
}
