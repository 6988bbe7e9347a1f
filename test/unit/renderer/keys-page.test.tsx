// @vitest-environment jsdom
import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../core/rpc/errors';
import { MAX_IMPORT_FILE_BYTES, type KeyFilter } from '../../../core/keys/contract';
import type { ExportedFile } from '../../../core/export/contract';
import { KeysPage } from '../../../renderer/src/pages/keys/KeysPage';
import { FakeCore, layOutScrollers, sentText } from './fake-core';
import { FakeKeys, fakeKeyRows } from './keys-fake-core';
import { renderWithCore } from './render-app';
import { say } from '../../../core/messages/say';

// Two cores are shared with other work: give the page time rather than fail on a slow machine.
configure({ asyncUtilTimeout: 5000 });

const NOW = new Date('2026-11-30T15:04:00.000Z');
const now = () => NOW;

layOutScrollers();

beforeEach(() => {
  window.history.replaceState(null, '', '#/keys');
});

function setup(rows = fakeKeyRows(5)) {
  const core = new FakeCore();
  const keys = new FakeKeys(core);
  keys.rows = rows;
  const saved: ExportedFile[] = [];
  renderWithCore(<KeysPage now={now} save={(file) => saved.push(file)} />, core);
  return { core, keys, saved };
}

const table = () => screen.getByRole('table', { name: 'Feature keys' });
/** The body rows' auth codes, in the order shown. */
const shownCodes = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).queryAllByRole('cell')[2]?.textContent ?? '')
    .filter(Boolean);
const lastList = (core: FakeCore) => core.callsTo('keys.list').at(-1) as { filter: KeyFilter; after: string | null; limit: number };

