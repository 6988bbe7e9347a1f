// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SearchResults } from '../../../core/search/contract';
import { SearchField } from '../../../renderer/src/shell/SearchField';
import { FakeCore } from './fake-core';
import { answerWith, keyRow, LINCOLN } from './lookup-fixtures';
import { renderWithCore } from './render-app';
import { say } from '../../../core/messages/say';

const ANNEX = { ...LINCOLN, mac: '000ADD111111', name: 'Lincoln Annex', customer: 'Lincoln School District' };
const CUSTOMER = { customer: 'Lincoln School District', systemCount: 2, mac: '000ADD023F8F' };

function setup(answer: (query: string) => SearchResults) {
  const core = new FakeCore();
  answerWith(core, { 'search.all': ({ query }: { query: string }) => answer(query) });
  renderWithCore(
    <>
      <SearchField />
      <button type="button">elsewhere</button>
    </>,
    core,
  );
  return core;
}

const lincoln = (note: SearchResults['note'] = null): SearchResults => ({
  systems: [LINCOLN, ANNEX],
  customers: [CUSTOMER],
  keys: [keyRow({ mac: '000ADD222222' })],
  note,
});

const field = () => screen.getByRole<HTMLInputElement>('combobox', { name: 'Search' });

function type(text: string) {
  fireEvent.focus(field());
  fireEvent.change(field(), { target: { value: text } });
}

describe('search from anywhere', () => {
  beforeEach(() => {
    window.location.hash = '#/redeem';
  });

  it('as you type: results grouped by kind in a listbox; the placeholder says what it searches and the shortcut', async () => {
    const core = setup(() => lincoln());
    expect(field().getAttribute('placeholder')).toBe('Search MAC, code, key, system, customer (Ctrl+K)');
    type('linc');
    const listbox = await screen.findByRole('listbox');
    expect(field().getAttribute('aria-expanded')).toBe('true');
    const groups = within(listbox).getAllByRole('group');
    expect(groups.map((group) => group.getAttribute('aria-label'))).toEqual(['Systems', 'Customers', 'Keys']);
    expect(
      within(groups[0]!)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Lincoln Elementary00:0A:DD:02:3F:8F · Lincoln School District',
      'Lincoln Annex00:0A:DD:11:11:11 · Lincoln School District',
    ]);
    expect(within(groups[1]!).getByRole('option').textContent).toBe('Lincoln School DistrictSystems: 2');
    expect(within(groups[2]!).getByRole('option').textContent).toContain('43XC98-68WTGB-CWMH53-YS4RA9');
    expect(core.callsTo('search.all')).toEqual([{ query: 'linc', limit: 8 }]);
  });

  it('Enter with nothing highlighted opens the first system, and the field empties', async () => {
    setup(() => lincoln());
    type('linc');
    await screen.findByRole('listbox');
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/systems/000ADD023F8F'));
    expect(field().value).toBe('');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('Enter typed before the answer arrived still opens the first system of exactly what was typed', async () => {
    const core = setup((query) => (query === 'annex' ? { ...lincoln(), systems: [ANNEX] } : lincoln()));
    type('annex');
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/systems/000ADD111111'));
    expect(core.callsTo('search.all')).toContainEqual({ query: 'annex', limit: 8 });
  });

  it('the arrow keys move through the results; Enter opens the highlighted one (a key opens its system, a customer the Keys page)', async () => {
    setup(() => lincoln());
    type('linc');
    await screen.findByRole('listbox');
    fireEvent.keyDown(field(), { key: 'ArrowDown' });
    fireEvent.keyDown(field(), { key: 'ArrowDown' });
    expect(field().getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/systems/000ADD111111'));

    type('lin');
    await screen.findByRole('listbox');
    for (let i = 0; i < 4; i++) fireEvent.keyDown(field(), { key: 'ArrowDown' });
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/systems/000ADD222222'));

    type('linco');
    await screen.findByRole('listbox');
    fireEvent.click(screen.getByRole('option', { name: /^Lincoln School District/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/keys?by=customer&q=Lincoln+School+District'));
  });

  it('Escape clears the text and closes the list, in one press', async () => {
    setup(() => lincoln());
    type('linc');
    await screen.findByRole('listbox');
    fireEvent.keyDown(field(), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(field().value).toBe('');
    expect(window.location.hash).toBe('#/redeem');
  });

  it('leaving for another page clears the search', async () => {
    setup(() => lincoln());
    type('linc');
    await screen.findByRole('listbox');
    act(() => {
      window.location.hash = '#/keys';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(field().value).toBe(''));
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('a short query shows the core’s note above the results; nothing matching says so', async () => {
    setup((query) => (query === 'li' ? lincoln(say('searchNote.shortQuery')) : { systems: [], customers: [], keys: [], note: null }));
    type('li');
    expect(await screen.findByRole('note')).toHaveProperty(
      'textContent',
      'With 1 or 2 characters only the start of MACs, codes, keys, names and customers is matched.',
    );
    type('zzzz');
    expect(await screen.findByText('Nothing on this computer matches “zzzz”.')).toBeTruthy();
    await act(async () => void fireEvent.keyDown(field(), { key: 'Enter' }));
    expect(screen.getByText('Nothing on this computer matches “zzzz”.')).toBeTruthy();
    expect(window.location.hash).toBe('#/redeem');
  });

  it('Ctrl+K (or ⌘+K) from anywhere focuses the search field', () => {
    setup(() => lincoln());
    const elsewhere = screen.getByRole('button', { name: 'elsewhere' });
    act(() => elsewhere.focus());
    act(() => void fireEvent.keyDown(elsewhere, { key: 'k', ctrlKey: true }));
    expect(document.activeElement).toBe(field());
    act(() => elsewhere.focus());
    act(() => void fireEvent.keyDown(elsewhere, { key: 'k', metaKey: true }));
    expect(document.activeElement).toBe(field());
  });

  it('a narrow window: an icon button opens the field over the app bar; Escape puts it away', async () => {
    const original = window.matchMedia;
    // Every media query matches: MUI's breakpoints.down('sm') says the window is narrow.
    window.matchMedia = (query: string) =>
      ({
        matches: true,
        media: query,
        onchange: null,
        addEventListener() {},
        removeEventListener() {},
        addListener() {},
        removeListener() {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
    try {
      setup(() => lincoln());
      expect(screen.queryByRole('combobox', { name: 'Search' })).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: 'Search (Ctrl+K)' }));
      await waitFor(() => expect(document.activeElement).toBe(field()));
      type('linc');
      await screen.findByRole('listbox');
      fireEvent.keyDown(field(), { key: 'Escape' });
      await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
      expect(field().value).toBe('');
      fireEvent.keyDown(field(), { key: 'Escape' });
      await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Search' })).toBeNull());
      expect(screen.getByRole('button', { name: 'Search (Ctrl+K)' })).toBeTruthy();
    } finally {
      window.matchMedia = original;
    }
  });
});
