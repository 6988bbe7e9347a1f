// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ComponentType } from 'react';
import type { QuickLookupResult } from '../../../core/keys/contract';
import { QuickLookupPage } from '../../../renderer/src/pages/lookup/QuickLookupPage';
import type { ScannerPanelProps } from '../../../renderer/src/scan/types';
import { FakeCore } from './fake-core';
import { answerWith, lincolnLookup, UNKNOWN_LOOKUP } from './lookup-fixtures';
import { renderWithCore } from './render-app';
import { say } from '../../../core/messages/say';

function setup(
  answer: (args: { mac: string; serial?: string }) => QuickLookupResult = () => lincolnLookup(),
  ScannerPanel: ComponentType<ScannerPanelProps> | null = null,
) {
  const core = new FakeCore();
  answerWith(core, { 'keys.lookup': answer });
  renderWithCore(<QuickLookupPage ScannerPanel={ScannerPanel} />, core);
  return core;
}

const macField = () => screen.getByRole<HTMLInputElement>('combobox', { name: 'MAC Address' });

function lookUp(mac: string, serial = '') {
  fireEvent.change(macField(), { target: { value: mac } });
  fireEvent.change(screen.getByLabelText('Serial # (Optional)'), { target: { value: serial } });
  fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
}

const texts = (elements: HTMLElement[]) => elements.map((element) => element.textContent);

