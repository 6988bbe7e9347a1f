// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { RedemptionOperation } from '../../../core/sync/contract';
import { RedeemPage } from '../../../renderer/src/pages/redeem/RedeemPage';
import { RedemptionNotifier } from '../../../renderer/src/pages/redeem/RedemptionNotifier';
import { FakeCore, fakeRedemption, fakeSystemOperation } from './fake-core';
import { renderWithCore } from './render-app';
import { say } from '../../../core/messages/say';

const A = '43XC98-68WTGB-CWMH53-YS4RA9';
const B = '2ZJCZN-2HEYV7-V3YJN8-5MSTGG';
const C = '2ETTZ5-61DA9F-V5KUJZ-3QC9R6';

function renderPage(core: FakeCore) {
  renderWithCore(
    <>
      <RedeemPage />
      <RedemptionNotifier />
    </>,
    core,
  );
}

function fill(label: string, value: string) {
  const input = screen.getByLabelText(label);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
}

async function redeem(core: FakeCore, codes: string[]) {
  renderPage(core);
  fill('MAC Address', '00:0A:DD:02:3F:8F');
  fill('System Name (Optional)', 'Lincoln Elementary');
  fill('Serial # (Optional)', 'SN-1001');
  for (const [i, code] of codes.entries()) fill(`Auth Code ${i + 1}`, code);
  fireEvent.click(screen.getByRole('button', { name: 'Redeem' }));
}

