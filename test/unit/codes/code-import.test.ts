/**
 * codes.previewImport / codes.confirmImport through the real core (real SQLite files): a generated
 * distributor workbook reported as a Draft with nothing saved, then stored once, in one
 * transaction, or not at all.
 */
import bwipjs from 'bwip-js/node';
import { ApiError } from '../../../core/rpc/errors';
import type { CodeImportDraft, CodeImportResult, CodePage } from '../../../core/codes/contract';
import type { Core } from '../../../core/core';
import { rejectionOf } from '../../support/rejection';
import { addKey, addSku, addSystem } from '../keys/cache-fixture';
import { compact, distributorWorkbook, makeCodesCore } from './codes-fixture';

const C1 = '43XC98-68WTGB-CWMH53-YS4RA9';
const C2 = 'K7PQ2M-ZX81LA-9RTN4E-W3HJ6B';
const C3 = 'R2D2C3-PO4BB8-X9Y8Z7-LM3NO5';
const C4 = 'H8J2K4-L6M8N0-P2Q4R6-S8T0U2';
/** Already redeemed: the keys cache has its key. */
const REDEEMED = 'V1W3X5-Y7Z9A2-B4C6D8-E0F2G4';
/** Held by an open redemption in the outbox. */
const QUEUED = 'Q9W8E7-R6T5Y4-U3I2O1-P0L9K8';
const MAC = '000ADD023F8F';

async function order(): Promise<Buffer> {
  const picture = Buffer.from(await bwipjs.toBuffer({ bcid: 'code128', text: C1, scale: 2, height: 10, includetext: false }));
  return distributorWorkbook(
    [
      { distributor: 'Northwind', sku: '8210010', description: '6x Internet Call Access Key', code: C1 },
      { distributor: 'Northwind', sku: 8210010, description: '6x Internet Call Access Key', code: compact(C2).toLowerCase() },
      {
        distributor: 'Northwind',
        sku: '8400100',
        description: 'Voicemail',
        code: `Your code: ${C3.toLowerCase().replace(/-/g, ' ')}, thanks`,
      },
      { distributor: 'Contoso', sku: '8400100', description: 'Voicemail', code: C4.replace(/-/g, '.') },
      { distributor: 'Contoso', sku: '8400100', description: 'Voicemail', code: 'H8J2K4-L6M8N0-P2Q4R6-S8T0U' },
      { distributor: 'Northwind', sku: '8210010', description: '6x Internet Call Access Key', code: C1.toLowerCase(), notes: 'sent twice' },
      { distributor: 'Northwind', sku: '8210010', description: '6x Internet Call Access Key', code: REDEEMED },
      { distributor: 'Northwind', sku: '8210010', description: '6x Internet Call Access Key', code: QUEUED },
    ],
    { picture },
  );
}