describe('Keys page', () => {
  it('lists the last month of keys newest first, with the count, the portal columns and when the cache was synced', async () => {
    const { core } = setup();
    await waitFor(() => expect(screen.getByText('5 keys')).toBeTruthy());
    expect(screen.getByText('Last synced 5 minutes ago')).toBeTruthy();
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual(['SKU', 'Distributor', 'Auth Code', 'Feature Key', 'MAC', 'System Name', 'Redeemed', 'Details']);
    expect(shownCodes()[0]).toBe('AAAAAA-BBBBBB-CCCCCC-000004');
    expect(screen.getByRole('columnheader', { name: 'Redeemed' }).getAttribute('aria-sort')).toBe('descending');
    expect(lastList(core)).toMatchObject({ after: null, filter: { by: 'all', contains: '', sort: 'redeemedAt', direction: 'desc' } });
    expect(new Date(lastList(core).filter.from!).getMonth()).toBe(9); // October, a month back
    expect((screen.getByLabelText('Start Date') as HTMLInputElement).value).toMatch(/^2026-10-/);
    expect((screen.getByLabelText('End Date') as HTMLInputElement).value).toMatch(/^2026-11-30$/);
    // The imported, not yet confirmed key is marked.
    expect(within(table()).getAllByRole('img', { name: 'Imported from a portal export, not yet confirmed by a sync' })).toHaveLength(1);
    expect(within(table()).getAllByText('00:0A:DD:02:3F:8F').length).toBeGreaterThan(0);
  });

  it('says when the cache was never synced, when the count is bounded, and the core’s note', async () => {
    const { keys } = setup(fakeKeyRows(12));
    keys.lastSyncedAt = null;
    keys.countBound = 10;
    keys.note = 'Queries of 1–2 characters match the start of codes, keys, MACs and names only.';
    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: 'A' } });
    await waitFor(() => expect(screen.getByText('more than 10 keys')).toBeTruthy());
    expect(screen.getByText("Never synced: sign in and sync, or import the portal's export")).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('1–2 characters');
  });

  it('typing in Contains searches after a pause and rewrites the URL; Enter searches at once', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    const before = window.history.length;
    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: 'Ware' } });
    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: 'Warehouse' } });
    await waitFor(() => expect(lastList(core).filter.contains).toBe('Warehouse'));
    expect(window.location.hash).toMatch(/^#\/keys\?/);
    expect(new URLSearchParams(window.location.hash.split('?')[1]).get('q')).toBe('Warehouse');
    // One history entry for the search typed, not one per keystroke.
    expect(window.history.length).toBe(before + 1);
    await waitFor(() => expect(shownCodes()).toEqual(['AAAAAA-BBBBBB-CCCCCC-000003', 'AAAAAA-BBBBBB-CCCCCC-000000']));

    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: '000001' } });
    fireEvent.submit(screen.getByRole('search'));
    expect(new URLSearchParams(window.location.hash.split('?')[1]).get('q')).toBe('000001');
    await waitFor(() => expect(shownCodes()).toEqual(['AAAAAA-BBBBBB-CCCCCC-000001']));
  });

  it('By and the dates narrow the search; a reversed range says so and asks nothing', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'By' }));
    fireEvent.click(await screen.findByRole('option', { name: 'System Name' }));
    await waitFor(() => expect(lastList(core).filter.by).toBe('systemName'));
    expect(window.location.hash).toContain('by=systemName');

    const calls = core.callsTo('keys.list').length;
    fireEvent.change(screen.getByLabelText('Start Date'), { target: { value: '2026-12-05' } });
    await waitFor(() => expect(screen.getAllByText('The Start Date is after the End Date.').length).toBeGreaterThan(0));
    expect(core.callsTo('keys.list')).toHaveLength(calls);

    fireEvent.change(screen.getByLabelText('Start Date'), { target: { value: '' } });
    await waitFor(() => expect(lastList(core).filter.from).toBeNull());
    expect(window.location.hash).toContain('from=any');
  });

  it('a click on a column header sorts by it on the core, and again turns it around', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'Auth Code' })).getByRole('button'));
    await waitFor(() => expect(lastList(core).filter).toMatchObject({ sort: 'authCode', direction: 'asc' }));
    await waitFor(() => expect(shownCodes()[0]).toBe('AAAAAA-BBBBBB-CCCCCC-000000'));
    expect(screen.getByRole('columnheader', { name: 'Auth Code' }).getAttribute('aria-sort')).toBe('ascending');
    expect(window.location.hash).toContain('sort=authCode');

    fireEvent.click(within(screen.getByRole('columnheader', { name: 'Auth Code' })).getByRole('button'));
    await waitFor(() => expect(lastList(core).filter).toMatchObject({ sort: 'authCode', direction: 'desc' }));
    await waitFor(() => expect(shownCodes()[0]).toBe('AAAAAA-BBBBBB-CCCCCC-000004'));
  });

  it('works from the keyboard: the headers and Details are focusable buttons, Enter sorts, the table scrolls from the keyboard', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    const header = within(screen.getByRole('columnheader', { name: 'MAC' })).getByRole('button');
    expect(header.tabIndex).toBe(0);
    header.focus();
    fireEvent.keyDown(header, { key: 'Enter' });
    await waitFor(() => expect(lastList(core).filter).toMatchObject({ sort: 'mac', direction: 'asc' }));
    expect(screen.getByRole('region', { name: 'Feature keys, scroll to read on' }).tabIndex).toBe(0);
    const details = screen.getAllByRole('button', { name: /^Details of / });
    expect(details).toHaveLength(5);
    expect(details.every((button) => button.tabIndex === 0)).toBe(true);
  });

  it('reads on with the keyset cursor as the table is scrolled, keeping the rows already read', async () => {
    const { core } = setup(fakeKeyRows(250));
    await waitFor(() => expect(screen.getByText('250 keys')).toBeTruthy());
    expect(core.callsTo('keys.list')).toHaveLength(1);
    const scroller = screen.getByRole('region', { name: 'Feature keys, scroll to read on' });
    scroller.scrollTop = 90 * 37;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(lastList(core)).toMatchObject({ after: '100', limit: 100 }));
    scroller.scrollTop = 190 * 37;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(lastList(core)).toMatchObject({ after: '200' }));
    await waitFor(() => expect(table().getAttribute('aria-rowcount')).toBe('251'));
    // Newest first: the 191st row is key 59.
    await waitFor(() => expect(shownCodes()).toContain('AAAAAA-BBBBBB-CCCCCC-000059'));
    const calls = core.callsTo('keys.list').length;
    scroller.scrollTop = 0;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(shownCodes()[0]).toBe('AAAAAA-BBBBBB-CCCCCC-000249'));
    expect(core.callsTo('keys.list')).toHaveLength(calls);
  });

  it('lists again when the core says the cache changed', async () => {
    const { core, keys } = setup();
    await waitFor(() => expect(screen.getByText('5 keys')).toBeTruthy());
    keys.rows = fakeKeyRows(7);
    act(() => core.emit('keys.changed', { reason: 'sync' }));
    await waitFor(() => expect(screen.getByText('7 keys')).toBeTruthy());
  });

  it('a failed list shows the core’s message and Try again', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    core.failNext = { method: 'keys.list', error: new ApiError('INTERNAL', 'The cache could not be read.') };
    fireEvent.submit(screen.getByRole('search'));
    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: 'x' } });
    fireEvent.submit(screen.getByRole('search'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The cache could not be read.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('Details opens the key over the list from its row, with its system link and history; Close keeps the filter', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: 'CCCCCC' } });
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => expect(lastList(core).filter.contains).toBe('CCCCCC'));
    fireEvent.click(screen.getByRole('button', { name: 'Details of AAAAAA-BBBBBB-CCCCCC-000001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Key AAAAAA-BBBBBB-CCCCCC-000001' });
    expect(window.location.hash).toMatch(/^#\/keys\/AAAAAA-BBBBBB-CCCCCC-000001\?.*q=CCCCCC/);
    await waitFor(() => expect(within(dialog).getByText('$ZLW-ncjw-Foeb-l8H8-ic0d-0001')).toBeTruthy());
    expect(within(dialog).getByRole('link', { name: '00:0A:DD:02:3F:8F' }).getAttribute('href')).toBe('#/systems/000ADD023F8F');
    expect(within(dialog).getByText('Acme Dental')).toBeTruthy();
    expect(within(dialog).getByText('Redeemed on the portal for 00:0A:DD:02:3F:8F.')).toBeTruthy();
    expect(core.callsTo('keys.get')).toEqual([{ authCode: 'AAAAAA-BBBBBB-CCCCCC-000001' }]);

    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/keys\?.*q=CCCCCC/));
    expect((screen.getByLabelText('Contains') as HTMLInputElement).value).toBe('CCCCCC');
  });

  it('a link to a key’s details opens them (as after a reload), and Close shows the list', async () => {
    window.history.replaceState(null, '', '#/keys/AAAAAA-BBBBBB-CCCCCC-000002?by=mac&q=3F8F');
    setup();
    const dialog = await screen.findByRole('dialog', { name: 'Key AAAAAA-BBBBBB-CCCCCC-000002' });
    await waitFor(() => expect(within(dialog).getByText('Imported from a portal export, not yet confirmed by a sync')).toBeTruthy());
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(window.location.hash).toMatch(/^#\/keys\?.*by=mac&q=3F8F/);
  });

  it('a code the cache does not hold says so', async () => {
    window.history.replaceState(null, '', '#/keys/ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ');
    setup();
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByText("This computer's cache does not hold this authorization code.")).toBeTruthy());
  });

  it('Export List to Excel sends the filter with a job id, shows its progress, and saves the file', async () => {
    const { core, keys, saved } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    let finish: (file: ExportedFile) => void = () => {};
    keys.exportFile = () => new Promise((resolve) => (finish = resolve));
    fireEvent.click(screen.getByRole('button', { name: 'Export List to Excel' }));
    await waitFor(() => expect(core.callsTo('keys.export')).toHaveLength(1));
    const request = core.callsTo('keys.export')[0] as { filter: KeyFilter; jobId: string };
    expect(request.filter).toEqual(lastList(core).filter);
    act(() => core.emit('keys.exportProgress', { jobId: 'another-job-id', rowsWritten: 9, totalRows: 10 }));
    act(() => core.emit('keys.exportProgress', { jobId: request.jobId, rowsWritten: 2, totalRows: 4 }));
    expect(screen.getByRole('progressbar', { name: 'Export progress' }).getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByText('2 of 4 rows written')).toBeTruthy();
    finish({ fileName: 'keys.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'AA==' });
    await waitFor(() => expect(saved.map((file) => file.fileName)).toEqual(['keys.xlsx']));
    expect(screen.queryByRole('progressbar', { name: 'Export progress' })).toBeNull();
  });

  it('Cancel stops the export; a cancelled export is not shown as a failure', async () => {
    const { core, keys, saved } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    keys.exportFile = () => new Promise(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Export List to Excel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByText('The export was cancelled; no file was saved.')).toBeTruthy());
    const { jobId } = core.callsTo('keys.export')[0] as { jobId: string };
    expect(core.callsTo('keys.cancelExport')).toEqual([{ jobId }]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(saved).toEqual([]);
  });

  it('Import portal export sends the file, shows the report, and lists again', async () => {
    const { core, keys } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    keys.importFile = async ({ fileName }) => ({
      fileName,
      sheetName: 'Sheet1',
      headerRow: 3,
      imported: 1234,
      alreadyPresent: 2,
      conflicts: [
        {
          row: 7,
          authCode: 'AAAAAA-BBBBBB-CCCCCC-000001',
          cached: { featureKey: 'kept-key', mac: '000ADD023F8F' },
          file: { featureKey: 'file-key', mac: '000ADD999999' },
        },
      ],
      rejected: [{ row: 9, authCode: 'NOT-A-CODE', column: 'Auth', reason: say('code.tooShort', { length: 8 }) }],
      systemsAdded: 3,
      redeemed: { from: '2024-06-03T10:00:00.000Z', to: '2024-06-20T10:00:00.000Z' },
    });
    const lists = core.callsTo('keys.list').length;
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.accept).toContain('.xlsx');
    fireEvent.change(input, { target: { files: [new File(['PK portal export'], 'View Codes.xlsx')] } });
    const dialog = await screen.findByRole('dialog', { name: 'Import finished' });
    expect(core.callsTo('keys.import').map(sentText)).toEqual([
      { fileName: 'View Codes.xlsx', text: 'PK portal export', importId: expect.any(String) },
    ]);
    expect(within(dialog).getByText('1,234 keys imported from View Codes.xlsx.')).toBeTruthy();
    const fact = (label: string) => within(within(dialog).getByRole('group', { name: label })).getByRole('definition').textContent;
    expect(fact('Already present')).toBe('2');
    expect(fact('Conflicts')).toBe('1');
    expect(fact('Rejected rows')).toBe('1');
    expect(fact('Systems added')).toBe('3');
    expect(fact('Worksheet')).toBe('Sheet1, header on row 3');
    const conflicts = within(dialog).getByRole('table', { name: 'Conflicts' });
    expect(within(conflicts).getByText('AAAAAA-BBBBBB-CCCCCC-000001')).toBeTruthy();
    expect(within(conflicts).getByText('kept-key', { exact: false })).toBeTruthy();
    expect(within(conflicts).getByText('00:0A:DD:99:99:99', { exact: false })).toBeTruthy();
    // Codes, keys and MACs cut short by the dialog's width keep their whole value on hover.
    expect(within(conflicts).getByText('AAAAAA-BBBBBB-CCCCCC-000001').getAttribute('title')).toBe('AAAAAA-BBBBBB-CCCCCC-000001');
    for (const value of ['kept-key', '00:0A:DD:02:3F:8F', 'file-key', '00:0A:DD:99:99:99'])
      expect(within(conflicts).getByText(value).getAttribute('title')).toBe(value);
    const rejected = within(dialog).getByRole('table', { name: 'Rejected rows' });
    expect(within(rejected).getByText('Auth: Too short: an authorization code has 24 letters and digits, this has 8.')).toBeTruthy();
    expect(within(rejected).getByText('9')).toBeTruthy();
    expect(within(rejected).getByText('NOT-A-CODE').getAttribute('title')).toBe('NOT-A-CODE');
    await waitFor(() => expect(core.callsTo('keys.list').length).toBeGreaterThan(lists));
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();
    // Show these keys: the list set to the file's dates (June 2024, long before the default last month).
    fireEvent.click(within(dialog).getByRole('button', { name: 'Show these keys' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(window.location.hash).toMatch(/^#\/keys\?from=2024-06-03&to=2024-06-20/);
  });

  it('a file over the limit is refused before it is sent, saying the limit', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    const big = new File(['x'], 'huge.xlsx');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_FILE_BYTES + 1 });
    fireEvent.change(document.querySelector<HTMLInputElement>('input[type="file"]')!, { target: { files: [big] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported');
    expect(alert.textContent).toMatch(/huge\.xlsx is 25 MB; FieldKey imports portal exports of up to 25 MB\./);
    expect(core.callsTo('keys.import')).toEqual([]);
  });

  it('the core’s VALIDATION reason is shown as one sentence, without an error code', async () => {
    const { keys } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    keys.importFile = async () => {
      throw new ApiError('VALIDATION', 'notes.xlsx is not an Excel workbook (.xlsx).');
    };
    fireEvent.change(document.querySelector<HTMLInputElement>('input[type="file"]')!, {
      target: { files: [new File(['hello'], 'notes.xlsx')] },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Nothing was importednotes.xlsx is not an Excel workbook (.xlsx).');
  });

  it('a file dragged over the page shows where to drop it; dropped, it is imported', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownCodes()).toHaveLength(5));
    const file = new File(['PK'], 'dropped.xlsx');
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    fireEvent.dragEnter(document.body, { dataTransfer });
    expect(screen.getByText("Drop the portal's View Codes export here")).toBeTruthy();
    fireEvent.drop(document.body, { dataTransfer });
    expect(screen.queryByText("Drop the portal's View Codes export here")).toBeNull();
    await screen.findByRole('dialog', { name: 'Import finished' });
    expect(core.callsTo('keys.import').map(sentText)).toEqual([{ fileName: 'dropped.xlsx', text: 'PK', importId: expect.any(String) }]);
  });
});
