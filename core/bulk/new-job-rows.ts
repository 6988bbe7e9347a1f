/** A new job's rows: from a bulk file (read in the file worker, checked here) or picked from the code inventory. */
import { formatMac, parseMac } from '../domain/mac';
import { asBuffer } from '../fs/as-buffer';
import { readInWorker } from '../import/file-worker/read-in-worker';
import type { RunningImport } from '../import/running-imports';
import { ApiError } from '../rpc/errors';
import { say } from '../messages/say';
import { type BulkFileJob, checkBulkGrid, foreignSentence, problemsError, refuseFile, refusalMessage } from './bulk-file';
import type { Message } from '../messages/catalogue';
import type { z } from 'zod';
import type { BulkRuleProblem, bulkInventoryItem } from './contract';
import type { BulkJobStore, NewJobRow } from './jobs';

type InventoryJobItem = z.output<typeof bulkInventoryItem>;

/** A bulk file of 15,000 rows reads in about a second; beyond a minute the worker is ended. */
export const BULK_FILE_READ_MS = 60_000;

/** The file's cells come from the file worker; the rules (and the database's say on codes) run here. */
export async function rowsFromFile(
  store: BulkJobStore,
  file: { fileName: string; bytes: Uint8Array },
  exceptJob: number | null,
  running: RunningImport,
): Promise<NewJobRow[]> {
  const { fileName } = file;
  const read = await readInWorker<BulkFileJob>(
    { kind: 'bulkFile', bytes: asBuffer(file.bytes), fileName },
    {
      fileName,
      timeoutMs: BULK_FILE_READ_MS,
      signal: running.signal,
      refuse: (message: string | Message) => refuseFile('file_type', 'unreadable', foreignSentence('bulk.file.unreadable', message)),
    },
  );
  if (running.signal?.aborted) throw new ApiError('CANCELLED', say('bulk.file.cancelled', { fileName }));
  running.progress('saving');
  const grid = new Map(read.rows.map(([row, cells]) => [row, new Map(cells)]));
  const rows = checkBulkGrid(grid, { usedBy: (codes) => store.usedBy(codes, exceptJob) });
  return rows.map((r) => ({ row: r.row, mac: r.mac, systemName: r.systemName, compact: r.compact, sku: null }));
}

/**
 * Rows for each item's MAC and SKU quantities, with codes picked from the inventory (available, not
 * queued, redeemed nor in another job). VALIDATION listing every problem when an item cannot be met.
 */
export function rowsFromInventory(store: BulkJobStore, items: readonly InventoryJobItem[]): NewJobRow[] {
  const problems: BulkRuleProblem[] = [];
  const rows: NewJobRow[] = [];
  const taken = new Set<string>();
  const names = new Map<string, { item: number; name: string }>();
  items.forEach((item, index) => {
    const itemNo = index + 1;
    const mac = parseMac(item.mac);
    if (!mac.ok) {
      const rule = item.mac.trim() ? 'mac_format' : 'mac_required';
      problems.push({ rule, row: itemNo, column: 'MAC', text: item.mac.slice(0, 100), message: refusalMessage(mac) });
      return;
    }
    const systemName = item.systemName?.trim() || null;
    if (systemName) {
      const named = names.get(mac.mac);
      if (named && named.name !== systemName) {
        problems.push({
          rule: 'system_name',
          row: itemNo,
          column: 'System Name',
          text: systemName.slice(0, 100),
          message: say('bulk.problem.itemNameDiffers', { mac: formatMac(mac.mac), name: named.name.slice(0, 100), item: named.item }),
        });
      } else if (!named) names.set(mac.mac, { item: itemNo, name: systemName });
    }
    for (const { sku, quantity } of item.skus) {
      const found = store
        .availableCodes(sku, quantity + taken.size)
        .filter((code) => !taken.has(code))
        .slice(0, quantity);
      if (found.length < quantity) {
        problems.push({
          rule: 'code_required',
          row: itemNo,
          column: 'SKU',
          text: sku.slice(0, 100),
          message:
            found.length === 0
              ? say('bulk.problem.notEnoughNone', { quantity, sku, mac: formatMac(mac.mac) })
              : say('bulk.problem.notEnough', { quantity, sku, mac: formatMac(mac.mac), available: found.length }),
        });
        continue;
      }
      for (const code of found) {
        taken.add(code);
        rows.push({ row: rows.length + 1, mac: mac.mac, systemName, compact: code, sku });
      }
    }
  });
  if (problems.length > 0) throw problemsError(problems, 'inventory');
  // One system name per MAC on every one of its rows.
  for (const row of rows) row.systemName = names.get(row.mac)?.name ?? null;
  return rows;
}

/** The file's name without its extension (and folder), at most 100 characters; `fallback` for a name of nothing. */
export function defaultName(fileName: string, fallback = 'Bulk job'): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]+$/, '').trim();
  return (stem || fallback).slice(0, 100);
}
