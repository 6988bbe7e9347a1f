import type { SearchResults } from '../../../core/search/contract';
import { defaultHref, isSearchShortcut, optionHref, searchOptions, searchQuery } from '../../../renderer/src/shell/search-options';
import { keyRow, LINCOLN } from './lookup-fixtures';

const OTHER = { ...LINCOLN, mac: '000ADD111111', name: 'Lincoln Annex' };
const CUSTOMER = { customer: 'Lincoln School District', systemCount: 2, mac: '000ADD222222' };
const KEY = keyRow({ mac: '000ADD333333' });

function results(parts: Partial<SearchResults>): SearchResults {
  return { systems: [], customers: [], keys: [], note: null, ...parts };
}

describe('search from anywhere: rules', () => {
  it('lists systems, then customers, then keys, each with an id unique across kinds', () => {
    const options = searchOptions(results({ keys: [KEY], customers: [CUSTOMER], systems: [LINCOLN, OTHER] }));
    expect(options.map((option) => [option.kind, option.id])).toEqual([
      ['system', 'system:000ADD023F8F'],
      ['system', 'system:000ADD111111'],
      ['customer', 'customer:Lincoln School District'],
      ['key', 'key:43XC98-68WTGB-CWMH53-YS4RA9'],
    ]);
    expect(searchOptions(null)).toEqual([]);
  });

  it('a system opens its page, a key opens its system, a customer opens the Keys page filtered to it', () => {
    const [system, customer, key] = searchOptions(results({ systems: [LINCOLN], customers: [CUSTOMER], keys: [KEY] }));
    expect(optionHref(system!)).toBe('#/systems/000ADD023F8F');
    expect(optionHref(customer!)).toBe('#/keys?by=customer&q=Lincoln+School+District');
    expect(optionHref(key!)).toBe('#/systems/000ADD333333');
  });

  it.each([
    ['the first system', results({ systems: [LINCOLN, OTHER], customers: [CUSTOMER], keys: [KEY] }), '#/systems/000ADD023F8F'],
    ['no system: the first key’s system', results({ customers: [CUSTOMER], keys: [KEY] }), '#/systems/000ADD333333'],
    ['only a customer: its system', results({ customers: [CUSTOMER] }), '#/systems/000ADD222222'],
    ['nothing matched: nothing', results({}), null],
    ['no answer yet: nothing', null, null],
  ])('Enter with nothing highlighted opens %s', (_case, answer, href) => {
    expect(defaultHref(answer)).toBe(href);
  });

  it.each([
    ['', null],
    ['   ', null],
    [' 3f8f ', '3f8f'],
    ['%_"*', '%_"*'],
  ])('the query for %j is %j', (text, query) => {
    expect(searchQuery(text)).toBe(query);
  });

  it.each([
    [{ key: 'k', ctrlKey: true }, true],
    [{ key: 'K', ctrlKey: true }, true],
    [{ key: 'k', metaKey: true }, true],
    [{ key: 'k' }, false],
    [{ key: 'k', ctrlKey: true, shiftKey: true }, false],
    [{ key: 'k', ctrlKey: true, altKey: true }, false],
    [{ key: 'j', ctrlKey: true }, false],
  ])('%j is the search shortcut: %s', (event, expected) => {
    expect(isSearchShortcut({ ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...event })).toBe(expected);
  });
});
