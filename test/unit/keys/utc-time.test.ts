import { toUtcIso } from '../../../core/domain/utc-time';

describe('toUtcIso: every stored time is UTC with milliseconds', () => {
  it.each([
    ['Z with milliseconds', '2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05.000Z'],
    ['Z without a fraction', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['lower-case z', '2026-01-02T03:04:05z', '2026-01-02T03:04:05.000Z'],
    ['positive offset', '2026-01-02T05:04:05+02:00', '2026-01-02T03:04:05.000Z'],
    ['negative offset crossing midnight', '2026-01-01T22:04:05-05:00', '2026-01-02T03:04:05.000Z'],
    ['offset crossing a year', '2026-01-01T01:30:00+05:30', '2025-12-31T20:00:00.000Z'],
    ['offset without a colon', '2026-01-02T05:04:05+0200', '2026-01-02T03:04:05.000Z'],
    ['microseconds truncated to milliseconds', '2026-01-02T03:04:05.123456Z', '2026-01-02T03:04:05.123Z'],
    ['one fraction digit', '2026-01-02T03:04:05.5+01:00', '2026-01-02T02:04:05.500Z'],
    ['no seconds', '2026-01-02T03:04Z', '2026-01-02T03:04:00.000Z'],
    ['a space instead of T', '2026-01-02 03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['leap day', '2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
  ])('%s', (_name, input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });

  it.each([
    ['no offset (local time is ambiguous)', '2026-01-02T03:04:05'],
    ['a date alone', '2026-01-02'],
    ['an impossible date', '2026-02-30T00:00:00Z'],
    ['an impossible hour', '2026-01-02T24:00:00Z'],
    ['an impossible offset', '2026-01-02T03:04:05+25:00'],
    ['a US date', '10/14/2009 4:55:28 PM'],
    ['empty', ''],
    ['text', 'yesterday'],
  ])('%s → null (the caller decides)', (_name, input) => {
    expect(toUtcIso(input)).toBeNull();
  });
});