describe('codes.previewImport and codes.confirmImport', () => {
  const clock = { now: new Date('2026-11-30T09:00:00.000Z') };
  let core: Core;
  let changes: string[];
  const call = <T>(method: string, args: unknown) => core.server.dispatch(method, args) as Promise<T>;
  const preview = async (bytes: Buffer, extra: Record<string, unknown> = {}) =>
    call<CodeImportDraft>('codes.previewImport', { fileName: 'order 2125469.xlsx', bytes: bytes, ...extra });
  const confirm = (draftId: string, skip?: string[]) =>
    call<CodeImportResult>('codes.confirmImport', { draftId, ...(skip ? { skip } : {}) });
  const inventory = () =>
    core.db.prepare('SELECT * FROM code_inventory ORDER BY source_row').all() as {
      auth_code: string;
      sku: string | null;
      description: string | null;
      distributor: string | null;
      batch_id: number;
      source_file: string;
      source_sheet: string;
      source_row: number;
      source_column: number;
      source_kind: string;
      imported_at: string;
      status: string;
      redeemed_mac: string | null;
      redeemed_at: string | null;
    }[];
  const triggers = () => core.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'code_inventory_fts_insert'").pluck().get();
  const count = (table: string) => core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  beforeEach(() => {
    clock.now = new Date('2026-11-30T09:00:00.000Z');
    core = makeCodesCore(clock);
    changes = [];
    core.events.subscribe((name, payload) => {
      if (name === 'codes.changed') changes.push((payload as { reason: string }).reason);
    });
    addSku(core.db, '8210010', '8210010 - 6x Internet Call Access Key');
    addSystem(core.db, MAC, 'Lincoln Elementary');
    addKey(core.db, { authCode: REDEEMED, mac: MAC, redeemedAt: '2026-11-02T10:00:00.000Z' });
    core.outbox.enqueueRedemption({
      portalUrl: 'http://127.0.0.1:9',
      request: { mac: MAC, serial: null, systemName: null, authCodes: [QUEUED] },
      now: clock.now,
    });
  });
  afterEach(() => core.close());

  it('reports each code, look-alike, duplicate and picture, and saves nothing', async () => {
    const draft = await preview(await order());
    expect(draft.draftId).toMatch(/^[0-9a-f-]{36}$/);
    expect(draft.format).toBe('xlsx');
    expect(draft.expiresAt).toBe('2026-11-30T09:30:00.000Z');
    expect(draft.sheets).toEqual([{ name: 'Order 2125469', headerRow: 3, rows: 10, codes: 7, pictures: 1 }]);
    expect(draft.codes.map((c) => [c.code, c.cell, c.state, c.occurrences, c.sku, c.distributor])).toEqual([
      [C1, 'D4', 'new', 2, '8210010', 'Northwind'],
      [C2, 'D5', 'new', 1, '8210010', 'Northwind'],
      [C3, 'D6', 'new', 1, '8400100', 'Northwind'],
      [C4, 'D7', 'new', 1, '8400100', 'Contoso'],
      [REDEEMED, 'D10', 'redeemed', 1, '8210010', 'Northwind'],
      [QUEUED, 'D11', 'queued', 1, '8210010', 'Northwind'],
    ]);
    expect(draft.codes[4]).toMatchObject({ mac: MAC, redeemedAt: '2026-11-02T10:00:00.000Z', source: 'text', picture: null });
    // The Code 128 picture on row 4 holds the code typed there: it confirms it (one occurrence).
    expect(draft.codes[0]).toMatchObject({ source: 'both', picture: { sheet: 'Order 2125469', row: 4, column: 5, cell: 'E4' } });
    expect(draft.codes[1]!.text).toBe(compact(C2).toLowerCase());
    expect(draft.counts).toEqual({
      codes: 6,
      occurrences: 7,
      new: 4,
      inInventory: 0,
      redeemed: 1,
      queued: 1,
      notCodes: 1,
      duplicates: 1,
      pictures: 1,
      fromText: 5,
      fromPicture: 0,
      fromBoth: 1,
      picturesWithoutCode: 0,
    });
    expect(draft.notCodes).toEqual([
      expect.objectContaining({ sheet: 'Order 2125469', row: 8, cell: 'D8', text: 'H8J2K4-L6M8N0-P2Q4R6-S8T0U' }),
    ]);
    expect(draft.duplicates).toEqual([
      {
        code: C1,
        occurrences: [
          { sheet: 'Order 2125469', row: 4, column: 4, cell: 'D4' },
          { sheet: 'Order 2125469', row: 9, column: 4, cell: 'D9' },
        ],
      },
    ]);
    expect(draft.pictures).toEqual([
      {
        sheet: 'Order 2125469',
        row: 4,
        column: 5,
        cell: 'E4',
        extension: 'png',
        sku: '8210010',
        description: '6x Internet Call Access Key',
        state: 'code',
        code: C1,
        text: C1,
        format: 'Code128',
        match: 'confirms',
        message: null,
      },
    ]);
    expect(draft.picturesNote).toBeNull();
    expect(count('code_inventory')).toBe(0);
    expect(count('code_import_batches')).toBe(0);
    expect(changes).toEqual([]);
  });

  it('confirming stores each valid code once with its cell, row facts and status, in one batch', async () => {
    const draft = await preview(await order());
    const result = await confirm(draft.draftId);
    expect(result).toMatchObject({ added: 5, addedRedeemed: 1, alreadyInInventory: 0, skipped: 0, alreadyConfirmed: false });
    const rows = inventory();
    expect(rows.map((r) => [r.auth_code, r.status, r.source_row, r.source_column, r.sku, r.distributor])).toEqual([
      [compact(C1), 'unchecked', 4, 4, '8210010', 'Northwind'],
      [compact(C2), 'unchecked', 5, 4, '8210010', 'Northwind'],
      [compact(C3), 'unchecked', 6, 4, '8400100', 'Northwind'],
      [compact(C4), 'unchecked', 7, 4, '8400100', 'Contoso'],
      [compact(REDEEMED), 'redeemed', 10, 4, '8210010', 'Northwind'],
      [compact(QUEUED), 'queued', 11, 4, '8210010', 'Northwind'],
    ]);
    expect(rows.map((r) => r.source_kind)).toEqual(['both', 'text', 'text', 'text', 'text', 'text']);
    for (const row of rows) {
      expect(row).toMatchObject({
        batch_id: result.batchId,
        source_file: 'order 2125469.xlsx',
        source_sheet: 'Order 2125469',
        imported_at: '2026-11-30T09:00:00.000Z',
      });
    }
    expect(rows[0]!.description).toBe('6x Internet Call Access Key');
    expect(rows[4]).toMatchObject({ redeemed_mac: MAC, redeemed_at: '2026-11-02T10:00:00.000Z' });
    expect(core.db.prepare('SELECT * FROM code_import_batches').all()).toEqual([
      {
        id: result.batchId,
        file_name: 'order 2125469.xlsx',
        imported_at: '2026-11-30T09:00:00.000Z',
        codes_found: 6,
        codes_added: 6,
        already_known: 0,
        duplicates: 1,
        not_codes: 1,
        pictures: 1,
      },
    ]);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'codes.import'").pluck().get()).toBe(1);
    expect(changes).toEqual(['import']);
    // Searchable at once (the batch was indexed in one pass), and the per-row trigger is back.
    const found = (await call<CodePage>('codes.list', { filter: { contains: C3.slice(0, 9).toLowerCase() } })).rows;
    expect(found.map((r) => r.code)).toEqual([C3]);
    expect((await call<CodePage>('codes.list', { filter: { contains: 'contoso' } })).total).toEqual({ count: 1, exact: true });
    expect(triggers()).toBe(1);
  });

  it('confirming twice stores nothing twice: the same draft answers again, a new preview finds them in the inventory', async () => {
    const draft = await preview(await order());
    const first = await confirm(draft.draftId);
    const again = await confirm(draft.draftId);
    expect(again).toEqual({ ...first, alreadyConfirmed: true });
    expect(count('code_inventory')).toBe(6);
    const second = await preview(await order());
    expect(second.counts).toMatchObject({ new: 0, inInventory: 6, redeemed: 0, queued: 0 });
    expect(second.codes.map((c) => c.inventoryStatus)).toEqual(['unchecked', 'unchecked', 'unchecked', 'unchecked', 'redeemed', 'queued']);
    const result = await confirm(second.draftId);
    expect(result).toMatchObject({ added: 0, addedRedeemed: 0, alreadyInInventory: 6 });
    expect(count('code_inventory')).toBe(6);
    expect(count('code_import_batches')).toBe(2);
  });

  it('leaves out the codes the confirmation skips (in any form)', async () => {
    const draft = await preview(await order());
    const result = await confirm(draft.draftId, [compact(C2).toLowerCase(), C3]);
    expect(result).toMatchObject({ added: 3, addedRedeemed: 1, skipped: 2 });
    expect(inventory().map((r) => r.auth_code)).not.toContain(compact(C2));
    const bad = await rejectionOf(confirm(draft.draftId, ['nonsense']), ApiError);
    expect(bad.code).toBe('VALIDATION');
  });

  it('a failure in the middle of the transaction stores nothing, and the draft can be confirmed afterwards', async () => {
    const draft = await preview(await order());
    // The fourth code's insert fails, after the batch row and three codes were written.
    core.db.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON code_inventory WHEN new.auth_code = '${compact(C4)}'
      BEGIN SELECT RAISE(ABORT, 'disk full (forced)'); END`);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const err = await rejectionOf(confirm(draft.draftId), ApiError);
    spy.mockRestore();
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toBe('The import failed and nothing was saved. Try again; if it persists, see the log.');
    expect(count('code_inventory')).toBe(0);
    expect(count('code_import_batches')).toBe(0);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'codes.import'").pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM code_inventory_fts WHERE code_inventory_fts MATCH \'"43XC98"\'').pluck().get()).toBe(0);
    expect(changes).toEqual([]);
    expect(triggers()).toBe(1);
    core.db.exec('DROP TRIGGER fail_import');
    expect((await confirm(draft.draftId)).added).toBe(5);
    expect(count('code_inventory')).toBe(6);
  });

  it('keeps the last 3 drafts for 30 minutes; a re-preview replaces its draft; unknown drafts are NOT_FOUND with a sentence', async () => {
    const bytes = await order();
    const first = await preview(bytes);
    const replaced = await preview(bytes, { replaceDraftId: first.draftId });
    expect((await rejectionOf(confirm(first.draftId), ApiError)).code).toBe('NOT_FOUND');
    const b = await preview(bytes);
    const c = await preview(bytes);
    const d = await preview(bytes);
    // replaced is the oldest of four: dropped.
    const gone = await rejectionOf(confirm(replaced.draftId), ApiError);
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toBe('This import is no longer open (FieldKey keeps the last 3 previews for 30 minutes): choose the file again.');
    expect(gone.messageCode).toBe('codes.import.expired');
    expect(await call('codes.discardImport', { draftId: b.draftId })).toEqual({ discarded: true });
    expect((await rejectionOf(confirm(b.draftId), ApiError)).code).toBe('NOT_FOUND');
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    expect((await rejectionOf(confirm(c.draftId), ApiError)).code).toBe('NOT_FOUND');
    expect((await rejectionOf(confirm(d.draftId), ApiError)).code).toBe('NOT_FOUND');
    expect(count('code_inventory')).toBe(0);
  });

  it('refuses a file without codes, and a file that is not a spreadsheet, with one sentence', async () => {
    const empty = await rejectionOf(preview(await distributorWorkbook([{ sku: '8210010', description: 'Nothing here' }])), ApiError);
    expect(empty.code).toBe('VALIDATION');
    expect(empty.details).toEqual({ reason: 'no_codes' });
    expect(empty.message).toBe("No authorization codes were found in order 2125469.xlsx: check it is the distributor's file of codes.");
    expect([empty.messageCode, empty.params]).toEqual(['codes.import.noCodes', { fileName: 'order 2125469.xlsx' }]);
    const binary = await rejectionOf(preview(Buffer.from([0, 1, 2, 3, 0, 0, 0, 9])), ApiError);
    expect(binary.details).toEqual({ reason: 'not_a_spreadsheet' });
  });

  it('a code the keys cache learns was redeemed becomes redeemed in the inventory; a released queued code goes back to unchecked', async () => {
    await confirm((await preview(await order())).draftId);
    addKey(core.db, { authCode: C2, mac: MAC, redeemedAt: '2026-11-30T08:00:00.000Z' });
    core.codes.afterCacheChanged('sync');
    expect(inventory().find((r) => r.auth_code === compact(C2))).toMatchObject({
      status: 'redeemed',
      redeemed_mac: MAC,
      redeemed_at: '2026-11-30T08:00:00.000Z',
    });
    core.db.prepare('DELETE FROM outbox_codes WHERE auth_code = ?').run(compact(QUEUED));
    core.codes.afterCacheChanged('redemption');
    expect(inventory().find((r) => r.auth_code === compact(QUEUED))!.status).toBe('unchecked');
    expect(changes).toEqual(['import', 'sync', 'redemption']);
  });
});
