// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { ImportProblemAlert } from '../../../renderer/src/pages/codes/ImportProblemAlert';
import { ApiError } from '../../../core/rpc/errors';
import { say } from '../../../core/messages/say';
import {
  MAX_CODE_SHEET_BYTES,
  type CodeBalance,
  type CodeCheckResult,
  type CodeImportDraft,
  type CodeRow,
  type DraftCode,
} from '../../../core/codes/contract';
import type { ExportedFile } from '../../../core/export/contract';
import { CodesPage } from '../../../renderer/src/pages/codes/CodesPage';
import { CODE_SHEET_LIMIT_BYTES } from '../../../renderer/src/pages/codes/use-code-import';
import { answerMethods, FakeCore, fakeListPage, layOutScrollers } from './fake-core';
import { renderWithCore } from './render-app';

configure({ asyncUtilTimeout: 5000 });
layOutScrollers();

const A = '43XC98-68WTGB-CWMH53-YS4RA9';
const B = '2ZJCZN-2HEYV7-V3YJN8-5MSTGG';
const C = '2ETTZ5-61DA9F-V5KUJZ-3QC9R6';
const D = '7QWERT-2HEYV7-V3YJN8-5MSTGG';

function draftCode(code: string, row: number, extra: Partial<DraftCode> = {}): DraftCode {
  return {
    code,
    text: code.toLowerCase(),
    sheet: 'Order',
    row,
    column: 4,
    cell: `D${row}`,
    sku: 'SKU-100',
    description: 'Connect licence',
    distributor: 'Acme Distribution',
    occurrences: 1,
    source: 'text',
    picture: null,
    state: 'new',
    inventoryStatus: null,
    mac: null,
    redeemedAt: null,
    ...extra,
  };
}

function fakeDraft(fileName = 'order.xlsx'): CodeImportDraft {
  const codes = [
    draftCode(A, 4, { source: 'both', picture: { sheet: 'Order', row: 4, column: 5, cell: 'E4' }, occurrences: 2 }),
    draftCode(B, 5),
    draftCode(C, 6, { state: 'redeemed', mac: '000ADD112233', redeemedAt: '2026-11-02T10:00:00.000Z' }),
    draftCode(D, 2, { sheet: 'Pictures', source: 'picture', state: 'in_inventory', inventoryStatus: 'available' }),
  ];
  return {
    draftId: `draft-${fileName}`,
    fileName,
    format: 'xlsx',
    expiresAt: '2026-11-30T16:00:00.000Z',
    sheets: [{ name: 'Order', headerRow: 3, rows: 9, codes: 4, pictures: 2 }],
    codes,
    counts: {
      codes: 4,
      occurrences: 5,
      new: 2,
      inInventory: 1,
      redeemed: 1,
      queued: 0,
      notCodes: 1,
      duplicates: 1,
      pictures: 3,
      fromText: 2,
      fromPicture: 1,
      fromBoth: 1,
      picturesWithoutCode: 1,
    },
    notCodes: [
      { sheet: 'Order', row: 8, column: 4, cell: 'D8', text: 'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZ1', message: say('codes.notACode.notLikeCode') },
    ],
    duplicates: [
      {
        code: A,
        occurrences: [
          { sheet: 'Order', row: 4, column: 4, cell: 'D4' },
          { sheet: 'Order', row: 9, column: 4, cell: 'D9' },
        ],
      },
    ],
    pictures: [
      {
        sheet: 'Order',
        row: 7,
        column: 5,
        cell: 'E7',
        extension: 'png',
        sku: null,
        description: null,
        state: 'no_barcode',
        code: null,
        text: null,
        format: null,
        match: null,
        message: say('codes.picture.noBarcode', { sheet: 'Order', cell: 'E7' }),
      },
    ],
    picturesNote: say('codes.import.picturesNote', { count: 1, total: 3, detail: 'no barcode' }),
  };
}

