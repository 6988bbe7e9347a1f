// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AddSystemRow, AddSystemsResult } from '../../../core/systems/contract';
import { SystemsPage } from '../../../renderer/src/pages/systems/SystemsPage';
import { FakeCore } from './fake-core';
import { answerWith, LINCOLN, lincolnLookup } from './lookup-fixtures';
import { renderWithCore } from './render-app';
import { say } from '../../../core/messages/say';

type Sent = { mac: string; name: string }[];

/** systems.add as the core answers offline: every row added and queued, operations numbered from 10. */
function queuedAdd({ systems }: { systems: Sent }): AddSystemsResult {
  return {
    rows: systems.map(
      (system, i): AddSystemRow => ({ input: system.mac, mac: system.mac, status: 'added', message: null, operationId: 10 + i }),
    ),
    queued: true,
    queuedReason: say('systems.queued.offline'),
  };
}

function setup(hash: string, add: (args: { systems: Sent }) => AddSystemsResult = queuedAdd) {
  window.location.hash = hash;
  const core = new FakeCore();
  core.systems = [LINCOLN, { mac: '000ADD111111', serial: null, name: 'Depot', customer: 'Acme', keyCount: 0 }];
  answerWith(core, { 'systems.add': add, 'keys.lookup': () => lincolnLookup() });
  renderWithCore(<SystemsPage />, core);
  return core;
}

const sent = (core: FakeCore) => core.callsTo('systems.add').map((args) => (args as { systems: Sent }).systems);
const outboxDone = (core: FakeCore, id: number) =>
  act(() =>
    core.emit('sync.outbox', {
      counts: { pending: 0, inDoubt: 0, needsAttention: 0 },
      operation: { id, status: 'done', lastError: null },
    }),
  );

