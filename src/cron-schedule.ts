import { PropCheck } from './validation/prop-check';
import { show } from './validation/show';

/**
 * Cron schedules and time zones as the Kubernetes 1.27 API server accepts them: its validation
 * parses `spec.schedule` with robfig/cron v3's `ParseStandard` and loads `spec.timeZone` with Go's
 * `time.LoadLocation`. The checks here are the same, or stricter where Kubernetes accepts a
 * schedule that cannot mean what was written (see {@link scheduleProblem}).
 */

/** The macros robfig/cron's standard parser accepts besides five fields, as they are spelled. */
const SCHEDULE_MACROS = [
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
] as const;

const MONTH_NAMES = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** The most days each month can have (February in a leap year), for schedules that never fire. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for the values from `min` on, matched case-insensitively. */
  readonly names?: readonly string[];
  /** Whether '?' (no specific value) may stand for '*'. */
  readonly question?: boolean;
  /** What the field allows, for messages. */
  readonly allowed: string;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59, allowed: '0-59' },
  { name: 'hour', min: 0, max: 23, allowed: '0-23' },
  { name: 'day-of-month', min: 1, max: 31, question: true, allowed: '1-31' },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, allowed: '1-12 or JAN-DEC' },
  {
    name: 'day-of-week',
    min: 0,
    max: 6,
    names: DAY_NAMES,
    question: true,
    allowed: '0-6 or SUN-SAT (Kubernetes does not accept 7 for Sunday)',
  },
];

/** The values one field selects, and whether it was written as '*' or '?' (any value). */
interface ParsedField {
  readonly values: ReadonlySet<number>;
  readonly any: boolean;
}

/** Thrown inside the parser; turned into the returned problem text. */
class Problem {
  public constructor(public readonly text: string) {}
}

/**
 * Why a schedule is not one Kubernetes runs as written, or `undefined` when it is valid. The text
 * continues a sentence that starts with the prop name: `field 2 (hour) must be 0-23, got '25' in
 * '0 25 * * *'`.
 *
 * Accepted: five fields (minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or JAN-DEC,
 * day-of-week 0-6 or SUN-SAT), each a comma-separated list of `*`, a value, a range `a-b`, each
 * optionally with a step `/n`; `?` for `*` in day-of-month and day-of-week; and the macros of
 * {@link SCHEDULE_MACROS}. Kubernetes' parser also takes `?` in the other fields, `@every
 * <duration>`, empty list items and `*-5`; they are refused here because the Kubernetes
 * documentation does not describe them. Refused beyond Kubernetes: a step larger than the field
 * (a minute step of 61 runs once an hour, not every 61 minutes), and a day of the month that none
 * of the selected months has (`0 0 30 2 *` never runs).
 */
export function scheduleProblem(schedule: string): string | undefined {
  try {
    parseSchedule(schedule);
    return undefined;
  } catch (e) {
    if (e instanceof Problem) return e.text;
    throw e;
  }
}

/** Checks a CronJob schedule, throwing the construct's standard message naming the bad field. */
export function checkSchedule(check: PropCheck, prop: string, schedule: string): void {
  if (typeof schedule !== 'string') {
    check.fail(prop, schedule, "a cron schedule such as '0 3 * * *' or '@daily'");
  }
  const problem = scheduleProblem(schedule);
  if (problem !== undefined) throw new Error(check.message(`${prop} ${problem}`));
}

/** A time zone name's path component, as Kubernetes' validation allows it, starting upper-case. */
const TIME_ZONE_PART = /^[A-Z][A-Za-z._\-0-9+]{0,13}$/;

/**
 * Checks a CronJob time zone: an IANA name, spelled exactly (`Europe/Berlin`, `Etc/UTC`), that
 * Node's time zone database knows. `Local` and offsets such as `+01:00` are refused, as Kubernetes
 * refuses them.
 */
export function checkTimeZone(check: PropCheck, prop: string, timeZone: string | undefined): void {
  if (timeZone === undefined) return;
  const allowed = "an IANA time zone name such as 'Europe/Berlin' or 'Etc/UTC'";
  if (typeof timeZone !== 'string') check.fail(prop, timeZone, allowed);
  const parts = timeZone.split('/');
  if (!parts.every((part) => TIME_ZONE_PART.test(part))) check.fail(prop, timeZone, allowed);
  if (timeZone.toLowerCase() === 'local') {
    check.fail(prop, timeZone, `${allowed}; 'Local' is the controller's zone, not a name`);
  }
  // Intl ignores case, but the tz database Kubernetes loads does not.
  const exact = [...UNIVERSAL_ZONES, ...Intl.supportedValuesOf('timeZone')].find(
    (zone) => zone.toLowerCase() === timeZone.toLowerCase(),
  );
  if (exact !== undefined && exact !== timeZone) {
    check.fail(prop, timeZone, `spelled exactly as in the IANA database ('${exact}')`);
  }
  if (exact !== undefined) return;
  // Removed from the tz database in 2020b (the API server's Go loads a current one), while Node's
  // ICU data still knows them.
  if (timeZone === 'US/Pacific-New' || timeZone.startsWith('SystemV/')) {
    check.fail(prop, timeZone, `${allowed}; it was removed from the IANA database in 2020b`);
  }
  // An alias (`US/Pacific`): only a formatter knows it, and the first one costs 25 ms of ICU data.
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    check.fail(prop, timeZone, `${allowed} that the IANA time zone database knows`);
  }
}