function inventoryRow(code: string, extra: Partial<CodeRow> = {}): CodeRow {
  return {
    code,
    sku: 'SKU-100',
    description: 'Connect licence',
    distributor: 'Acme Distribution',
    status: 'unchecked',
    redeemedMac: null,
    redeemedAt: null,
    lastCheckedAt: null,
    importedAt: '2026-11-30T15:00:00.000Z',
    batchId: 1,
    sourceFile: 'order.xlsx',
    sourceSheet: 'Order',
    sourceRow: 4,
    sourceColumn: 4,
    sourceKind: 'text',
    ...extra,
  };
}

/** The codes.* methods from memory. */
class FakeCodes {
  rows: CodeRow[] = [];
  balance: CodeBalance = { rows: [], total: 0 };
  preview: (args: { fileName: string; bytes: Uint8Array; replaceDraftId?: string }) => CodeImportDraft = ({ fileName }) =>
    fakeDraft(fileName);
  check: CodeCheckResult = {
    checked: 0,
    available: 0,
    redeemed: 0,
    unknown: 0,
    unchecked: 2,
    reason: 'offline',
    message: say('codes.check.offline'),
  };
  constructor(readonly core: FakeCore) {
    answerMethods(core, 'codes.', async (method, args) => this.answer(method, args));
  }
  private async answer(method: string, args: unknown): Promise<unknown> {
    switch (method) {
      case 'codes.list': {
        const { after, limit } = args as { after: string | null; limit: number };
        const page = fakeListPage(this.rows, after, limit, { note: null, lastSyncedAt: null });
        return { rows: page.rows, nextCursor: page.nextCursor, total: page.total, note: null };
      }
      case 'codes.balance':
        return this.balance;
      case 'codes.previewImport':
        return this.preview(args as { fileName: string; bytes: Uint8Array });
      case 'codes.confirmImport': {
        const { draftId, skip } = args as { draftId: string; skip: string[] };
        return {
          draftId,
          batchId: 1,
          fileName: 'order.xlsx',
          added: 2 - skip.length,
          addedRedeemed: 1,
          alreadyInInventory: 1,
          skipped: skip.length,
          alreadyConfirmed: false,
        };
      }
      case 'codes.discardImport':
        return { discarded: true };
      case 'codes.check':
        return this.check;
      case 'codes.exportBalance':
        return {
          fileName: 'balance.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          base64: btoa('x'),
        };
      default:
        throw new ApiError('UNKNOWN_METHOD', method);
    }
  }
}

function setup(prepare: (codes: FakeCodes) => void = () => {}) {
  const core = new FakeCore();
  const codes = new FakeCodes(core);
  prepare(codes);
  const saved: ExportedFile[] = [];
  renderWithCore(<CodesPage save={(file) => saved.push(file)} />, core);
  return { core, codes, saved };
}

const callsTo = (core: FakeCore, method: string) => core.calls.filter((call) => call.method === method).map((call) => call.args);
const fileInput = () => screen.getByLabelText<HTMLInputElement>('Distributor spreadsheet (.xlsx or .csv)');

function chooseFile(name = 'order.xlsx', bytes: BlobPart = 'PK fake workbook') {
  const file = new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  fireEvent.change(fileInput(), { target: { files: [file] } });
  return file;
}

const report = () => screen.getByRole('region', { name: /^Draft report/ });
const factValue = (label: string) => within(report()).getByRole('group', { name: label }).querySelector('dd')?.textContent;

