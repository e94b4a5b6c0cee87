import * as path from 'path';
import { checkDirectories } from '../../gate';

const UNREADABLE = path.join(__dirname, 'fixtures', 'unreadable');

describe('the gate fails closed', () => {
  test('a document whose aliases expand beyond the parser’s limit (a "billion laughs" file) is an error', () => {
    const report = checkDirectories([path.join(UNREADABLE, 'billion-laughs.yaml')], UNREADABLE);
    expect(report.errors).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        file: 'billion-laughs.yaml',
        rule: 'yaml-syntax',
        message: expect.stringMatching(/^cannot be read in full: Excessive alias count/),
      }),
    ]);
  });

  test('a tag the parser cannot resolve is an error, not a value read some other way', () => {
    const report = checkDirectories([path.join(UNREADABLE, 'unresolved-tag.yaml')], UNREADABLE);
    expect(report.errors).toBe(1);
    expect(report.findings[0]).toMatchObject({
      object: 'ConfigMap/tagged',
      rule: 'yaml-syntax',
      message: 'Unresolved tag: !custom at line 6',
    });
  });

  test('an unquoted yes, on or n, a string to YAML 1.2 but a boolean to kubectl, is an error', () => {
    const report = checkDirectories([path.join(UNREADABLE, 'yaml-1.1-booleans.yaml')], UNREADABLE);
    expect(report.findings).toEqual([
      expect.objectContaining({
        object: 'ConfigMap/shop/flags',
        rule: 'yaml-ambiguous',
        message:
          "unquoted yes is a string here but a boolean to kubectl, which reads YAML 1.1: quote it ('yes') at line 7",
      }),
      expect.objectContaining({
        rule: 'yaml-ambiguous',
        message: expect.stringMatching(/^unquoted on /),
      }),
    ]);
    expect(report.errors).toBe(2);
  });
});
