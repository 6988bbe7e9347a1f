/**
 * codes.list (keyset pages, sorts, filters, FTS phrase search, bounded count), codes.balance and
 * codes.exportBalance over an inventory written straight into a real SQLite file.
 */
import ExcelJS from 'exceljs';
import { ApiError } from '../../../core/rpc/errors';
import { CODE_SORT_COLUMNS, type CodeBalance, type CodePage, type CodeRow, type CodeSortColumn } from '../../../core/codes/contract';
import type { Core } from '../../../core/core';
import type { ExportedFile } from '../../../core/export/contract';
import { rejectionOf } from '../../support/rejection';
import { addSku } from '../keys/cache-fixture';
import { makeCodesCore } from './codes-fixture';

const STATUSES = ['unchecked', 'available', 'available', 'redeemed', 'queued', 'unknown'] as const;
const SKUS = ['8210010', '8400100', null, '8210024'] as const;
const DISTRIBUTORS = ['Northwind 100%', null, 'Contoso_Distribution'] as const;

/** A code from a number; not in numeric order, so rowid and code orders differ. */
const codeOf = (n: number) => `K${String((n * 7919) % 100_003).padStart(6, '0')}ZZZZZZZZZZZZZZZZG`;

function fill(core: Core, n: number): void {
  const insert = core.db.prepare(
    `INSERT INTO code_inventory (auth_code, sku, description, distributor, source_kind, imported_at, status, redeemed_mac, redeemed_at, last_checked_at)
     VALUES (?, ?, ?, ?, 'text', ?, ?, ?, ?, ?)`,
  );
  core.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const status = STATUSES[i % STATUSES.length]!;
      const sku = SKUS[i % SKUS.length]!;
      insert.run(
        codeOf(i),
        sku,
        sku === '8400100' ? 'Voicemail "Pro" box' : null,
        DISTRIBUTORS[i % DISTRIBUTORS.length]!,
        new Date(Date.parse('2026-11-01T00:00:00.000Z') + (i % 7) * 3_600_000).toISOString(),
        status,
        status === 'redeemed' ? '000ADD023F8F' : null,
        status === 'redeemed' ? '2026-11-20T00:00:00.000Z' : null,
        i % 3 === 0 ? '2026-11-29T00:00:00.000Z' : null,
      );
    }
  })();
}

const sortValue = (row: CodeRow, sort: CodeSortColumn): string => {
  switch (sort) {
    case 'importedAt':
      return row.importedAt;
    case 'code':
      return row.code;
    case 'sku':
      return row.sku ?? '';
    case 'status':
      return row.status;
    case 'distributor':
      return row.distributor ?? '';
    case 'lastCheckedAt':
      return row.lastCheckedAt ?? '';
  }
};

