// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../core/rpc/errors';
import type { ScannerPanelProps, ScanOutcome } from '../../../renderer/src/scan/types';
import { PictureError } from '../../../renderer/src/scan/problems';
import { RedeemPage } from '../../../renderer/src/pages/redeem/RedeemPage';
import type { ScanningTools } from '../../../renderer/src/pages/redeem/scanning';
import { FakeCore } from './fake-core';
import { renderWithCore } from './render-app';

const A = '43XC98-68WTGB-CWMH53-YS4RA9';
const B = '2ZJCZN-2HEYV7-V3YJN8-5MSTGG';
const C = '2ETTZ5-61DA9F-V5KUJZ-3QC9R6';

const codeField = (n: number) => screen.getByLabelText<HTMLInputElement>(`Auth Code ${n}`);
const codeValues = () => screen.getAllByLabelText<HTMLInputElement>(/^Auth Code \d+$/).map((input) => input.value);

/** The helper text MUI links to a field (its accessible description). */
function noteOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim();
}

function type(input: HTMLElement, value: string) {
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
}

function typeAndLeave(input: HTMLElement, value: string) {
  type(input, value);
  fireEvent.blur(input);
}

function paste(input: HTMLElement, text: string) {
  fireEvent.focus(input);
  fireEvent.paste(input, { clipboardData: { getData: () => text, files: [], types: ['text/plain'] } });
}

function renderPage(core = new FakeCore(), scanning?: ScanningTools) {
  renderWithCore(<RedeemPage scanning={scanning} />, core);
  return core;
}

describe('Redeem form: the portal fields', () => {
  it('has the portal labels: serial, MAC, system name, ten Auth Code fields, Redeem and Reset; more fields up to fifty', async () => {
    renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Redeem codes' })).toBeTruthy();
    for (const label of ['Serial # (Optional)', 'MAC Address', 'System Name (Optional)']) expect(screen.getByLabelText(label)).toBeTruthy();
    expect(codeValues()).toHaveLength(10);
    expect(screen.getByRole('button', { name: 'Redeem' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reset' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Scan with camera' })).toBeTruthy();

    const add = screen.getByRole<HTMLButtonElement>('button', { name: 'Add code field' });
    fireEvent.click(add);
    expect(codeValues()).toHaveLength(11);
    await waitFor(() => expect(document.activeElement).toBe(codeField(11)));
    for (let i = 11; i < 50; i++) fireEvent.click(add);
    expect(codeValues()).toHaveLength(50);
    expect(add.disabled).toBe(true);
    // Forty renders of a growing form in jsdom: 9–13 s alone, over 30 s on the shared CI cores.
  }, 90_000);
});