describe('Quick Lookup', () => {
  let clipboard: string[];
  beforeEach(() => {
    window.location.hash = '#/lookup';
    clipboard = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void clipboard.push(text) },
    });
  });

  it('a MAC in any format → the system, its keys (SKU, Auth Code, Feature Key) and its licence inventory; the address records it', async () => {
    const core = setup();
    lookUp('000a.dd02.3f8f');
    const table = await screen.findByRole('table', { name: 'Feature keys of this system' });
    expect(core.callsTo('keys.lookup')).toEqual([{ mac: '000ADD023F8F' }]);
    expect(window.location.hash).toBe('#/lookup?mac=000ADD023F8F');
    expect(macField().value).toBe('00:0A:DD:02:3F:8F');

    expect(screen.getByRole('heading', { level: 2, name: 'Lincoln Elementary' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Customer' }).textContent).toContain('Lincoln School District');
    expect(screen.getByRole('group', { name: 'MAC' }).textContent).toContain('00:0A:DD:02:3F:8F');
    const [header, ...rows] = within(table).getAllByRole('row');
    expect(texts(within(header!).getAllByRole('columnheader'))).toEqual(['SKU', 'Auth Code', 'Feature Key']);
    expect(texts(within(rows[2]!).getAllByRole('cell'))).toEqual([
      '8210027 - 6x User Upgrade 31-60 Users',
      '2ETTZ5-61DA9F-V5KUJZ-3QC9R6',
      'Fn&P-$sqS-D93i-RQe7-BB2g-s&DE',
    ]);
    expect(screen.getByRole('heading', { name: 'Feature keys: 3' })).toBeTruthy();

    const inventory = screen.getByRole('table', { name: 'Licence inventory' });
    expect(
      within(inventory)
        .getAllByRole('row')
        .map((row) => texts([...row.querySelectorAll<HTMLElement>('th, td')])),
    ).toEqual([
      ['SKU', 'Description', 'Count'],
      ['8210010', '6x Internet Call Access Key', '2'],
      ['8210027', '6x User Upgrade 31-60 Users', '1'],
      ['Total of elementary features', '3'],
    ]);
    expect(screen.getByRole('link', { name: "Open the system's page" }).getAttribute('href')).toBe('#/systems/000ADD023F8F');
  });

  it('Enter in the serial field looks up with the serial; the serial warning is shown', async () => {
    const core = setup(() =>
      lincolnLookup({ serialWarning: say('keys.lookup.serialMismatch', { given: 'SN-9', mac: '00:0A:DD:02:3F:8F', serial: 'SN-1001' }) }),
    );
    fireEvent.change(macField(), { target: { value: '023F8F' } });
    const serial = screen.getByLabelText('Serial # (Optional)');
    fireEvent.change(serial, { target: { value: 'SN-9' } });
    fireEvent.submit(serial.closest('form')!);
    expect(
      await screen.findByText('The serial number SN-9 is not the one this computer has for 00:0A:DD:02:3F:8F (SN-1001): check the label.'),
    ).toBeTruthy();
    expect(core.callsTo('keys.lookup')).toEqual([{ mac: '000ADD023F8F', serial: 'SN-9' }]);
    expect(window.location.hash).toBe('#/lookup?mac=000ADD023F8F&serial=SN-9');
  });

  it('a malformed MAC: the MAC rule’s message on the field, nothing looked up', () => {
    const core = setup();
    lookUp('00:0A:DD:02:3F');
    expect(macField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/A MAC address has 12 hex digits/)).toBeTruthy();
    expect(core.callsTo('keys.lookup')).toEqual([]);
    expect(window.location.hash).toBe('#/lookup');
  });

  it('an address with a lookup (reload, back, a link) fills the form and looks it up', async () => {
    window.location.hash = '#/lookup?mac=000ADD023F8F&serial=SN-1001';
    const core = setup();
    await screen.findByRole('table', { name: 'Feature keys of this system' });
    expect(macField().value).toBe('00:0A:DD:02:3F:8F');
    expect(screen.getByLabelText<HTMLInputElement>('Serial # (Optional)').value).toBe('SN-1001');
    expect(core.callsTo('keys.lookup')).toEqual([{ mac: '000ADD023F8F', serial: 'SN-1001' }]);

    // Back to an earlier lookup: the form and the answer follow the address.
    act(() => {
      window.location.hash = '#/lookup?mac=000ADD111111';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(macField().value).toBe('00:0A:DD:11:11:11'));
    expect(screen.getByLabelText<HTMLInputElement>('Serial # (Optional)').value).toBe('');
    await waitFor(() => expect(core.callsTo('keys.lookup')).toContainEqual({ mac: '000ADD111111' }));
  });

  it('an unknown MAC: said plainly, with a link that adds that system', async () => {
    setup(() => UNKNOWN_LOOKUP);
    lookUp('00:0A:DD:AB:CD:EF');
    expect(await screen.findByText('00:0A:DD:AB:CD:EF is not on this computer')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add this system' }).getAttribute('href')).toBe('#/systems?mac=000ADDABCDEF');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('Copy per key and Copy all put the keys on the clipboard, with a confirmation', async () => {
    setup();
    lookUp('023f8f');
    await screen.findByRole('table', { name: 'Feature keys of this system' });
    fireEvent.click(screen.getByRole('button', { name: 'Copy feature key for 2ETTZ5-61DA9F-V5KUJZ-3QC9R6' }));
    expect(await screen.findByText('Feature key for 2ETTZ5-61DA9F-V5KUJZ-3QC9R6 copied')).toBeTruthy();
    expect(clipboard).toEqual(['Fn&P-$sqS-D93i-RQe7-BB2g-s&DE']);

    fireEvent.click(screen.getByRole('button', { name: 'Copy all' }));
    expect(await screen.findByText('Feature keys copied: 3')).toBeTruthy();
    expect(clipboard[1]!.split('\n')).toHaveLength(3);
    expect(clipboard[1]!.split('\n')[0]).toBe(
      '8210010 - 6x Internet Call Access Key\t43XC98-68WTGB-CWMH53-YS4RA9\t$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
    );
  });

  it('the clipboard refused: the confirmation says it could not copy', async () => {
    setup();
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async () => Promise.reject(new Error('denied')) },
    });
    lookUp('023f8f');
    fireEvent.click(await screen.findByRole('button', { name: 'Copy all' }));
    expect(await screen.findByText('Could not copy: the system refused access to the clipboard.')).toBeTruthy();
  });

  it('Export to Excel and Export .txt ask the core for the system’s file and download it', async () => {
    const core = setup();
    answerWith(core, {
      'keys.exportSystem': ({ mac, format }: { mac: string; format: 'xlsx' | 'txt' }) => ({
        fileName: `lincoln-elementary-${mac}.${format}`,
        mimeType: 'text/plain',
        base64: btoa('keys'),
      }),
    });
    const downloads: string[] = [];
    URL.createObjectURL = () => 'blob:fieldkey/1';
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    try {
      lookUp('023f8f');
      fireEvent.click(await screen.findByRole('button', { name: 'Export to Excel' }));
      await waitFor(() => expect(downloads).toEqual(['lincoln-elementary-000ADD023F8F.xlsx']));
      fireEvent.click(screen.getByRole('button', { name: 'Export .txt' }));
      await waitFor(() => expect(downloads).toEqual(['lincoln-elementary-000ADD023F8F.xlsx', 'lincoln-elementary-000ADD023F8F.txt']));
      expect(core.callsTo('keys.exportSystem')).toEqual([
        { mac: '000ADD023F8F', format: 'xlsx' },
        { mac: '000ADD023F8F', format: 'txt' },
      ]);
    } finally {
      click.mockRestore();
    }
  });

  it('the cache changes (a sync, an import): the shown system is looked up again', async () => {
    let keys = 3;
    const core = setup(() => {
      const full = lincolnLookup();
      return { ...full, keys: full.keys.slice(0, keys) };
    });
    lookUp('023f8f');
    expect(await screen.findByRole('heading', { name: 'Feature keys: 3' })).toBeTruthy();
    keys = 2;
    act(() => core.emit('keys.changed', { reason: 'sync' }));
    expect(await screen.findByRole('heading', { name: 'Feature keys: 2' })).toBeTruthy();
    expect(core.callsTo('keys.lookup')).toHaveLength(2);
  });

  it('Scan MAC from label: the MAC the camera reads is looked up at once', async () => {
    function FakeScannerPanel({ open, mode, onCode, onClose }: ScannerPanelProps) {
      if (!open) return null;
      return (
        <div role="dialog" aria-label={`Scanner ${mode}`}>
          <button type="button" onClick={() => onCode('000ADD023F8F') && onClose()}>
            read label
          </button>
        </div>
      );
    }
    const core = setup(undefined, FakeScannerPanel);
    fireEvent.click(screen.getByRole('button', { name: 'Scan MAC from label' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Scanner mac' })).getByRole('button', { name: 'read label' }));
    await screen.findByRole('table', { name: 'Feature keys of this system' });
    expect(macField().value).toBe('00:0A:DD:02:3F:8F');
    expect(core.callsTo('keys.lookup')).toEqual([{ mac: '000ADD023F8F' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a lookup that fails says so, and Try again asks again', async () => {
    const core = setup();
    let fail = true;
    answerWith(core, {
      'keys.lookup': () => {
        if (fail) throw new Error('The database is locked.');
        return lincolnLookup();
      },
    });
    lookUp('023f8f');
    expect(await screen.findByText('Could not look up this system')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Feature keys of this system' })).toBeTruthy();
  });
});