describe('codes.list, codes.balance, codes.exportBalance', () => {
  let core: Core;
  const call = <T>(method: string, args: unknown) => core.server.dispatch(method, args) as Promise<T>;
  const list = (filter: Record<string, unknown>, after: string | null = null, limit = 100) =>
    call<CodePage>('codes.list', { filter, after, limit });
  const all = async (filter: Record<string, unknown>, limit = 37) => {
    const rows: CodeRow[] = [];
    let after: string | null = null;
    let first: CodePage | null = null;
    do {
      const page: CodePage = await list(filter, after, limit);
      first ??= page;
      rows.push(...page.rows);
      after = page.nextCursor;
    } while (after !== null);
    return { rows, first: first! };
  };

  beforeEach(() => {
    core = makeCodesCore();
    addSku(core.db, '8210010', '8210010 - 6x Internet Call Access Key');
    fill(core, 300);
  });
  afterEach(() => core.close());

  it.each(CODE_SORT_COLUMNS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => [sort, direction] as const)))(
    'pages by %s %s: every code once, in order, the count on the first page',
    async (sort, direction) => {
      const { rows, first } = await all({ sort, direction });
      expect(first.total).toEqual({ count: 300, exact: true });
      expect(new Set(rows.map((r) => r.code)).size).toBe(300);
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [sortValue(rows[i - 1]!, sort), sortValue(rows[i]!, sort)];
        expect(direction === 'asc' ? a <= b : a >= b).toBe(true);
      }
    },
  );

  it('filters by status and SKU (empty SKU: not known yet), with the count', async () => {
    const redeemed = await all({ status: 'redeemed' });
    expect(redeemed.first.total).toEqual({ count: 50, exact: true });
    expect(redeemed.rows.every((r) => r.status === 'redeemed' && r.redeemedMac === '000ADD023F8F')).toBe(true);
    const noSku = await all({ sku: '' });
    expect(noSku.rows).toHaveLength(75);
    expect(noSku.rows.every((r) => r.sku === null)).toBe(true);
    const both = await all({ sku: '8400100', status: 'available' });
    expect(both.rows.every((r) => r.sku === '8400100' && r.status === 'available')).toBe(true);
    expect(both.first.total!.count).toBe(both.rows.length);
  });

  it('searches code (any format), SKU, description and distributor as a literal phrase', async () => {
    const code = codeOf(17);
    const dashed = `${code.slice(0, 6)}-${code.slice(6, 12)}`.toLowerCase();
    expect((await list({ contains: dashed })).rows.map((r) => r.code.replace(/-/g, ''))).toEqual([code]);
    const voicemail = await all({ contains: '"pro"' });
    expect(voicemail.rows.length).toBe(75);
    expect(voicemail.rows.every((r) => r.description === 'Voicemail "Pro" box')).toBe(true);
    expect((await all({ contains: '100%' })).rows.every((r) => r.distributor === 'Northwind 100%')).toBe(true);
    expect((await all({ contains: 'n_d' })).rows.every((r) => r.distributor === 'Contoso_Distribution')).toBe(true);
    expect((await list({ contains: 'n%d' })).total).toEqual({ count: 0, exact: true });
    expect((await list({ contains: 'OR *' })).rows).toEqual([]);
    const short = await all({ contains: '84' });
    expect(short.first.note).toMatchObject({ code: 'codes.list.shortQuery', message: expect.stringMatching(/1 or 2 characters/) });
    expect(short.rows.every((r) => r.sku === '8400100')).toBe(true);
  });

  it('refuses a cursor of another sort order or a forged one', async () => {
    const page = await list({ sort: 'sku' }, null, 10);
    const other = await rejectionOf(list({ sort: 'status' }, page.nextCursor, 10), ApiError);
    expect(other.code).toBe('VALIDATION');
    expect((await rejectionOf(list({ sort: 'sku' }, 'bm90IGpzb24', 10), ApiError)).code).toBe('VALIDATION');
  });

  it('balance: unredeemed codes (available, unchecked, queued) by SKU with the oldest import; exported to Excel', async () => {
    const balance = await call<CodeBalance>('codes.balance', {});
    // 300 codes: each of the 4 SKUs has 75, of which statuses cycle in 6: per SKU the split is exact below.
    const expected = new Map<string | null, { available: number; unchecked: number; queued: number }>();
    for (let i = 0; i < 300; i++) {
      const status = STATUSES[i % 6]!;
      if (status === 'redeemed' || status === 'unknown') continue;
      const sku = SKUS[i % 4]!;
      const entry = expected.get(sku) ?? { available: 0, unchecked: 0, queued: 0 };
      entry[status]++;
      expected.set(sku, entry);
    }
    expect(balance.rows.map((r) => r.sku)).toEqual(['8210010', '8210024', '8400100', null]);
    for (const row of balance.rows) {
      expect(row).toMatchObject(expected.get(row.sku)!);
      expect(row.count).toBe(row.available + row.unchecked + row.queued);
      expect(row.oldestImportedAt).toBe('2026-11-01T00:00:00.000Z');
    }
    expect(balance.rows[0]!.description).toBe('8210010 - 6x Internet Call Access Key');
    expect(balance.rows[2]!.description).toBe('Voicemail "Pro" box');
    expect(balance.total).toBe(200);

    const file = await call<ExportedFile>('codes.exportBalance', {});
    expect(file.fileName).toMatch(/^FieldKey code balance \d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Balance')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'SKU', 'Description', 'Available', 'Unchecked', 'Queued', 'Total', 'Oldest import']);
    expect(sheet.getCell('A2').value).toBe('8210010');
    expect(sheet.getCell('F2').value).toBe(balance.rows[0]!.count);
    expect(sheet.getCell('G2').value).toBeInstanceOf(Date);
    expect(sheet.getCell('A5').value).toBe('SKU not known yet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