describe('Systems: Add Systems', () => {
  it('one system, MAC prefilled from the address: Save → the report says added and queued, then sent when the outbox says so', async () => {
    const core = setup('#/systems?mac=000ADDABCDEF');
    const mac = screen.getByRole<HTMLInputElement>('textbox', { name: 'MAC Address' });
    expect(mac.value).toBe('00:0A:DD:AB:CD:EF');
    fireEvent.change(screen.getByRole('textbox', { name: 'System Name' }), { target: { value: ' Front desk ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const report = await screen.findByRole('table', { name: 'Add Systems report' });
    expect(sent(core)).toEqual([[{ mac: '000ADDABCDEF', name: 'Front desk' }]]);
    const [, row] = within(report).getAllByRole('row');
    expect(
      within(row!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['00:0A:DD:AB:CD:EF', 'Added', 'Queued', '']);
    expect(screen.getByText('Queued for the portal').parentElement!.textContent).toContain('The portal cannot be reached right now.');
    expect(screen.getByRole('link', { name: 'Open the Sync page' }).getAttribute('href')).toBe('#/sync');
    expect(mac.value).toBe('');

    outboxDone(core, 10);
    await waitFor(() => expect(within(row!).getAllByRole('cell')[2]!.textContent).toBe('Sent'));
    expect(screen.queryByText('Queued for the portal')).toBeNull();
  });

  it('a malformed MAC: the MAC rule’s message on the field, the field focused, and nothing sent', async () => {
    const core = setup('#/systems');
    const mac = screen.getByRole('textbox', { name: 'MAC Address' });
    fireEvent.change(mac, { target: { value: '00:0A:DD:02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/A MAC address has 12 hex digits/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(mac));
    expect(mac.getAttribute('aria-invalid')).toBe('true');
    expect(sent(core)).toEqual([]);
  });

  it('a known MAC renamed and an invalid row are reported with what happened and why', async () => {
    setup('#/systems', () => ({
      rows: [{ input: '000ADD023F8F', mac: '000ADD023F8F', status: 'renamed', message: null, operationId: 3 }],
      queued: false,
      queuedReason: null,
    }));
    fireEvent.change(screen.getByRole('textbox', { name: 'MAC Address' }), { target: { value: '023f8f' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const report = await screen.findByRole('table', { name: 'Add Systems report' });
    expect(within(report).getAllByRole('row')[1]!.textContent).toContain('RenamedSent');
    expect(screen.getByText('Added: 0 · Renamed: 1 · Already known: 0 · Invalid: 0')).toBeTruthy();
  });

  it('a range: a live count (or parseMacRange’s reason); Save sends every MAC of it', async () => {
    const core = setup('#/systems');
    fireEvent.click(screen.getByRole('tab', { name: 'A range' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'From' }), { target: { value: '000ADD000001' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'To' }), { target: { value: '000ADD000099' } });
    expect(screen.getByText(/holds 153 MACs; at most 50 can be added at once/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(sent(core)).toEqual([]);

    fireEvent.change(screen.getByRole('textbox', { name: 'To' }), { target: { value: '00:0a:dd:00:00:03' } });
    expect(screen.getByText('Systems in this range: 3 (00:0A:DD:00:00:01 – 00:0A:DD:00:00:03)')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'System Name (Optional)' }), { target: { value: 'Depot' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const report = await screen.findByRole('table', { name: 'Add Systems report' });
    expect(sent(core)).toEqual([
      [
        { mac: '000ADD000001', name: 'Depot 1' },
        { mac: '000ADD000002', name: 'Depot 2' },
        { mac: '000ADD000003', name: 'Depot 3' },
      ],
    ]);
    expect(within(report).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByText('Added: 3 · Renamed: 0 · Already known: 0 · Invalid: 0')).toBeTruthy();
  });

  it('a range over a known system: the preview lists it (MAC, current name, new name, each whole on hover); Keep is the default, Rename them sends the choice', async () => {
    const core = setup('#/systems');
    fireEvent.click(screen.getByRole('tab', { name: 'A range' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'From' }), { target: { value: '000ADD111110' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'To' }), { target: { value: '000ADD111112' } });
    const longName = 'Warehouse on the north side of the yard behind the loading dock';
    fireEvent.change(screen.getByRole('textbox', { name: 'System Name (Optional)' }), { target: { value: longName } });
    const preview = await screen.findByRole('table', { name: 'Known systems that would be renamed' });
    const rows = within(preview).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    const cells = within(rows[0]!).getAllByRole('cell');
    const shown = ['00:0A:DD:11:11:11', 'Depot', `${longName} 2`];
    expect(cells.map((cell) => cell.textContent)).toEqual(shown);
    // Cut short by the table's width, each cell still has its whole value on hover.
    expect(cells.map((cell) => cell.getAttribute('title'))).toEqual(shown);
    expect(screen.getByRole('radio', { name: 'Keep their names (add only the new systems)' })).toHaveProperty('checked', true);

    fireEvent.click(screen.getByRole('radio', { name: 'Rename them' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('table', { name: 'Add Systems report' });
    expect(core.callsTo('systems.add').map((args) => (args as { renames?: string }).renames)).toEqual(['rename']);
  });

  it('from a file: the preview lists every row with its problem; Save sends the good ones and the report keeps every line', async () => {
    const core = setup('#/systems');
    fireEvent.click(screen.getByRole('tab', { name: 'From a file' }));
    const file = new File(['MAC,System Name\n000ADD000001,Depot\nnope,Shop\n000ADD000002,Yard\n'], 'macs.csv', { type: 'text/csv' });
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await act(async () => void fireEvent.change(input, { target: { files: [file] } }));
    const preview = await screen.findByRole('table', { name: 'MACs in the file' });
    expect(within(preview).getAllByRole('row')).toHaveLength(4);
    expect(within(preview).getAllByRole('row')[2]!.textContent).toContain('nope');
    expect(screen.getByText(/macs.csv: systems to add: 2 of 3 rows/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const report = await screen.findByRole('table', { name: 'Add Systems report' });
    expect(sent(core)).toEqual([
      [
        { mac: '000ADD000001', name: 'Depot' },
        { mac: '000ADD000002', name: 'Yard' },
      ],
    ]);
    const rows = within(report).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['2', '00:0A:DD:00:00:01', 'Added'],
      ['3', 'nope', 'Invalid'],
      ['4', '00:0A:DD:00:00:02', 'Added'],
    ]);
  });

  it('a file that is not .txt or .csv is refused with a sentence', async () => {
    setup('#/systems');
    fireEvent.click(screen.getByRole('tab', { name: 'From a file' }));
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await act(async () => void fireEvent.change(input, { target: { files: [new File(['x'], 'keys.xlsx')] } }));
    expect(screen.getByText('keys.xlsx is not a .txt or .csv file.')).toBeTruthy();
  });

  it('lists the systems on this computer as links to their pages; the filter asks the core', async () => {
    const core = setup('#/systems');
    const list = await screen.findByRole('table', { name: 'Systems on this computer' });
    expect(within(list).getByRole('link', { name: '00:0A:DD:02:3F:8F' }).getAttribute('href')).toBe('#/systems/000ADD023F8F');
    expect(within(list).getAllByRole('row')).toHaveLength(3);
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter systems' }), { target: { value: 'depot' } });
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Systems on this computer' })).getAllByRole('row')).toHaveLength(2),
    );
    expect(core.callsTo('systems.search')).toContainEqual({ query: 'depot', limit: 100 });
  });
});

describe('Systems: a system’s page', () => {
  it('shows the system as Quick Lookup does, with Show in Keys; Rename sends the same MAC with the new name', async () => {
    const core = setup('#/systems/000ADD023F8F', ({ systems }) => ({
      rows: [{ input: systems[0]!.mac, mac: systems[0]!.mac, status: 'renamed', message: null, operationId: 4 }],
      queued: true,
      queuedReason: null,
    }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Lincoln Elementary' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Feature keys of this system' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Show in Keys' }).getAttribute('href')).toBe('#/keys?by=mac&q=000ADD023F8F');

    const name = screen.getByRole<HTMLInputElement>('textbox', { name: 'System Name' });
    expect(name.value).toBe('Lincoln Elementary');
    expect(screen.getByRole('button', { name: 'Rename' })).toHaveProperty('disabled', true);
    fireEvent.change(name, { target: { value: 'Lincoln Main Office' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(await screen.findByText('Renamed on this computer: the new name is sent when the portal can be reached.')).toBeTruthy();
    expect(sent(core)).toEqual([[{ mac: '000ADD023F8F', name: 'Lincoln Main Office' }]]);
    await waitFor(() => expect(core.callsTo('keys.lookup')).toHaveLength(2));

    outboxDone(core, 4);
    expect(await screen.findByText('Renamed, and the portal has the new name.')).toBeTruthy();
  });

  it('an address that is not a MAC says so', () => {
    setup('#/systems/not-a-mac');
    expect(screen.getByText(/“not-a-mac” is not a MAC address/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All systems' }).getAttribute('href')).toBe('#/systems');
  });
});