describe('Codes page', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '#/codes');
  });

  it('keeps its search in the address, and a page opened at that address asks for the same', async () => {
    const { core } = setup();
    await waitFor(() => expect(callsTo(core, 'codes.list')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Code' }));
    await waitFor(() => expect(window.location.hash).toBe('#/codes?sort=code'));
    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: 'ys4ra9' } });
    fireEvent.submit(screen.getByRole('search', { name: 'Search the inventory' }));
    await waitFor(() => expect(window.location.hash).toBe('#/codes?q=ys4ra9&sort=code'));
    cleanup();

    window.history.replaceState(null, '', '#/codes?q=ys4ra9&status=available&sku=-&sort=code&dir=desc');
    const again = setup();
    await waitFor(() =>
      expect((callsTo(again.core, 'codes.list').at(-1) as { filter: unknown }).filter).toEqual({
        contains: 'ys4ra9',
        status: 'available',
        sku: '',
        sort: 'code',
        direction: 'desc',
      }),
    );
    expect(screen.getByLabelText<HTMLInputElement>('Contains').value).toBe('ys4ra9');
  });

  it('holds the size limit the contract holds', () => {
    expect(CODE_SHEET_LIMIT_BYTES).toBe(MAX_CODE_SHEET_BYTES);
  });

  it('shows the balance by SKU, lists the inventory with human statuses, and exports the balance', async () => {
    const { saved } = setup((codes) => {
      codes.balance = {
        rows: [
          {
            sku: 'SKU-100',
            description: 'Connect licence',
            available: 3,
            unchecked: 1,
            queued: 0,
            count: 4,
            oldestImportedAt: '2026-11-01T10:00:00.000Z',
          },
        ],
        total: 4,
      };
      codes.rows = [
        inventoryRow(A, { status: 'available' }),
        inventoryRow(B, { status: 'redeemed', redeemedMac: '000ADD112233', redeemedAt: '2026-11-02T10:00:00.000Z' }),
        inventoryRow(C, { status: 'unknown', sourceKind: 'both' }),
      ];
    });
    const balance = await screen.findByRole('table', { name: 'Balance by SKU' });
    await waitFor(() => expect(within(balance).getByText('SKU-100')).toBeTruthy());
    const balanceCells = within(balance).getAllByRole('row')[1]!.querySelectorAll('td');
    expect([...balanceCells].slice(0, 6).map((cell) => cell.textContent)).toEqual(['SKU-100', 'Connect licence', '3', '1', '0', '4']);

    const table = screen.getByRole('table', { name: 'Codes' });
    await waitFor(() => expect(within(table).getByText(A)).toBeTruthy());
    expect(within(table).getByText('Available')).toBeTruthy();
    expect(within(table).getByText(/^Redeemed \(00:0A:DD:11:22:33, /)).toBeTruthy();
    expect(within(table).getByText('Unknown to the portal')).toBeTruthy();
    expect(within(table).getByText('order.xlsx, Order, row 4 (text and picture)')).toBeTruthy();
    expect(screen.getByText('3 codes')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Export balance to Excel' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.fileName).toBe('balance.xlsx');
  });

  it('sorts and searches through the core', async () => {
    const { core } = setup();
    await waitFor(() => expect(callsTo(core, 'codes.list')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Code' }));
    await waitFor(() => expect((callsTo(core, 'codes.list').at(-1) as { filter: { sort: string } }).filter.sort).toBe('code'));
    fireEvent.change(screen.getByLabelText('Contains'), { target: { value: 'ys4ra9' } });
    fireEvent.submit(screen.getByRole('search', { name: 'Search the inventory' }));
    await waitFor(() =>
      expect((callsTo(core, 'codes.list').at(-1) as { filter: unknown }).filter).toEqual({
        contains: 'ys4ra9',
        status: null,
        sku: null,
        sort: 'code',
        direction: 'asc',
      }),
    );
  });

  it('Check with the portal says why nothing was checked', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Check with the portal' }));
    expect(await screen.findByText(/Not checked: the portal cannot be reached. The codes stay unchecked/)).toBeTruthy();
  });

  it('a chosen file gives the Draft report: counts, codes with how and where they were found and what they are, not codes, duplicates, pictures', async () => {
    const { core } = setup();
    chooseFile();
    await screen.findByRole('heading', { name: 'Draft report: order.xlsx' });
    expect((callsTo(core, 'codes.previewImport')[0] as { fileName: string }).fileName).toBe('order.xlsx');
    expect(factValue('Codes found')).toBe('4');
    expect(factValue('New')).toBe('2');
    expect(factValue('From a picture')).toBe('1');
    expect(factValue('From text and a picture')).toBe('1');
    expect(factValue('Duplicates within the file')).toBe('1');

    const codesTable = within(report()).getByRole('table', { name: 'Codes found' });
    const rowOf = (code: string) => within(codesTable).getByText(code).closest('tr')!;
    expect(rowOf(A).textContent).toContain('From text and a picture');
    expect(rowOf(A).textContent).toContain('Order, row 4');
    expect(rowOf(B).textContent).toContain('From text');
    expect(rowOf(C).textContent).toMatch(/Already redeemed \(00:0A:DD:11:22:33, /);
    expect(rowOf(D).textContent).toContain('Already in the inventory');
    expect(rowOf(D).textContent).toContain('From a picture');
    // Only new codes can be left out.
    expect(within(rowOf(A)).getByRole('checkbox', { name: `Import ${A}` })).toBeTruthy();
    expect(within(rowOf(C)).queryByRole('checkbox')).toBeNull();

    const notCodes = within(report()).getByRole('table', { name: 'Not codes' });
    expect(within(notCodes).getByText('ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZ1').closest('tr')!.textContent).toBe(
      'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZ1Order8It does not look like an authorization code.',
    );
    const duplicates = within(report()).getByRole('table', { name: 'Duplicates within the file' });
    expect(within(duplicates).getByText('Order, row 4; Order, row 9')).toBeTruthy();
    const pictures = within(report()).getByRole('table', { name: 'Pictures that gave no code' });
    expect(
      within(pictures).getByText('The picture at Order!E7 has no barcode FieldKey can read (a logo, a photo, or a damaged symbol).'),
    ).toBeTruthy();

    expect(
      within(report()).getByText(
        '1 of 3 pictures gave no authorization code (no barcode): it is listed with its cell; nothing is imported from it.',
      ),
    ).toBeTruthy();
    // The button counts the ticked boxes (the two new codes); the redeemed one is recorded with them, said beside it.
    expect(within(report()).getByRole('button', { name: 'Import 2 codes' })).toBeTruthy();
    expect(within(report()).getByText('1 code already redeemed or waiting in the outbox is recorded with them.')).toBeTruthy();
    fireEvent.click(within(rowOf(A)).getByRole('checkbox', { name: `Import ${A}` }));
    expect(within(report()).getByRole('button', { name: 'Import 1 code' })).toBeTruthy();
  });

  it('a new code left out is sent as skip, and the import says what was stored', async () => {
    const { core } = setup();
    chooseFile();
    await screen.findByRole('heading', { name: 'Draft report: order.xlsx' });
    fireEvent.click(screen.getByRole('checkbox', { name: `Import ${B}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Import 1 code' }));
    expect(
      await screen.findByText(
        'Imported from order.xlsx: 1 new code added, 1 already redeemed recorded, 1 already in the inventory left as it was, 1 left out.',
      ),
    ).toBeTruthy();
    expect(callsTo(core, 'codes.confirmImport')).toEqual([{ draftId: 'draft-order.xlsx', skip: [B] }]);
    expect(screen.queryByRole('region', { name: /^Draft report/ })).toBeNull();
  });

  it('Choose another file replaces the draft; Cancel discards it', async () => {
    const { core } = setup();
    chooseFile();
    await screen.findByRole('heading', { name: 'Draft report: order.xlsx' });
    fireEvent.click(screen.getByRole('button', { name: 'Choose another file' }));
    chooseFile('order-2.xlsx');
    await screen.findByRole('heading', { name: 'Draft report: order-2.xlsx' });
    expect((callsTo(core, 'codes.previewImport')[1] as { replaceDraftId?: string }).replaceDraftId).toBe('draft-order.xlsx');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(callsTo(core, 'codes.discardImport')).toEqual([{ draftId: 'draft-order-2.xlsx' }]));
    expect(screen.queryByRole('region', { name: /^Draft report/ })).toBeNull();
    expect(callsTo(core, 'codes.confirmImport')).toEqual([]);
  });

  it("a refused file is a clear error with the file's name, and nothing is saved", async () => {
    const { core, codes } = setup();
    codes.preview = () => {
      throw new ApiError('VALIDATION', 'secret.xlsx is protected by a password: save it without one and choose it again.', {
        reason: 'password_protected',
      });
    };
    chooseFile('secret.xlsx');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported from secret.xlsx');
    expect(alert.textContent).toContain('protected by a password');
    expect(screen.queryByRole('region', { name: /^Draft report/ })).toBeNull();
    expect(callsTo(core, 'codes.confirmImport')).toEqual([]);
  });

  it('a file over 5 MB is refused before it is read or sent', async () => {
    const { core } = setup();
    chooseFile('huge.xlsx', new Uint8Array(CODE_SHEET_LIMIT_BYTES + 1));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported from huge.xlsx');
    expect(alert.textContent).toMatch(/huge\.xlsx is 5 MB; FieldKey reads distributor spreadsheets of up to 5 MB\./);
    expect(callsTo(core, 'codes.previewImport')).toEqual([]);
  });

  it('shows the pictures progress the core reports while a file is read', async () => {
    const { core, codes } = setup();
    let release: (draft: CodeImportDraft) => void = () => {};
    codes.preview = (() => new Promise<CodeImportDraft>((resolve) => (release = resolve))) as unknown as FakeCodes['preview'];
    chooseFile();
    await screen.findByText('Reading order.xlsx…');
    act(() => core.emit('codes.importProgress', { fileName: 'order.xlsx', phase: 'pictures', picturesDone: 3, pictures: 10 }));
    expect(await screen.findByText('Reading order.xlsx: pictures 3 of 10…')).toBeTruthy();
    await waitFor(() => expect(callsTo(core, 'codes.previewImport')).toHaveLength(1));
    await act(async () => release(fakeDraft()));
    await screen.findByRole('heading', { name: 'Draft report: order.xlsx' });
  });

  it('a file dragged over the page shows the drop target; dropping it previews it', async () => {
    const { core } = setup();
    const file = new File(['x'], 'dropped.csv', { type: 'text/csv' });
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    fireEvent.dragEnter(document, { dataTransfer });
    expect(await screen.findByText("Drop the distributor's spreadsheet here")).toBeTruthy();
    fireEvent.drop(document, { dataTransfer });
    await screen.findByRole('heading', { name: 'Draft report: dropped.csv' });
    expect(screen.queryByText("Drop the distributor's spreadsheet here")).toBeNull();
    expect((callsTo(core, 'codes.previewImport')[0] as { fileName: string }).fileName).toBe('dropped.csv');
  });
});

describe('Codes in French', () => {
  it('a refused file says the core’s message from its code, in French', () => {
    const error = new ApiError('VALIDATION', say('codes.import.noCodes', { fileName: 'commande.xlsx' }), { reason: 'no_codes' });
    render(
      <I18nextProvider i18n={createI18n('fr')}>
        <ImportProblemAlert problem={{ kind: 'refused', fileName: 'commande.xlsx', error }} onClose={() => {}} />
      </I18nextProvider>,
    );
    // Testing Library reads the page's no-break spaces as plain ones.
    expect(
      screen.getByText(
        "Aucun code d'autorisation n'a été trouvé dans commande.xlsx : vérifiez qu'il s'agit bien du fichier de codes du distributeur.",
      ),
    ).toBeTruthy();
  });
});
