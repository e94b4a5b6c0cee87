import { Duration } from 'cdk8s';
import { humanDuration, show } from '../../src/validation/show';

describe('how messages show values', () => {
  test.each([
    ['a string, quoted', 'web', "'web'"],
    ['NaN, as NaN', NaN, 'NaN'],
    ['Infinity', -Infinity, '-Infinity'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['plain data, as JSON', { port: 80, hosts: ['a'] }, '{"port":80,"hosts":["a"]}'],
    ['a class instance, as Node shows it', new Map([['a', 1]]), "Map(1) { 'a' => 1 }"],
    ['a function, by name', function build() {}, 'a function (build)'],
    ['a string with line breaks, on one line', 'a\nb\r\tc\u0000', "'a\\nb\\r\\tc\\u0000'"],
    ['a bigint, with its n', 2n, '2n'],
  ])('%s', (_what, value, shown) => {
    expect(show(value)).toBe(shown);
  });

  test.each([
    [Duration.hours(2), '2 hours'],
    [Duration.hours(1), '1 hour'],
    [Duration.minutes(90), '1 hour 30 minutes'],
    [Duration.days(30), '30 days'],
    [Duration.millis(1500), '1.5 seconds'],
    [Duration.seconds(0), '0 seconds'],
    [Duration.seconds(NaN), 'NaN seconds'],
  ])('a Duration of %s seconds reads as %s', (duration, text) => {
    expect(humanDuration(duration.toSeconds({ integral: false }))).toBe(text);
  });
});