describe('Redeem form: auth codes', () => {
  it('shows a code canonical once the field is left, and says precisely what is wrong with a bad one', () => {
    renderPage();
    typeAndLeave(codeField(1), ' 43xc98 68wtgb cwmh53ys4ra9 ');
    expect(codeField(1).value).toBe(A);
    expect(codeField(1).getAttribute('aria-invalid')).toBe('false');

    type(codeField(2), '43XC98-68WTGB-CWMH5');
    // Not while typing: only once the field is left.
    expect(noteOf(codeField(2))).toBe('');
    fireEvent.blur(codeField(2));
    expect(codeField(2).getAttribute('aria-invalid')).toBe('true');
    expect(noteOf(codeField(2))).toBe('Too short: an authorization code has 24 letters and digits, this has 17.');

    typeAndLeave(codeField(3), '43XC98-68WTGB-CWMH53-YS4RA$');
    expect(noteOf(codeField(3))).toMatch(/^"\$" \(character 24\) is not allowed/);
  });

  it('flags a code already in another field', () => {
    renderPage();
    typeAndLeave(codeField(2), A);
    typeAndLeave(codeField(4), A.toLowerCase());
    expect(noteOf(codeField(4))).toBe('Same code as Auth Code 2');
    expect(codeField(4).getAttribute('aria-invalid')).toBe('true');
    expect(noteOf(codeField(2))).toBe('');
  });

  it('shows what the preview says next to each valid code', async () => {
    const core = new FakeCore();
    core.previewCode = (authCode) =>
      authCode === A
        ? { authCode, state: 'unredeemed', source: 'portal', sku: '8210010', skuDescription: '8210010 - 6x Internet Call Access Key' }
        : authCode === B
          ? {
              authCode,
              state: 'redeemed',
              source: 'cache',
              mac: '000ADD023F8F',
              systemName: 'Lincoln Elementary',
              redeemedAt: '2026-10-01T10:00:00Z',
            }
          : authCode === C
            ? { authCode, state: 'queued', source: 'outbox' }
            : { authCode, state: 'not_found', source: 'portal' };
    renderPage(core);
    typeAndLeave(codeField(1), A);
    typeAndLeave(codeField(2), B);
    typeAndLeave(codeField(3), C);
    typeAndLeave(codeField(4), 'AAAAAA-BBBBBB-CCCCCC-DDDDDD');
    await waitFor(() => expect(noteOf(codeField(1))).toBe('8210010 - 6x Internet Call Access Key'));
    expect(noteOf(codeField(2))).toBe('Already redeemed to 00:0A:DD:02:3F:8F (Lincoln Elementary)');
    expect(codeField(2).getAttribute('aria-invalid')).toBe('true');
    expect(noteOf(codeField(3))).toBe('Already queued');
    expect(noteOf(codeField(4))).toBe('Unknown code');
    // Only valid codes are asked about, once each, canonical.
    const asked = core.callsTo('redeem.preview') as { authCodes: string[] }[];
    expect(asked.at(-1)).toEqual({ authCodes: [A, B, C, 'AAAAAA-BBBBBB-CCCCCC-DDDDDD'] });
  });

  it('offline, a code is marked as not checked', async () => {
    renderPage();
    typeAndLeave(codeField(1), A);
    await waitFor(() => expect(noteOf(codeField(1))).toBe('Not checked (offline)'));
    expect(codeField(1).getAttribute('aria-invalid')).toBe('false');
  });
});