const headers = (row: HTMLElement) =>
  within(row)
    .getAllByRole('columnheader')
    .map((cell) => cell.textContent);
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('Redeem: results', () => {
  let clipboard: string[];
  beforeEach(() => {
    clipboard = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void clipboard.push(text) },
    });
  });

  it('shows the portal table; a failed code shows its reason on its own row while the others succeed', async () => {
    const core = new FakeCore();
    core.redeemSubmit = async (args) => {
      const operation = fakeRedemption(7, args, 'needs_attention', [
        ...fakeRedemption(7, { ...args, authCodes: [A, C] }, 'done').results!,
        {
          authCode: B,
          status: 'already_redeemed',
          mac: '000ADD111111',
          redeemedAt: '2026-10-01T10:00:00.000Z',
          skuDescription: '8210026 - 24x Conference Center Key',
        },
      ]);
      return { operation, queued: false, queuedReason: null };
    };
    await redeem(core, [A, C, B]);
    const table = await screen.findByRole('table', { name: 'Redeemed feature keys' });
    const [header, ...rows] = within(table).getAllByRole('row');
    expect(headers(header!)).toEqual(['Authorization', 'Feature Key', 'SKU Description', 'MAC', 'Redeemed']);
    expect(rows).toHaveLength(3);
    expect(cells(rows[0]!).slice(0, 4)).toEqual([
      A,
      '$Key-0001-Foeb-l8H8-ic0d-aYbK',
      '8210010 - 6x Internet Call Access Key',
      '00:0A:DD:02:3F:8F',
    ]);
    expect(cells(rows[0]!)[4]).toMatch(/2026/);
    expect(cells(rows[2]!).slice(0, 4)).toEqual([B, 'Already redeemed to 00:0A:DD:11:11:11', '8210026 - 24x Conference Center Key', '']);
    expect(within(rows[2]!).queryByRole('button')).toBeNull();
    expect(screen.getByText('Feature keys generated: 2. Codes not redeemed: 1 (the reason is on each row).')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'System' }).textContent).toContain('00:0A:DD:02:3F:8F · Lincoln Elementary · serial SN-1001');
  });

  it('in a narrow table (838 px, as at 1024×700) the MAC steps out and stands under each key; narrower still the date too', async () => {
    const width = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(838);
    try {
      const core = new FakeCore();
      core.redeemSubmit = async (args) => {
        const operation = fakeRedemption(7, args, 'needs_attention', [
          ...fakeRedemption(7, { ...args, authCodes: [A] }, 'done').results!,
          { authCode: B, status: 'not_found' },
        ]);
        return { operation, queued: false, queuedReason: null };
      };
      await redeem(core, [A, B]);
      const table = await screen.findByRole('table', { name: 'Redeemed feature keys' });
      const [header, ...rows] = within(table).getAllByRole('row');
      expect(headers(header!)).toEqual(['Authorization', 'Feature Key', 'SKU Description', 'Redeemed']);
      const key = within(rows[0]!).getAllByRole('cell')[1]!;
      expect(key.textContent).toBe('$Key-0001-Foeb-l8H8-ic0d-aYbK' + 'MAC: 00:0A:DD:02:3F:8F');
      expect(within(key).getByTitle('00:0A:DD:02:3F:8F')).toBeTruthy();
      expect(cells(rows[0]!)[3]).toMatch(/2026/);
      expect(cells(rows[1]!)).toEqual([B, 'Unknown code: the portal does not know it', '', '']);

      // Narrower still (the sidebar opened over a small window): the date joins the MAC under the key.
      width.mockReturnValue(640);
      fireEvent.click(screen.getByRole('button', { name: 'Redeem more codes' }));
      fill('Auth Code 1', C);
      fireEvent.click(screen.getByRole('button', { name: 'Redeem' }));
      await waitFor(() =>
        expect(within(screen.getByRole('table', { name: 'Redeemed feature keys' })).getAllByRole('columnheader')).toHaveLength(3),
      );
      const [, row] = within(screen.getByRole('table', { name: 'Redeemed feature keys' })).getAllByRole('row');
      expect(within(row!).getAllByRole('cell')[1]!.textContent).toMatch(/^\$Key-\S+MAC: 00:0A:DD:02:3F:8FRedeemed: .*2026/);
    } finally {
      width.mockRestore();
    }
  });

  it('copies one key, or all keys as tab-separated lines', async () => {
    const core = new FakeCore();
    await redeem(core, [A, B]);
    fireEvent.click(await screen.findByRole('button', { name: `Copy feature key for ${B}` }));
    await waitFor(() => expect(clipboard).toEqual(['$Key-0002-Foeb-l8H8-ic0d-aYbK']));
    expect(await screen.findByText(`Feature key for ${B} copied`)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Copy all' }));
    await waitFor(() => expect(clipboard).toHaveLength(2));
    const lines = clipboard[1]!.split('\n').map((line) => line.split('\t'));
    expect(lines.map((line) => line.slice(0, 4))).toEqual([
      [A, '$Key-0001-Foeb-l8H8-ic0d-aYbK', '8210010 - 6x Internet Call Access Key', '00:0A:DD:02:3F:8F'],
      [B, '$Key-0002-Foeb-l8H8-ic0d-aYbK', '8210010 - 6x Internet Call Access Key', '00:0A:DD:02:3F:8F'],
    ]);
  });

  it('Export List to Excel and Export .txt ask the core for the file and download it under its name', async () => {
    const core = new FakeCore();
    const downloads: { name: string; href: string }[] = [];
    const blobs: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return `blob:fieldkey/${blobs.length}`;
    };
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, href: this.href });
    });
    try {
      await redeem(core, [A]);
      fireEvent.click(await screen.findByRole('button', { name: 'Export List to Excel' }));
      await waitFor(() => expect(downloads).toEqual([{ name: 'feature-keys-000ADD023F8F-2026-11-23.xlsx', href: 'blob:fieldkey/1' }]));
      expect(core.callsTo('redeem.export')).toEqual([{ operationId: 1, format: 'xlsx' }]);
      expect(blobs[0]!.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(await blobs[0]!.text()).toBe('feature keys');

      fireEvent.click(screen.getByRole('button', { name: 'Export .txt' }));
      await waitFor(() => expect(downloads.map((d) => d.name)).toContain('feature-keys-000ADD023F8F-2026-11-23.txt'));
      expect(core.callsTo('redeem.export')).toEqual([
        { operationId: 1, format: 'xlsx' },
        { operationId: 1, format: 'txt' },
      ]);
    } finally {
      click.mockRestore();
    }
  });

  it('Redeem more codes keeps MAC, serial and system name and clears the codes', async () => {
    const core = new FakeCore();
    await redeem(core, [A, B]);
    fireEvent.click(await screen.findByRole('button', { name: 'Redeem more codes' }));
    expect(screen.getByLabelText<HTMLInputElement>('MAC Address').value).toBe('00:0A:DD:02:3F:8F');
    expect(screen.getByLabelText<HTMLInputElement>('System Name (Optional)').value).toBe('Lincoln Elementary');
    expect(screen.getByLabelText<HTMLInputElement>('Serial # (Optional)').value).toBe('SN-1001');
    expect(screen.getByLabelText<HTMLInputElement>('Auth Code 1').value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Auth Code 2').value).toBe('');
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('Redeem: queued while offline', () => {
  it('says plainly that it is queued, links to Sync, and shows the results with a notification when the outbox reports it done', async () => {
    const core = new FakeCore();
    let queued: RedemptionOperation | null = null;
    core.redeemSubmit = async (args) => {
      queued = fakeRedemption(12, args, 'pending');
      return { operation: queued, queued: true, queuedReason: say('redeem.queued.offline') };
    };
    await redeem(core, [A, B]);
    const notice = await screen.findByText('Queued: the redemption will be sent when the portal can be reached');
    const alert = notice.closest<HTMLElement>('[role="status"]')!;
    expect(alert.textContent).toContain('The portal cannot be reached right now.');
    expect(within(alert).getByRole('link', { name: 'Open the Sync page' }).getAttribute('href')).toBe('#/sync');
    expect(
      within(screen.getByRole('list', { name: 'Queued authorization codes' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([`${A}Waiting to be sent`, `${B}Waiting to be sent`]);
    expect(screen.queryByRole('table')).toBeNull();

    // Another operation finishing is not this one.
    act(() =>
      core.emit('sync.outbox', {
        counts: { pending: 1, inDoubt: 0, needsAttention: 0 },
        operation: fakeRedemption(99, { mac: '000ADD999999', authCodes: [C] }, 'done'),
      }),
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText(/Queued redemption sent/)).toBeNull();
    // Nor is a system added from Add Systems, even under the same id.
    act(() =>
      core.emit('sync.outbox', {
        counts: { pending: 1, inDoubt: 0, needsAttention: 0 },
        operation: fakeSystemOperation(12, { mac: '000ADD023F8F', systemName: 'Front desk', action: 'add' }, 'done'),
      }),
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Queued: the redemption will be sent when the portal can be reached')).toBeTruthy();

    act(() =>
      core.emit('sync.outbox', { counts: { pending: 0, inDoubt: 0, needsAttention: 0 }, operation: { ...queued!, status: 'in_flight' } }),
    );
    expect(screen.queryByRole('table')).toBeNull();
    act(() =>
      core.emit('sync.outbox', {
        counts: { pending: 0, inDoubt: 0, needsAttention: 0 },
        operation: fakeRedemption(12, { mac: '000ADD023F8F', authCodes: [A, B] }, 'done'),
      }),
    );
    const table = await screen.findByRole('table', { name: 'Redeemed feature keys' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('Queued redemption sent: 2 feature keys for 00:0A:DD:02:3F:8F.')).toBeTruthy();
    expect(screen.queryByText('Queued: the redemption will be sent when the portal can be reached')).toBeNull();
  });

  it('announces a queued redemption that completes while the page is not shown', async () => {
    const core = new FakeCore();
    core.redeemSubmit = async (args) => ({ operation: fakeRedemption(5, args, 'pending'), queued: true, queuedReason: null });
    const { unmount } = renderWithCore(
      <>
        <RedeemPage />
        <RedemptionNotifier />
      </>,
      core,
    );
    fill('MAC Address', '023F8F');
    fill('Auth Code 1', A);
    fireEvent.click(screen.getByRole('button', { name: 'Redeem' }));
    await screen.findByText('Queued: the redemption will be sent when the portal can be reached');
    unmount();

    // The user went to another page: only the notifier (in the app shell) is mounted.
    renderWithCore(<RedemptionNotifier />, core);
    act(() =>
      core.emit('sync.outbox', {
        counts: { pending: 0, inDoubt: 0, needsAttention: 1 },
        operation: fakeRedemption(5, { mac: '000ADD023F8F', authCodes: [A] }, 'needs_attention', [{ authCode: A, status: 'not_found' }]),
      }),
    );
    expect(await screen.findByText('Queued redemption for 00:0A:DD:02:3F:8F answered: 0 redeemed, 1 not redeemed.')).toBeTruthy();
  });
});
