import { ApiError } from '../../../core/rpc/errors';
import type { KeyDetails, KeyFilter, KeyRow, ImportReport } from '../../../core/keys/contract';
import type { ExportedFile } from '../../../core/export/contract';
import { answerMethods, fakeListPage, type FakeCore } from './fake-core';
import { say } from '../../../core/messages/say';

/**
 * The keys.* methods for a FakeCore, from an in-memory list: filtered by `contains` on the field
 * asked, sorted by the column asked, paged with an opaque cursor (the next row's position). Calls
 * go through the real ApiServer, so arguments the contract refuses fail as they would in the core.
 */
export class FakeKeys {
  rows: KeyRow[] = [];
  lastSyncedAt: string | null = '2026-11-30T14:59:00.000Z';
  note: string | null = null;
  /** The count stops at this bound (then `exact` is false). */
  countBound = 10_000;
  /** Answers keys.export; a test may hold it open. Cancelling rejects the one running with CANCELLED. */
  exportFile: (args: { filter: KeyFilter; jobId?: string }) => Promise<ExportedFile> = async () => ({
    fileName: 'keys-2026-11-30.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: btoa('workbook'),
  });
  /** Answers keys.import. */
  importFile: (args: { fileName: string; bytes: Uint8Array }) => Promise<ImportReport> = async ({ fileName }) => ({
    fileName,
    sheetName: 'View Codes',
    headerRow: 3,
    imported: 0,
    alreadyPresent: 0,
    conflicts: [],
    rejected: [],
    systemsAdded: 0,
    redeemed: null,
  });
  private running: { jobId: string; reject: (error: ApiError) => void } | null = null;

  constructor(readonly core: FakeCore) {
    answerMethods(core, 'keys.', (method, args) => this.answer(method, args));
  }

  private matching(filter: KeyFilter): KeyRow[] {
    const needle = filter.contains.toLowerCase();
    const fields: Record<KeyFilter['by'], (row: KeyRow) => string[]> = {
      all: (row) => [
        row.authCode,
        row.featureKey,
        row.mac,
        row.sku,
        row.skuDescription ?? '',
        row.distributor ?? '',
        row.systemName ?? '',
        row.customer ?? '',
      ],
      mac: (row) => [row.mac],
      sku: (row) => [row.sku, row.skuDescription ?? ''],
      authCode: (row) => [row.authCode],
      featureKey: (row) => [row.featureKey],
      systemName: (row) => [row.systemName ?? ''],
      customer: (row) => [row.customer ?? ''],
    };
    const column = filter.sort;
    const sign = filter.direction === 'asc' ? 1 : -1;
    return this.rows
      .filter((row) => (filter.from === null || row.redeemedAt >= filter.from) && (filter.to === null || row.redeemedAt < filter.to))
      .filter((row) => needle === '' || fields[filter.by](row).some((text) => text.toLowerCase().includes(needle)))
      .sort((a, b) => sign * String(a[column] ?? '').localeCompare(String(b[column] ?? '')) || a.authCode.localeCompare(b.authCode));
  }

  private async answer(method: string, args: unknown): Promise<unknown> {
    switch (method) {
      case 'keys.list': {
        const { filter, after, limit } = args as { filter: KeyFilter; after: string | null; limit: number };
        return fakeListPage(this.matching(filter), after, limit, this);
      }
      case 'keys.get': {
        const { authCode } = args as { authCode: string };
        const key = this.rows.find((row) => row.authCode === authCode);
        if (!key) return null;
        const details: KeyDetails = {
          key,
          system: { mac: key.mac, serial: 'SN-0042', name: key.systemName, customer: key.customer, keyCount: 3 },
          history: [{ at: key.redeemedAt, event: 'redeemed', description: say('keys.history.redeemed', { mac: '00:0A:DD:02:3F:8F' }) }],
        };
        return details;
      }
      case 'keys.export': {
        const request = args as { filter: KeyFilter; jobId?: string };
        return new Promise((resolve, reject) => {
          if (request.jobId) this.running = { jobId: request.jobId, reject };
          this.exportFile(request).then(resolve, reject);
        }).finally(() => {
          this.running = null;
        });
      }
      case 'keys.cancelExport': {
        const { jobId } = args as { jobId: string };
        if (this.running?.jobId !== jobId) return { cancelled: false };
        this.running.reject(new ApiError('CANCELLED', 'The export was cancelled.'));
        return { cancelled: true };
      }
      case 'keys.import':
        return this.importFile(args as { fileName: string; bytes: Uint8Array });
      default:
        throw new ApiError('INTERNAL', `The stand-in core does not answer ${method}`);
    }
  }
}

/** `count` keys redeemed a minute apart, newest last, on two systems; the third is imported. */
export function fakeKeyRows(count: number): KeyRow[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(6, '0');
    return {
      authCode: `AAAAAA-BBBBBB-CCCCCC-${n}`,
      featureKey: `$ZLW-ncjw-Foeb-l8H8-ic0d-${n.slice(2)}`,
      sku: i % 2 ? '8210027' : '8210010',
      skuDescription: i % 2 ? '8210027 - 6x User Upgrade 31-60 Users' : '8210010 - 6x Internet Call Access Key',
      distributor: 'Allworx Corp.',
      mac: i % 3 ? '000ADD023F8F' : '000ADD112233',
      systemName: i % 3 ? 'Head office' : 'Warehouse',
      customer: i % 3 ? 'Acme Dental' : 'Acme Storage',
      redeemedAt: new Date(Date.UTC(2026, 10, 20, 9, 0) + i * 60_000).toISOString(),
      origin: i === 2 ? 'import' : 'portal',
    };
  });
}