/**
 * The zones of the tz database's `etcetera` file and their `backward` links, which
 * `Intl.supportedValuesOf('timeZone')` leaves out: UTC under its names, and whole-hour offsets
 * (`Etc/GMT+5` is five hours behind).
 */
const UNIVERSAL_ZONES: readonly string[] = [
  ...['UTC', 'UCT', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich', 'Universal', 'Zulu'],
  ...['UTC', 'UCT', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich', 'Universal', 'Zulu'].map(
    (name) => `Etc/${name}`,
  ),
  ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`),
];

function parseSchedule(schedule: string): void {
  const fiveFields =
    'five fields (minute hour day-of-month month day-of-week) or one of the macros ' +
    SCHEDULE_MACROS.join(', ');
  if (schedule.includes('TZ')) {
    throw new Problem(
      `must be without a TZ= or CRON_TZ= prefix (Kubernetes refuses it; set the timeZone prop instead), got ${show(schedule)}`,
    );
  }
  if (schedule.startsWith('@')) {
    if (schedule.startsWith('@every')) {
      throw new Problem(
        `must be five fields or one of the macros ${SCHEDULE_MACROS.join(', ')}; @every is undocumented for CronJobs (write e.g. '*/5 * * * *'), got ${show(schedule)}`,
      );
    }
    if (!(SCHEDULE_MACROS as readonly string[]).includes(schedule)) {
      throw new Problem(`must be ${fiveFields}, got ${show(schedule)}`);
    }
    return;
  }
  const texts = schedule.trim().split(/\s+/);
  if (schedule.trim() === '' || texts.length !== FIELDS.length) {
    throw new Problem(`must be ${fiveFields}, got ${show(schedule)}`);
  }
  const parsed = texts.map((text, i) => parseField(text, i, schedule));
  const [, , dom, month, dow] = parsed;
  // robfig/cron matches day-of-month alone when day-of-week is '*' or '?'.
  const possible = [...month.values].some((m) =>
    [...dom.values].some((d) => d <= DAYS_IN_MONTH[m - 1]),
  );
  if (dow.any && !possible) {
    throw new Problem(
      `fields 3-4 (day-of-month, month) must name a day that exists in one of the months, got ${show(`${texts[2]} ${texts[3]}`)} in ${show(schedule)}: the schedule would never run`,
    );
  }
}

function parseField(text: string, index: number, schedule: string): ParsedField {
  const field = FIELDS[index];
  const label = `field ${index + 1} (${field.name})`;
  const fail = (what: string, allowed: string, got: string): never => {
    throw new Problem(`${label}${what} must be ${allowed}, got ${show(got)} in ${show(schedule)}`);
  };
  const values = new Set<number>();
  let any = false;
  for (const item of text.split(',')) {
    const match = /^([^/-]+)(?:-([^/-]+))?(?:\/([^/-]+))?$/.exec(item);
    if (!match) {
      const allowed = `${field.allowed}: a value, '*', a range 'a-b' or a step '/n', or a comma-separated list of them`;
      fail('', allowed, item || text);
    }
    const [, low, high, stepText] = match!;
    let start: number;
    let end: number;
    const wildcard = low === '*' || (low === '?' && field.question === true);
    if (wildcard) {
      if (high !== undefined) fail('', `${field.allowed}; '*' takes no range`, item);
      [start, end] = [field.min, field.max];
    } else {
      if (low === '?') fail('', `${field.allowed} ('?' only in day-of-month and day-of-week)`, low);
      start = parseValue(low, field, (got) => fail('', field.allowed, got));
      end =
        high === undefined ? start : parseValue(high, field, (got) => fail('', field.allowed, got));
      if (start > end) {
        fail(
          ' range',
          "from low to high (it cannot wrap around; write a list such as '22-23,0-2')",
          item,
        );
      }
    }
    let step = 1;
    if (stepText !== undefined) {
      const span = field.max - field.min;
      step = /^\d+$/.test(stepText) ? Number(stepText) : NaN;
      if (!(step >= 1 && step <= span)) fail(' step', `from 1 to ${span}`, stepText);
      // robfig/cron: 'n/step' means 'n-max/step'.
      if (high === undefined && !wildcard) end = field.max;
    }
    if (wildcard && step === 1) any = true;
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return { values, any };
}

function parseValue(text: string, field: CronField, fail: (got: string) => never): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named !== -1) return field.min + named;
  if (!/^\d+$/.test(text)) return fail(text);
  const value = Number(text);
  if (value < field.min || value > field.max) return fail(text);
  return value;
}
