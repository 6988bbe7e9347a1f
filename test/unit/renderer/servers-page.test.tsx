// @vitest-environment jsdom
import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { say } from '../../../core/messages/say';
import { ApiError } from '../../../core/rpc/errors';
import { emptyRegistration } from '../../../core/domain/servers';
import type { ExportedFile } from '../../../core/export/contract';
import type { ServerFilter, ServerForm } from '../../../core/servers/contract';
import { ServersPage } from '../../../renderer/src/pages/servers/ServersPage';
import { FakeCore, layOutScrollers } from './fake-core';
import { renderWithCore } from './render-app';
import { FakeServers, fakeServerRows } from './servers-fake-core';

// Two cores are shared with other work: give the page time rather than fail on a slow machine.
configure({ asyncUtilTimeout: 5000 });

const NOW = new Date('2026-11-30T15:04:00.000Z');
const now = () => NOW;

layOutScrollers();

beforeEach(() => {
  window.history.replaceState(null, '', '#/servers');
});

function setup(rows = fakeServerRows(6)) {
  const core = new FakeCore();
  const servers = new FakeServers(core);
  servers.rows = rows;
  const saved: ExportedFile[] = [];
  renderWithCore(<ServersPage now={now} save={(file) => saved.push(file)} />, core);
  return { core, servers, saved };
}

const table = () => screen.getByRole('table', { name: 'Servers' });
/** The body rows' MACs, in the order shown. */
const shownMacs = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).queryAllByRole('cell')[1]?.textContent ?? '')
    .filter(Boolean);
const lastList = (core: FakeCore) => core.callsTo('servers.list').at(-1) as { filter: ServerFilter; after: string | null };
const row = (mac: string) =>
  within(table())
    .getAllByRole('row')
    .find((r) => r.textContent?.includes(mac))!;

async function chooseFunction(name: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Management Function' }));
  fireEvent.click(await screen.findByRole('menuitem', { name }));
}

