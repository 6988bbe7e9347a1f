import fs from 'node:fs';
import path from 'node:path';
import { dateFormatter, dateTimeFormatter, displayMac } from '../../../renderer/src/i18n/format';
import { sourceFiles } from '../../support/source-files';

describe('one date and time style for the whole renderer', () => {
  // A fixed moment, shown in the zone of the machine running the test: built from local parts.
  const local = new Date(2026, 11, 4, 15, 35, 46);

  it.each([
    ['en', local, 'Dec 4, 2026, 3:35 PM'],
    ['en-GB', local, '4 Dec 2026, 15:35'],
    ['de', local, '04.12.2026, 15:35'],
  ])('date and time in %s: medium date, time to the minute', (language, value, expected) => {
    expect(dateTimeFormatter(language)(value).replace(/\u202f/g, ' ')).toBe(expected);
  });

  it('takes ISO times as the core sends them (the same moment whatever the zone)', () => {
    expect(dateTimeFormatter('en')(local.toISOString()).replace(/\u202f/g, ' ')).toBe('Dec 4, 2026, 3:35 PM');
  });

  it.each([
    ['an ISO time', local.toISOString(), 'Dec 4, 2026'],
    ['a calendar day is that day here, not midnight UTC', '2026-12-04', 'Dec 4, 2026'],
    ['a Date', local, 'Dec 4, 2026'],
  ])('the date alone: %s', (_name, value, expected) => {
    expect(dateFormatter('en')(value)).toBe(expected);
  });

  it('shows a value that is not a time as it is, never "Invalid Date"', () => {
    expect(dateTimeFormatter('en')('yesterday')).toBe('yesterday');
    expect(dateFormatter('en')('')).toBe('');
  });
});

describe('displayMac: the canonical form everywhere', () => {
  it.each([
    ['stored compact', '000ADDFE0018', '00:0A:DD:FE:00:18'],
    ['compact lower case', '000addfe0018', '00:0A:DD:FE:00:18'],
    ['with dashes', '00-0a-dd-fe-00-18', '00:0A:DD:FE:00:18'],
    ['with dots', '000a.ddfe.0018', '00:0A:DD:FE:00:18'],
    ['already canonical', '00:0A:DD:FE:00:18', '00:0A:DD:FE:00:18'],
    ['not a MAC: as it is', '00:0A:DD', '00:0A:DD'],
    ['six digits (a file quoting what was typed): as it is', 'FE0018', 'FE0018'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(displayMac(input)).toBe(expected);
  });
});

describe('the renderer formats dates and MACs only through i18n/format.ts', () => {
  const rendererSrc = path.resolve(__dirname, '..', '..', '..', 'renderer', 'src');
  const sources = sourceFiles(rendererSrc).map((file) => ({
    file: path.relative(rendererSrc, file).replace(/\\/g, '/'),
    text: fs.readFileSync(file, 'utf8'),
  }));
  const offending = (pattern: RegExp, allowed: string[]) =>
    sources.filter(({ file, text }) => !allowed.includes(file) && pattern.test(text)).map(({ file }) => file);

  it('the scan reads the real sources (so the checks below can fail)', () => {
    expect(sources.some(({ file }) => file === 'i18n/format.ts')).toBe(true);
    expect(offending(/Intl\.DateTimeFormat/, [])).toEqual(['i18n/format.ts']);
  });

  it('no date or time is formatted anywhere else', () => {
    expect(offending(/Intl\.DateTimeFormat|toLocale(Date|Time)String|Date\([^)]*\)\.toLocaleString/, ['i18n/format.ts'])).toEqual([]);
  });

  it('no MAC is formatted anywhere else', () => {
    expect(offending(/\bformatMac\(/, ['i18n/format.ts'])).toEqual([]);
  });
});