describe('Redeem form: pasting a block of text', () => {
  it('fills as many fields as it has codes, from the field pasted into, skipping filled ones, and lists what it could not read', () => {
    renderPage();
    typeAndLeave(codeField(3), C);
    const email = `Hi,\nyour codes:\nCode: ${A.toLowerCase()}\n${B.replace(/-/g, ' ')}\n43XC98-68WTGB-CWMH5-YS4RA9\n${C}\nThanks`;
    paste(codeField(2), email);
    expect(codeValues().slice(0, 5)).toEqual(['', A, C, B, '']);
    const report = screen.getByRole('alert');
    expect(report.textContent).toContain('Codes added from the pasted text: 2');
    expect(within(report).getByText('43XC98-68WTGB-CWMH5-YS4RA9')).toBeTruthy();
    expect(report.textContent).toContain('Already in the form, not added again: Auth Code 3');
  });

  it('adds fields as needed, up to fifty, and says how many did not fit', () => {
    renderPage();
    const codes = Array.from({ length: 55 }, (_, i) => `AAAAAA-BBBBBB-CCCCCC-${String(i).padStart(6, '0')}`);
    paste(codeField(1), codes.join('\n'));
    expect(codeValues()).toHaveLength(50);
    expect(codeValues()[49]).toBe(codes[49]);
    expect(screen.getByRole('alert').textContent).toContain('Codes that did not fit (a redemption takes at most 50): 5');
  });

  it('a paste without any code is left to the field, and checked when the field is left', () => {
    renderPage();
    paste(codeField(1), '43XC98-68WTGB');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Redeem form: USB scanner (a code, then Enter)', () => {
  it('Enter normalises the code and moves to the next empty field; it never redeems', async () => {
    const core = renderPage();
    typeAndLeave(codeField(2), B);
    type(codeField(1), A.replace(/-/g, '').toLowerCase());
    fireEvent.keyDown(codeField(1), { key: 'Enter' });
    expect(codeField(1).value).toBe(A);
    await waitFor(() => expect(document.activeElement).toBe(codeField(3)));

    type(codeField(3), C);
    fireEvent.keyDown(codeField(3), { key: 'Enter' });
    await waitFor(() => expect(document.activeElement).toBe(codeField(4)));
    expect(core.callsTo('redeem.submit')).toEqual([]);
  });

  it('Enter with a bad code keeps the focus there and shows why', () => {
    renderPage();
    act(() => codeField(1).focus());
    type(codeField(1), 'NOT-A-CODE');
    fireEvent.keyDown(codeField(1), { key: 'Enter' });
    expect(noteOf(codeField(1))).toMatch(/Too short/);
    expect(document.activeElement).toBe(codeField(1));
  });

  it('adds a field when the last one is filled', async () => {
    renderPage();
    const codes = Array.from({ length: 10 }, (_, i) => `AAAAAA-BBBBBB-CCCCCC-${String(i).padStart(6, '0')}`);
    for (const [i, code] of codes.entries()) typeAndLeave(codeField(i + 1), code);
    fireEvent.keyDown(codeField(10), { key: 'Enter' });
    await waitFor(() => expect(document.activeElement).toBe(codeField(11)));
  });
});

describe('Redeem form: Reset', () => {
  it('asks before clearing typed codes; Esc keeps them; confirming clears everything', async () => {
    renderPage();
    type(screen.getByLabelText('Serial # (Optional)'), 'SN-1');
    typeAndLeave(codeField(1), A);
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    let dialog = await screen.findByRole('dialog', { name: 'Clear the form?' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(codeField(1).value).toBe(A);

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    dialog = await screen.findByRole('dialog', { name: 'Clear the form?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear the form' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(codeValues()).toEqual(new Array(10).fill(''));
    expect(screen.getByLabelText<HTMLInputElement>('Serial # (Optional)').value).toBe('');
  });

  it('clears at once when no code is filled', () => {
    renderPage();
    type(screen.getByLabelText('System Name (Optional)'), 'Office');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('System Name (Optional)').value).toBe('');
  });
});

describe('Redeem form: MAC', () => {
  it('accepts the last six digits, shows the canonical MAC with the prefix added, and fills the known system name', async () => {
    const core = new FakeCore();
    core.systems = [
      { mac: '000ADD023F8F', serial: 'SN-1001', name: 'Lincoln Elementary', customer: 'Lincoln School District', keyCount: 12 },
    ];
    renderPage(core);
    const mac = screen.getByLabelText<HTMLInputElement>('MAC Address');
    typeAndLeave(mac, '023f8f');
    expect(mac.value).toBe('00:0A:DD:02:3F:8F');
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('System Name (Optional)').value).toBe('Lincoln Elementary'));
    expect(screen.getByLabelText<HTMLInputElement>('Serial # (Optional)').value).toBe('SN-1001');
    expect(noteOf(mac)).toBe('Known system: Lincoln Elementary (12 feature keys on this computer)');
  });

  it('does not overwrite a system name the technician typed', async () => {
    const core = new FakeCore();
    core.systems = [{ mac: '000ADD023F8F', serial: null, name: 'Lincoln Elementary', customer: null, keyCount: 0 }];
    renderPage(core);
    type(screen.getByLabelText('System Name (Optional)'), 'Gym');
    typeAndLeave(screen.getByLabelText('MAC Address'), '00-0a-dd-02-3f-8f');
    await waitFor(() => expect(core.callsTo('systems.get')).toEqual([{ mac: '000ADD023F8F' }]));
    expect(screen.getByLabelText<HTMLInputElement>('System Name (Optional)').value).toBe('Gym');
  });

  it('a MAC typed (or scanned by a USB scanner) and Enter moves on to the first empty code field', async () => {
    renderPage();
    typeAndLeave(codeField(1), A);
    const mac = screen.getByLabelText<HTMLInputElement>('MAC Address');
    act(() => mac.focus());
    type(mac, '000ADD023F8F');
    fireEvent.keyDown(mac, { key: 'Enter' });
    expect(mac.value).toBe('00:0A:DD:02:3F:8F');
    await waitFor(() => expect(document.activeElement).toBe(codeField(2)));
  });

  it('says what is wrong with a malformed MAC', () => {
    renderPage();
    const mac = screen.getByLabelText('MAC Address');
    typeAndLeave(mac, '00:0A:DD:02:3F');
    expect(mac.getAttribute('aria-invalid')).toBe('true');
    expect(noteOf(mac)).toMatch(/12 hex digits .* this has 10/);
  });

  it('offers known systems by name as you type; picking one fills MAC and name', async () => {
    const core = new FakeCore();
    core.systems = [
      { mac: '000ADD023F8F', serial: null, name: 'Lincoln Elementary', customer: 'Lincoln School District', keyCount: 2 },
      { mac: '000ADD111111', serial: null, name: 'Warehouse', customer: 'Beta', keyCount: 0 },
    ];
    renderPage(core);
    const mac = screen.getByLabelText<HTMLInputElement>('MAC Address');
    fireEvent.mouseDown(mac);
    type(mac, 'linc');
    const option = await screen.findByRole('option', { name: /00:0A:DD:02:3F:8F/ });
    expect(option.textContent).toContain('Lincoln Elementary');
    expect(screen.queryByRole('option', { name: /Warehouse/ })).toBeNull();
    fireEvent.click(option);
    expect(mac.value).toBe('00:0A:DD:02:3F:8F');
    expect(screen.getByLabelText<HTMLInputElement>('System Name (Optional)').value).toBe('Lincoln Elementary');
  });
});

describe('Redeem form: submitting', () => {
  it('refuses to send without a valid MAC or any code, saying where', async () => {
    const core = renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Redeem' }));
    expect(noteOf(screen.getByLabelText('MAC Address'))).toBe('Enter a MAC address.');
    expect(noteOf(codeField(1))).toBe('Enter at least one authorization code.');
    expect(core.callsTo('redeem.submit')).toEqual([]);
  });

  it('lists the problems above the form, focused, each a link to its field; the list shrinks as they are fixed', async () => {
    const core = renderPage();
    typeAndLeave(codeField(2), 'NOT-A-CODE');
    fireEvent.click(screen.getByRole('button', { name: 'Redeem' }));
    const summary = await screen.findByRole('region', { name: '2 problems to fix' });
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'MAC Address: Enter a MAC address.',
      'Auth Code 2: Too short: an authorization code has 24 letters and digits, this has 8.',
    ]);
    expect(core.callsTo('redeem.submit')).toEqual([]);

    fireEvent.click(within(summary).getByRole('link', { name: /^Auth Code 2:/ }));
    await waitFor(() => expect(document.activeElement).toBe(codeField(2)));

    typeAndLeave(screen.getByLabelText('MAC Address'), '023f8f');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Auth Code 2: Too short: an authorization code has 24 letters and digits, this has 8.']);
    expect(summary.textContent).toContain('1 problem to fix');
    typeAndLeave(codeField(2), A);
    await waitFor(() => expect(screen.queryByRole('region', { name: /to fix/ })).toBeNull());
  });

  it('sends the MAC compact and the filled codes canonical; the form is locked while it runs', async () => {
    const core = new FakeCore();
    let answer: () => void = () => {};
    const submitted = core.redeemSubmit;
    core.redeemSubmit = (args) => new Promise((resolve) => (answer = () => resolve(submitted(args))));
    renderPage(core);
    typeAndLeave(screen.getByLabelText('MAC Address'), '000a.dd02.3f8f');
    typeAndLeave(screen.getByLabelText('System Name (Optional)'), ' Lincoln ');
    typeAndLeave(codeField(1), A.toLowerCase());
    typeAndLeave(codeField(3), B);
    fireEvent.keyDown(codeField(3), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(core.callsTo('redeem.submit')).toEqual([{ mac: '000ADD023F8F', systemName: 'Lincoln', authCodes: [A, B] }]));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Redeem' }).disabled).toBe(true);
    expect(codeField(1).disabled).toBe(true);
    expect(screen.getByRole('progressbar', { name: 'Redeeming' })).toBeTruthy();
    await act(async () => answer());
    expect(await screen.findByRole('table', { name: 'Redeemed feature keys' })).toBeTruthy();
  });

  it('puts a VALIDATION error on the field it names (authCodes.1 is the second code sent)', async () => {
    const core = new FakeCore();
    core.redeemSubmit = async () => {
      throw new ApiError('VALIDATION', 'Invalid arguments', {
        fields: [{ field: 'authCodes.1', code: 'code.refused', message: 'the portal refused this code' }],
      });
    };
    renderPage(core);
    typeAndLeave(screen.getByLabelText('MAC Address'), '023F8F');
    typeAndLeave(codeField(1), A);
    typeAndLeave(codeField(4), B);
    fireEvent.click(screen.getByRole('button', { name: 'Redeem' }));
    await waitFor(() => expect(noteOf(codeField(4))).toBe('The portal refused this code'));
    expect(codeField(4).getAttribute('aria-invalid')).toBe('true');
  });

  it('marks codes a CONFLICT names as already queued', async () => {
    const core = new FakeCore();
    core.redeemSubmit = async () => {
      throw new ApiError('CONFLICT', 'These codes are already waiting in the outbox.', { authCodes: [B] });
    };
    renderPage(core);
    typeAndLeave(screen.getByLabelText('MAC Address'), '023F8F');
    typeAndLeave(codeField(1), A);
    typeAndLeave(codeField(2), B);
    fireEvent.click(screen.getByRole('button', { name: 'Redeem' }));
    await waitFor(() => expect(noteOf(codeField(2))).toBe('Already queued'));
    expect(noteOf(codeField(1))).not.toBe('Already queued');
  });
});

describe('Redeem form: camera and pictures', () => {
  /** A stand-in panel: a button per scanned value, and the outcomes it was told. */
  function fakeScanner(values: string[], outcomes: ScanOutcome[]): ScanningTools['ScannerPanel'] {
    return function FakeScannerPanel({ open, mode, fields, onCode, onClose }: ScannerPanelProps) {
      if (!open) return null;
      return (
        <div role="dialog" aria-label={`Scanner ${mode}`}>
          {fields && <output>{`${fields.filled} of ${fields.total}`}</output>}
          {values.map((value, i) => (
            <button key={i} onClick={() => outcomes.push(onCode(value))}>
              {`scan ${value}`}
            </button>
          ))}
          <button onClick={onClose}>Done</button>
        </div>
      );
    };
  }

  it('Scan with camera: each code goes into the next empty field; a duplicate is reported with its field', () => {
    const outcomes: ScanOutcome[] = [];
    renderPage(new FakeCore(), { ScannerPanel: fakeScanner([A, B, A], outcomes), readBarcodesFromPicture: null });
    typeAndLeave(codeField(1), C);
    fireEvent.click(screen.getByRole('button', { name: 'Scan with camera' }));
    const panel = screen.getByRole('dialog', { name: 'Scanner codes' });
    // The panel's counter: the form's code fields, and how many hold something.
    expect(within(panel).getByRole('status').textContent).toBe('1 of 10');
    fireEvent.click(within(panel).getAllByRole('button', { name: `scan ${A}` })[0]!);
    fireEvent.click(within(panel).getByRole('button', { name: `scan ${B}` }));
    fireEvent.click(within(panel).getAllByRole('button', { name: `scan ${A}` })[0]!);
    expect(within(panel).getByRole('status').textContent).toBe('3 of 10');
    expect(outcomes).toEqual([
      { kind: 'added', field: 2 },
      { kind: 'added', field: 3 },
      { kind: 'duplicate', field: 2 },
    ]);
    expect(codeValues().slice(0, 4)).toEqual([C, A, B, '']);
    fireEvent.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog', { name: 'Scanner codes' })).toBeNull();
  });

  it('the MAC scan button reads a MAC into the MAC field', () => {
    const outcomes: ScanOutcome[] = [];
    renderPage(new FakeCore(), { ScannerPanel: fakeScanner(['000ADD023F8F'], outcomes), readBarcodesFromPicture: null });
    fireEvent.click(screen.getByRole('button', { name: 'Scan MAC from label' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Scanner mac' })).getByRole('button', { name: 'scan 000ADD023F8F' }));
    expect(screen.getByLabelText<HTMLInputElement>('MAC Address').value).toBe('00:0A:DD:02:3F:8F');
  });

  it('Read codes from picture fills like a paste; a picture without codes says so', async () => {
    const pictures: Blob[] = [];
    let answer: string[] = [A, 'https://example.com', B];
    renderPage(new FakeCore(), {
      ScannerPanel: null,
      readBarcodesFromPicture: async (picture) => {
        pictures.push(picture);
        return answer;
      },
    });
    const fileInput = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    const photo = new File(['png'], 'sheet.png', { type: 'image/png' });
    fireEvent.change(fileInput, { target: { files: [photo] } });
    await waitFor(() => expect(codeValues().slice(0, 3)).toEqual([A, B, '']));
    expect(pictures).toEqual([photo]);
    expect(screen.getByRole('status').textContent).toContain('Codes added from the picture: 2');

    answer = [];
    fireEvent.change(fileInput, { target: { files: [photo] } });
    expect(await screen.findByText(/No authorization code could be read from this picture/)).toBeTruthy();
  });

  it('a picture dropped on the form, or pasted anywhere on the page, is read too', async () => {
    const pictures: Blob[] = [];
    const answers = [[A], [B]];
    renderPage(new FakeCore(), {
      ScannerPanel: null,
      readBarcodesFromPicture: async (picture) => {
        pictures.push(picture);
        return answers.shift() ?? [];
      },
    });
    const dropped = new File(['png'], 'dropped.png', { type: 'image/png' });
    const form = screen.getByRole('form', { name: 'Redeem authorization codes' });
    fireEvent.dragOver(form, { dataTransfer: { files: [dropped], types: ['Files'] } });
    fireEvent.drop(form, { dataTransfer: { files: [dropped], types: ['Files'] } });
    await waitFor(() => expect(codeValues()[0]).toBe(A));

    const screenshot = new File(['png'], 'screenshot.png', { type: 'image/png' });
    const pasteEvent = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(pasteEvent, 'clipboardData', { value: { files: [screenshot], getData: () => '' } });
    act(() => void document.body.dispatchEvent(pasteEvent));
    await waitFor(() => expect(codeValues().slice(0, 2)).toEqual([A, B]));
    expect(pictures).toEqual([dropped, screenshot]);
  });

  it('a file that is not a readable picture says why', async () => {
    renderPage(new FakeCore(), {
      ScannerPanel: null,
      readBarcodesFromPicture: async () => {
        throw new PictureError({ kind: 'notAPicture', name: 'order.pdf', type: 'application/pdf' });
      },
    });
    fireEvent.change(document.querySelector<HTMLInputElement>('input[type="file"]')!, {
      target: { files: [new File(['%PDF'], 'order.pdf', { type: 'application/pdf' })] },
    });
    expect(await screen.findByText(/"order.pdf" is not a picture/)).toBeTruthy();
    expect(codeValues()).toEqual(new Array(10).fill(''));
  });

  it('the real scanner panel opens over the form from Scan with camera and closes with Esc', async () => {
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Scan with camera' }));
    const panel = await screen.findByRole('dialog');
    fireEvent.keyDown(panel, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByLabelText('Auth Code 1')).toBeTruthy();
  });

  it('with no scanner available, the camera buttons are there but disabled', () => {
    renderPage(new FakeCore(), { ScannerPanel: null, readBarcodesFromPicture: null });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Scan with camera' }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Read codes from picture' }).disabled).toBe(true);
  });
});
