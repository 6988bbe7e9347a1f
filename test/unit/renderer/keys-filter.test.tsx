import { KEY_SEARCH_FIELDS, KEY_SORT_COLUMNS, MAX_IMPORT_FILE_BYTES } from '../../../core/keys/contract';
import {
  SEARCH_FIELDS,
  SORT_COLUMNS,
  dateRangeProblem,
  defaultDateRange,
  filterFromView,
  nextSort,
  paramsFromView,
  parseLocalDay,
  timeAgo,
  viewFromParams,
  type KeysView,
} from '../../../renderer/src/pages/keys/keys-filter';
import { IMPORT_LIMIT_BYTES } from '../../../renderer/src/pages/keys/use-key-import';

const today = new Date(2026, 10, 30, 15, 4, 5); // 30 Nov 2026, local time

const defaults: KeysView = {
  from: '2026-10-30',
  to: '2026-11-30',
  by: 'all',
  contains: '',
  sort: 'redeemedAt',
  direction: 'desc',
};

describe('Keys page rules', () => {
  it('restates the contract’s lists and import limit exactly (the renderer takes only types from it)', () => {
    expect(SEARCH_FIELDS).toEqual([...KEY_SEARCH_FIELDS]);
    expect(SORT_COLUMNS).toEqual([...KEY_SORT_COLUMNS]);
    expect(IMPORT_LIMIT_BYTES).toBe(MAX_IMPORT_FILE_BYTES);
  });

  it.each([
    ['30 Nov → 30 Oct', new Date(2026, 10, 30), { from: '2026-10-30', to: '2026-11-30' }],
    ['31 Mar → 28 Feb (shorter month)', new Date(2027, 2, 31), { from: '2027-02-28', to: '2027-03-31' }],
    ['31 Mar in a leap year → 29 Feb', new Date(2028, 2, 31), { from: '2028-02-29', to: '2028-03-31' }],
    ['15 Jan → 15 Dec of the year before', new Date(2027, 0, 15), { from: '2026-12-15', to: '2027-01-15' }],
  ])('the default range is the last month: %s', (_name, day, expected) => {
    expect(defaultDateRange(day)).toEqual(expected);
  });

  it.each([
    ['', defaults],
    ['from=2026-01-01&to=2026-02-01', { ...defaults, from: '2026-01-01', to: '2026-02-01' }],
    ['from=any&to=any', { ...defaults, from: null, to: null }],
    ['by=mac&q=3F8F', { ...defaults, by: 'mac', contains: '3F8F' }],
    ['q=%20a%25_%22*', { ...defaults, contains: ' a%_"*' }],
    ['sort=sku', { ...defaults, sort: 'sku', direction: 'asc' }],
    ['sort=mac&dir=desc', { ...defaults, sort: 'mac', direction: 'desc' }],
    // Anything malformed takes its default, so an old or hand-edited link still opens a working page.
    ['from=2026-02-30&to=yesterday', defaults],
    ['by=serial&sort=price&dir=up', defaults],
  ])('the URL ?%s is read as a view', (query, expected) => {
    expect(viewFromParams(new URLSearchParams(query), today)).toEqual(expected);
  });

  it.each<[string, KeysView]>([
    ['the defaults', defaults],
    ['a search by MAC', { ...defaults, by: 'mac', contains: '3F8F', sort: 'mac', direction: 'asc' }],
    ['no dates', { ...defaults, from: null, to: null }],
    ['odd characters', { ...defaults, contains: '%_"* &=#?' }],
  ])('a view survives the round trip through the URL: %s', (_name, view) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(paramsFromView(view))) if (value) params.set(key, String(value));
    expect(viewFromParams(new URLSearchParams(params.toString()), today)).toEqual(view);
  });

  it('the URL carries the dates always, By and Contains only when set', () => {
    expect(paramsFromView(defaults)).toEqual({ from: '2026-10-30', to: '2026-11-30', by: null, q: '', sort: 'redeemedAt', dir: 'desc' });
  });

  it('the filter sends the local days as instants: the start day from midnight to the midnight after the end day', () => {
    const filter = filterFromView({ ...defaults, by: 'sku', contains: '  8210010 ' });
    expect(filter).toEqual({
      from: new Date(2026, 9, 30).toISOString(),
      to: new Date(2026, 11, 1).toISOString(),
      by: 'sku',
      contains: '8210010',
      sort: 'redeemedAt',
      direction: 'desc',
    });
    expect(filterFromView({ ...defaults, from: null, to: null })).toMatchObject({ from: null, to: null });
  });

  it.each([
    ['2026-10-30', '2026-11-30', null],
    ['2026-11-30', '2026-11-30', null],
    ['2026-12-01', '2026-11-30', 'reversed'],
    [null, '2026-11-30', null],
  ])('from %s to %s: %s', (from, to, problem) => {
    expect(dateRangeProblem({ ...defaults, from, to })).toBe(problem);
  });

  it.each([
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['26-1-1', false],
    ['2026-01-01', true],
  ])('%s is a real day: %s', (day, real) => {
    expect(parseLocalDay(day) !== null).toBe(real);
  });

  it.each([
    ['a click on the sorted column turns it around', defaults, 'redeemedAt', 'redeemedAt', 'asc'],
    ['and back', { ...defaults, direction: 'asc' as const }, 'redeemedAt', 'redeemedAt', 'desc'],
    ['another text column starts A→Z', defaults, 'sku', 'sku', 'asc'],
    [
      'the date column starts newest first',
      { ...defaults, sort: 'mac' as const, direction: 'asc' as const },
      'redeemedAt',
      'redeemedAt',
      'desc',
    ],
  ] as const)('%s', (_name, view, clicked, sort, direction) => {
    expect(nextSort(view, clicked)).toMatchObject({ sort, direction });
  });

  it.each([
    ['2026-11-30T15:04:00Z', null],
    ['2026-11-30T14:59:05.000Z', { value: 5, unit: 'minute' }],
    ['2026-11-30T12:04:05.000Z', { value: 3, unit: 'hour' }],
    ['2026-11-28T15:04:05.000Z', { value: 2, unit: 'day' }],
    ['2026-08-30T15:04:05.000Z', { value: 3, unit: 'month' }],
    ['2024-11-30T15:04:05.000Z', { value: 2, unit: 'year' }],
    ['not a time', null],
  ])('synced at %s is %o ago', (at, expected) => {
    expect(timeAgo(at, new Date('2026-11-30T15:04:05.000Z'))).toEqual(expected);
  });
});