async function select(label: string, option: string) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('Servers page', () => {
  it('lists every server newest first, with the portal columns, the count and when the cache was synced', async () => {
    const { core } = setup();
    await waitFor(() => expect(screen.getByText('6 servers')).toBeTruthy());
    expect(screen.getByText('Last synced 5 minutes ago')).toBeTruthy();
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual([
      'Select',
      'MAC Address',
      'Server Model',
      'System Name',
      'End Customer Company',
      'Site/Server ID',
      'Status',
      'Added',
    ]);
    expect(shownMacs()[0]).toBe('00:0A:DD:00:00:05');
    expect(screen.getByRole('columnheader', { name: 'Added' }).getAttribute('aria-sort')).toBe('descending');
    expect(lastList(core).filter).toEqual({
      from: null,
      to: null,
      by: 'all',
      contains: '',
      model: null,
      status: null,
      hidden: false,
      sort: 'addedAt',
      direction: 'desc',
    });
  });

  it('the search form is applied by Search (into the URL and the list arguments) and cleared by Reset', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    fireEvent.change(screen.getByLabelText('Start Date'), { target: { value: '2026-11-02' } });
    fireEvent.change(screen.getByLabelText('End Date'), { target: { value: '2026-11-30' } });
    await select('By', 'End Customer Company');
    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: 'Acme' } });
    await select('Machine Type', 'Connect 731');
    await select('Server Status', 'Saved');
    const calls = core.callsTo('servers.list').length;
    expect(core.callsTo('servers.list')).toHaveLength(calls); // nothing asked until Search
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(lastList(core).filter).toMatchObject({
        by: 'company',
        contains: 'Acme',
        model: 'Connect 731',
        status: 'saved',
        hidden: false,
      }),
    );
    expect(new Date(lastList(core).filter.from!).getDate()).toBe(2);
    const params = new URLSearchParams(window.location.hash.split('?')[1]);
    expect(Object.fromEntries(params)).toMatchObject({
      from: '2026-11-02',
      to: '2026-11-30',
      by: 'company',
      q: 'Acme',
      model: 'Connect 731',
      status: 'saved',
    });
    await waitFor(() => expect(shownMacs()).toEqual(['00:0A:DD:00:00:05', '00:0A:DD:00:00:01']));

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() =>
      expect(lastList(core).filter).toMatchObject({ from: null, to: null, by: 'all', contains: '', model: null, status: null }),
    );
    expect((screen.getByLabelText('Contains') as HTMLInputElement).value).toBe('');
    expect(window.location.hash).toBe('#/servers');
  });

  it('a reversed date range says so and asks nothing', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    const calls = core.callsTo('servers.list').length;
    fireEvent.change(screen.getByLabelText('Start Date'), { target: { value: '2026-12-05' } });
    fireEvent.change(screen.getByLabelText('End Date'), { target: { value: '2026-12-01' } });
    expect(screen.getByText('The Start Date is after the End Date.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Search' }) as HTMLButtonElement).disabled).toBe(true);
    expect(core.callsTo('servers.list')).toHaveLength(calls);
  });

  it('every column header sorts on the core, and again turns it around', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    const expected = {
      'MAC Address': 'mac',
      'Server Model': 'model',
      'System Name': 'systemName',
      'End Customer Company': 'company',
      'Site/Server ID': 'siteId',
      Status: 'status',
    };
    for (const [name, sort] of Object.entries(expected)) {
      fireEvent.click(within(screen.getByRole('columnheader', { name })).getByRole('button'));
      await waitFor(() => expect(lastList(core).filter).toMatchObject({ sort, direction: 'asc' }));
      expect(screen.getByRole('columnheader', { name }).getAttribute('aria-sort')).toBe('ascending');
    }
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'MAC Address' })).getByRole('button'));
    await waitFor(() => expect(lastList(core).filter).toMatchObject({ sort: 'mac', direction: 'asc' }));
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'MAC Address' })).getByRole('button'));
    await waitFor(() => expect(lastList(core).filter).toMatchObject({ sort: 'mac', direction: 'desc' }));
    await waitFor(() => expect(shownMacs()[0]).toBe('00:0A:DD:00:00:05'));
    expect(window.location.hash).toContain('sort=mac&dir=desc');
  });

  it('Show Only Hidden Servers lists the hidden ones', async () => {
    const rows = fakeServerRows(4);
    rows[2]!.hidden = true;
    const { core } = setup(rows);
    await waitFor(() => expect(shownMacs()).toHaveLength(3));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show Only Hidden Servers' }));
    await waitFor(() => expect(lastList(core).filter.hidden).toBe(true));
    await waitFor(() => expect(shownMacs()).toEqual(['00:0A:DD:00:00:02']));
    expect(window.location.hash).toContain('hidden=1');
  });

  it('each row shows its queued changes, a refusal with the portal’s reason linking to the Sync page, and its RMA', async () => {
    const rows = fakeServerRows(3);
    rows[0]!.pending = [{ operationId: 1, action: 'register', status: 'pending', lastError: 'The portal cannot be reached.' }];
    rows[1]!.pending = [{ operationId: 2, action: 'save', status: 'needs_attention', lastError: 'Site/Server ID 99999 does not exist.' }];
    rows[2]!.rma = { state: 'requested', reason: 'Dead PSU', replacementMac: '000ADD999999' };
    setup(rows);
    await waitFor(() => expect(shownMacs()).toHaveLength(3));
    expect(within(row('00:0A:DD:00:00:00')).getByText('Register queued')).toBeTruthy();
    const refused = within(row('00:0A:DD:00:00:01')).getByRole('link', { name: 'Refused: Site/Server ID 99999 does not exist.' });
    expect(refused.getAttribute('href')).toBe('#/sync');
    expect(within(row('00:0A:DD:00:00:02')).getByText('Under RMA')).toBeTruthy();
  });

  it('lists again when the core says the servers changed', async () => {
    const { core, servers } = setup();
    await waitFor(() => expect(screen.getByText('6 servers')).toBeTruthy());
    servers.rows = fakeServerRows(8);
    act(() => core.emit('servers.changed', { reason: 'sync' }));
    await waitFor(() => expect(screen.getByText('8 servers')).toBeTruthy());
  });

  it('Management Function acts on the selected server: disabled until one is selected by its radio button', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    expect((screen.getByRole('button', { name: 'Management Function' }) as HTMLButtonElement).disabled).toBe(true);
    const radio = screen.getByRole('radio', { name: 'Select 00:0A:DD:00:00:03' });
    fireEvent.click(radio);
    expect((radio as HTMLInputElement).checked).toBe(true);
    expect(row('00:0A:DD:00:00:03').getAttribute('aria-selected')).toBe('true');

    await chooseFunction('View Feature Keys');
    expect(window.location.hash).toBe('#/systems/000ADD000003');
    window.history.replaceState(null, '', '#/servers');

    await chooseFunction('Hide');
    await waitFor(() => expect(core.callsTo('servers.setHidden')).toEqual([{ mac: '000ADD000003', hidden: true }]));
    expect((await screen.findByRole('status', { name: '' }).catch(() => null)) ?? true).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Server 00:0A:DD:00:00:03 hidden: sent to the portal.')).toBeTruthy());
  });

  it('Server History, Site History and Registration Details open as their own screens with a way back', async () => {
    const { servers } = setup();
    servers.history = [
      {
        id: 'h1',
        mac: '000ADD000002',
        siteId: '10001',
        at: '2026-11-20T10:00:00.000Z',
        action: 'rma_requested',
        status: 'saved',
        model: '24x',
        registration: { ...emptyRegistration(), systemName: 'System 02', company: 'Widget Components' },
        note: say('servers.history.portalNote', { note: 'Dead PSU' }),
        source: 'queued',
      },
    ];
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    fireEvent.click(screen.getByRole('radio', { name: 'Select 00:0A:DD:00:00:02' }));
    await chooseFunction('View Server History');
    expect(window.location.hash).toBe('#/servers/000ADD000002/history');
    const records = await screen.findByRole('table', { name: 'Registration records' });
    expect(within(records).getByText('RMA requested')).toBeTruthy();
    expect(within(records).getByText('Queued')).toBeTruthy();
    expect(within(records).getByText('Dead PSU')).toBeTruthy();

    act(() => window.history.replaceState(null, '', '#/servers/site/10001'));
    act(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    const siteServers = await screen.findByRole('table', { name: 'Servers of this site' });
    expect(
      within(siteServers)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['00:0A:DD:00:00:02', '00:0A:DD:00:00:03']);

    act(() => window.history.replaceState(null, '', '#/servers/000ADD000002'));
    act(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Registration Details 00:0A:DD:00:00:02' })).toBeTruthy());
    await waitFor(() => expect(screen.getByText('Rochester')).toBeTruthy());
    expect(screen.getByRole('link', { name: 'Back to Server Management' }).getAttribute('href')).toBe('#/servers');
  });

  it('Initiate RMA checks the reason and the replacement MAC, asks for confirmation, then sends it', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    fireEvent.click(screen.getByRole('radio', { name: 'Select 00:0A:DD:00:00:01' }));
    await chooseFunction('Initiate RMA');
    const dialog = await screen.findByRole('dialog', { name: 'Initiate RMA for 00:0A:DD:00:00:01' });
    fireEvent.change(within(dialog).getByLabelText('Replacement MAC Address'), { target: { value: '00:0A:DD:00:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(within(dialog).getByText('Say why the server is returned.')).toBeTruthy();
    expect(within(dialog).getByText(/A MAC address has 12 hex digits/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Dead PSU' } });
    fireEvent.change(within(dialog).getByLabelText('Replacement MAC Address'), { target: { value: '000001' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(within(dialog).getByText('The replacement must be another server than the one returned.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Replacement MAC Address'), { target: { value: '00-0a-dd-99-99-99' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(within(dialog).getByText(/replaced by 00:0A:DD:99:99:99/)).toBeTruthy();
    expect(core.callsTo('servers.initiateRma')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Initiate RMA' }));
    await waitFor(() =>
      expect(core.callsTo('servers.initiateRma')).toEqual([
        { mac: '000ADD000001', reason: 'Dead PSU', replacementMac: '00-0a-dd-99-99-99' },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('RMA started for server 00:0A:DD:00:00:01: sent to the portal.')).toBeTruthy();
  });

  it('Export Server List to Excel sends the filter the table shows and saves the file', async () => {
    const { core, saved } = setup();
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'System Name' })).getByRole('button'));
    await waitFor(() => expect(lastList(core).filter.sort).toBe('systemName'));
    fireEvent.click(screen.getByRole('button', { name: 'Export Server List to Excel' }));
    await waitFor(() => expect(saved.map((file) => file.fileName)).toEqual(['servers-2026-11-30.xlsx']));
    expect(core.callsTo('servers.export')).toEqual([{ filter: lastList(core).filter, jobId: expect.any(String) }]);
  });

  it('Export shows its progress and Cancel stops it; a cancelled export is not shown as a failure', async () => {
    const { core, servers, saved } = setup();
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    servers.exportFile = () => new Promise(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Export Server List to Excel' }));
    await waitFor(() => expect(core.callsTo('servers.export')).toHaveLength(1));
    const { jobId } = core.callsTo('servers.export')[0] as { jobId: string };
    act(() => core.emit('servers.exportProgress', { jobId, rowsWritten: 3, totalRows: 6 }));
    expect(screen.getByRole('progressbar', { name: 'Export progress' }).getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByText('3 of 6 rows written')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByText('The export was cancelled; no file was saved.')).toBeTruthy());
    expect(core.callsTo('servers.cancelExport')).toEqual([{ jobId }]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(saved).toEqual([]);
  });
});

describe('Add / Register Server', { timeout: 60_000 }, () => {
  const connect = {
    status: 'known',
    serial: 'CX-1001',
    model: 'Connect 324',
    mac: '000ADD0A0B0C',
    source: 'portal',
    onDashboard: false,
  } as const;

  async function openForm(serial: string) {
    fireEvent.click(screen.getByRole('button', { name: 'Add / Register Server' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add / Register Server' });
    fireEvent.change(within(dialog).getByLabelText('Serial Number'), { target: { value: serial } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    return dialog;
  }

  function fill(dialog: HTMLElement, values: Record<string, string>) {
    for (const [label, value] of Object.entries(values)) fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
  }

  const complete = {
    'System Name': 'Acme 324',
    'End Customer Company': 'Acme Parts',
    'Street Address': '1 Main St',
    City: 'Rochester',
    'State/Province': 'NY',
    'ZIP/Postal Code': '14604',
    Country: 'USA',
    'Contact Name': 'Pat Doe',
    'Contact Phone': '585-555-0100',
    'Contact Email': 'pat@acme.example',
  };

  it('a known Connect serial fills model and MAC read-only; Register on an incomplete form names each missing field on it and sends nothing', async () => {
    const { core, servers } = setup();
    servers.lookupSerial = () => connect;
    const dialog = await openForm('cx-1001');
    await waitFor(() => expect(core.callsTo('servers.lookupSerial')).toEqual([{ serial: 'CX-1001' }]));
    const mac = (await within(dialog).findByLabelText('MAC Address')) as HTMLInputElement;
    // Shown canonical (the core sends it compact).
    expect(mac.value).toBe('00:0A:DD:0A:0B:0C');
    expect(mac.readOnly).toBe(true);
    expect(within(dialog).getByRole('combobox', { name: 'Server Model' }).textContent).toBe('Connect 324');
    expect(within(dialog).getByRole('combobox', { name: 'Server Model' }).getAttribute('aria-disabled')).toBe('true');
    fill(dialog, { 'System Name': 'Acme 324', 'Contact Email': 'not-an-email' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    expect(await within(dialog).findByText('End Customer Company is needed to register.')).toBeTruthy();
    // The first field with a problem has the focus.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('City is needed to register.')).toBeTruthy();
    expect(within(dialog).getByText('Contact Email is not an e-mail address.')).toBeTruthy();
    expect(within(dialog).getByLabelText('City').getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByLabelText('System Name').getAttribute('aria-invalid')).toBe('false');
    expect(core.callsTo('servers.save')).toEqual([]);
  });

  it('a complete Connect form is registered; the message says it was sent, or queued and why', async () => {
    const { core, servers } = setup();
    servers.lookupSerial = () => connect;
    servers.queued = true;
    const dialog = await openForm('CX-1001');
    await within(dialog).findByLabelText('MAC Address');
    fill(dialog, complete);
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Existing site' }));
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: 'Existing Site/Server ID' }));
    fireEvent.click(await screen.findByRole('option', { name: /^10020/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(core.callsTo('servers.save')).toHaveLength(1));
    const sent = core.callsTo('servers.save')[0] as { form: ServerForm; action: string; mode: string };
    expect(sent).toMatchObject({ action: 'register', mode: 'add' });
    expect(sent.form).toMatchObject({
      serial: 'CX-1001',
      mac: '000ADD0A0B0C',
      model: 'Connect 324',
      city: 'Rochester',
      site: 'existing',
      siteId: '10020',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      screen.getByText(
        `Server 00:0A:DD:0A:0B:0C registered on this computer, queued for the portal: ${say('servers.queued.offline').message}`,
      ),
    ).toBeTruthy();
  });

  it('a 24x has no Register button; Save takes its incomplete form', async () => {
    const { core, servers } = setup();
    servers.lookupSerial = (serial) => ({
      status: 'known',
      serial,
      model: '24x',
      mac: '000ADD242424',
      source: 'cache',
      onDashboard: false,
    });
    const dialog = await openForm('SN-2424');
    await within(dialog).findByLabelText('MAC Address');
    expect(within(dialog).queryByRole('button', { name: 'Register' })).toBeNull();
    fill(dialog, { 'System Name': 'Depot' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('servers.save')).toHaveLength(1));
    expect(core.callsTo('servers.save')[0]).toMatchObject({
      action: 'save',
      mode: 'add',
      form: { model: '24x', systemName: 'Depot', company: '' },
    });
    await waitFor(() => expect(screen.getByText('Server 00:0A:DD:24:24:24 saved: sent to the portal.')).toBeTruthy());
  });

  it('the core’s VALIDATION fields are shown on their fields and the form stays open', async () => {
    const { core, servers } = setup();
    servers.lookupSerial = () => connect;
    const dialog = await openForm('CX-1001');
    await within(dialog).findByLabelText('MAC Address');
    core.failNext = {
      method: 'servers.save',
      error: new ApiError('VALIDATION', 'The form has problems.', {
        fields: [{ field: 'form.systemName', code: 'server.nameTaken', message: 'A server named Acme 324 is already on the dashboard.' }],
      }),
    };
    fill(dialog, { 'System Name': 'Acme 324' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(dialog).getByText('A server named Acme 324 is already on the dashboard.')).toBeTruthy());
    expect(within(dialog).getByLabelText('System Name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('dialog')).toBeTruthy();

    // The transport's argument check says them as a list under `form.`: put on their fields the same way.
    core.failNext = {
      method: 'servers.save',
      error: new ApiError('VALIDATION', 'Invalid arguments for servers.save', {
        fields: [{ field: 'form.city', ...say('zod.too_big', { origin: 'string', maximum: 200, context: 'string', count: 200 }) }],
      }),
    };
    fill(dialog, { 'System Name': 'Acme 325' });
    expect(within(dialog).queryByText('A server named Acme 324 is already on the dashboard.')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(dialog).getByText('Must be at most 200 characters long.')).toBeTruthy());
    expect(within(dialog).getByLabelText('City').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByLabelText('City')));
  });

  it('an unknown serial is refused on its field; an unchecked one (offline) lets the user choose the model and type the MAC', async () => {
    const { core, servers } = setup();
    let dialog = await openForm('ZZ-0000');
    await waitFor(() =>
      expect(within(dialog).getByText('The portal does not know this serial number. The portal said: Unknown serial number.')).toBeTruthy(),
    );
    expect(within(dialog).getByLabelText('Serial Number').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(within(dialog).getByLabelText('Serial Number'), { target: { value: 'x' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(await within(dialog).findByText(/A serial number is 4 to 32 letters/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    servers.lookupSerial = (serial) => ({ status: 'unchecked', serial, message: say('servers.serial.offline') });
    dialog = await openForm('NEW-0001');
    await waitFor(() =>
      expect(within(dialog).getByText(/could not be checked \(Not checked: the portal cannot be reached\./)).toBeTruthy(),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Choose the server model.')).toBeTruthy();
    expect(within(dialog).getByText('Enter a MAC address.')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Register' })).toBeNull();
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: 'Server Model' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Connect 731' }));
    expect(within(dialog).getByRole('button', { name: 'Register' })).toBeTruthy();
    fill(dialog, { 'MAC Address': '0a0b0d' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('servers.save')).toHaveLength(1));
    expect(core.callsTo('servers.save')[0]).toMatchObject({
      action: 'save',
      // Typed as its last six digits, sent compact with the vendor prefix (the same rule as the core's).
      form: { model: 'Connect 731', mac: '000ADD0A0B0D', serial: 'NEW-0001' },
    });
  });

  it('Modify/Complete Registration opens the form filled from the cache, in modify mode; Reset returns to it', async () => {
    const { core } = setup();
    await waitFor(() => expect(shownMacs()).toHaveLength(6));
    fireEvent.click(screen.getByRole('radio', { name: 'Select 00:0A:DD:00:00:01' }));
    await chooseFunction('Modify/Complete Registration');
    const dialog = await screen.findByRole('dialog', { name: 'Modify/Complete Registration' });
    await waitFor(() => expect((within(dialog).getByLabelText('City') as HTMLInputElement).value).toBe('Rochester'));
    expect(core.callsTo('servers.get')).toEqual([{ mac: '000ADD000001' }]);
    fill(dialog, { City: 'Buffalo' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset' }));
    expect((within(dialog).getByLabelText('City') as HTMLInputElement).value).toBe('Rochester');
    // A Connect 731 (row 1): Register is offered.
    fill(dialog, complete);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(core.callsTo('servers.save')).toHaveLength(1));
    expect(core.callsTo('servers.save')[0]).toMatchObject({
      action: 'register',
      mode: 'modify',
      form: { mac: '000ADD000001', site: 'existing', siteId: '10000' },
    });
  });
});
