import { PropCheck } from '../src/validation/prop-check';
import { checkSchedule, checkTimeZone, scheduleProblem } from '../src/cron-schedule';

describe('scheduleProblem', () => {
  test.each([
    '0 3 * * *',
    '*/15 * * * *',
    '0 9-17 * * MON-FRI',
    '30 2 1,15 * *',
    '0 0 ? * sun',
    '0 0 1 jan,Jul ?',
    '5/20 */2 * * 1-5/2',
    '0 0 31 * *',
    '0 0 30 2 1',
    '  0 3   * * *  ',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
  ])('accepts %p', (schedule) => {
    expect(scheduleProblem(schedule)).toBeUndefined();
  });

  test.each([
    ['60 * * * *', "field 1 (minute) must be 0-59, got '60' in '60 * * * *'"],
    ['0 25 * * *', "field 2 (hour) must be 0-23, got '25' in '0 25 * * *'"],
    ['0 0 0 * *', "field 3 (day-of-month) must be 1-31, got '0' in '0 0 0 * *'"],
    ['0 0 32 * *', "field 3 (day-of-month) must be 1-31, got '32' in '0 0 32 * *'"],
    ['0 0 * 13 *', "field 4 (month) must be 1-12 or JAN-DEC, got '13' in '0 0 * 13 *'"],
    ['0 0 * FOO *', "field 4 (month) must be 1-12 or JAN-DEC, got 'FOO' in '0 0 * FOO *'"],
    [
      '0 0 * * 7',
      "field 5 (day-of-week) must be 0-6 or SUN-SAT (Kubernetes does not accept 7 for Sunday), got '7' in '0 0 * * 7'",
    ],
    [
      '0 22-2 * * *',
      "field 2 (hour) range must be from low to high (it cannot wrap around; write a list such as '22-23,0-2'), got '22-2'",
    ],
    ['*/0 * * * *', "field 1 (minute) step must be from 1 to 59, got '0' in '*/0 * * * *'"],
    ['*/61 * * * *', "field 1 (minute) step must be from 1 to 59, got '61' in '*/61 * * * *'"],
    [
      '? * * * *',
      "field 1 (minute) must be 0-59 ('?' only in day-of-month and day-of-week), got '?'",
    ],
    ['1,,2 * * * *', "field 1 (minute) must be 0-59: a value, '*', a range 'a-b' or a step '/n'"],
    ['*-5 * * * *', "field 1 (minute) must be 0-59; '*' takes no range, got '*-5'"],
    [
      '0 0 30 2 *',
      "fields 3-4 (day-of-month, month) must name a day that exists in one of the months, got '30 2'",
    ],
    ['0 0 31 4,6,9,11 *', 'the schedule would never run'],
    [
      '* * * *',
      "must be five fields (minute hour day-of-month month day-of-week) or one of the macros @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, got '* * * *'",
    ],
    [
      '0 * * * * *',
      'must be five fields (minute hour day-of-month month day-of-week) or one of the macros',
    ],
    ['', 'must be five fields (minute hour day-of-month month day-of-week) or one of the macros'],
    [
      '@reboot',
      "or one of the macros @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, got '@reboot'",
    ],
    [
      '@every 5m',
      "@every is undocumented for CronJobs (write e.g. '*/5 * * * *'), got '@every 5m'",
    ],
    [
      'CRON_TZ=UTC 0 3 * * *',
      'must be without a TZ= or CRON_TZ= prefix (Kubernetes refuses it; set the timeZone prop instead)',
    ],
    ['TZ=Europe/Berlin 0 3 * * *', 'set the timeZone prop instead'],
  ])('fails if the schedule is %p', (schedule, problem) => {
    expect(scheduleProblem(schedule)).toContain(problem);
  });
});

describe('checkSchedule and checkTimeZone', () => {
  const check = new PropCheck('CronJob', 'test');

  test('prefixes the problem with the construct kind, path and prop', () => {
    expect(() => checkSchedule(check, 'schedule', '0 25 * * *')).toThrow(
      "CronJob 'test': schedule field 2 (hour) must be 0-23, got '25' in '0 25 * * *'",
    );
  });

  test('fails if the schedule is not a string', () => {
    expect(() => checkSchedule(check, 'schedule', 3 as unknown as string)).toThrow(
      "CronJob 'test': schedule must be a cron schedule such as '0 3 * * *' or '@daily', got 3",
    );
  });

  test.each(['Europe/Berlin', 'Etc/UTC', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+1'])(
    'accepts the time zone %p',
    (timeZone) => {
      expect(() => checkTimeZone(check, 'timeZone', timeZone)).not.toThrow();
    },
  );

  test.each([
    ['+01:00', "must be an IANA time zone name such as 'Europe/Berlin' or 'Etc/UTC', got '+01:00'"],
    [
      'Europe/Berlin ',
      "must be an IANA time zone name such as 'Europe/Berlin' or 'Etc/UTC', got 'Europe/Berlin '",
    ],
    [
      'europe/berlin',
      "must be an IANA time zone name such as 'Europe/Berlin' or 'Etc/UTC', got 'europe/berlin'",
    ],
    ['Local', "'Local' is the controller's zone, not a name, got 'Local'"],
    ['Mars/Olympus', "that the IANA time zone database knows, got 'Mars/Olympus'"],
    ['US/Pacific-New', "it was removed from the IANA database in 2020b, got 'US/Pacific-New'"],
    ['SystemV/AST4', "it was removed from the IANA database in 2020b, got 'SystemV/AST4'"],
    [
      'Europe/BERLIN',
      "must be spelled exactly as in the IANA database ('Europe/Berlin'), got 'Europe/BERLIN'",
    ],
  ])('fails if the time zone is %p', (timeZone, message) => {
    expect(() => checkTimeZone(check, 'timeZone', timeZone)).toThrow(message);
  });
});
