/**
 * The code inventory's handlers: a distributor sheet's import (code-import.ts), the Codes list,
 * the balance and its Excel export, picking codes for a job, and the check against the portal's
 * batch look-up (code-check.ts). Also what follows the rest of the app (`afterSync`,
 * `afterCacheChanged`, called by feature.ts on domain events), which brings statuses in step with
 * the keys cache and the outbox and, after a sync, checks the codes still unchecked.
 */
import type { Db } from '../db/database';
import { formatAuthCode, parseAuthCode } from '../domain/auth-code';
import {
  exportFileName,
  localUtcOffset,
  type TableCell,
  type TableColumn,
  type UtcOffset,
  wallClock,
  wallClockDay,
  writeTableWorkbook,
  XLSX_MIME_TYPE,
} from '../export/workbook';
import { RunningImports } from '../import/running-imports';
import type { PortalClient } from '../portal/client';
import type { HandlersOf } from '../rpc/define';
import type { EventEmitter } from '../rpc/events';
import type { ImportsEvents } from '../import/contract';
import type { Language } from '../messages/language';
import { translator } from '../messages/say';
import { CodeCheck } from './code-check';
import { CodeImports } from './code-import';
import { CodeQuery } from './code-query';
import type { CodeCheckResult, CodesEvents, codesMethods } from './contract';
import { CodeInventory } from './inventory';
import { codesInDraftJobsSql } from '../bulk/bulk-rows';

export { picturesNote, SHEET_READ_MS } from './code-import';

type CodesHandlers = Pick<
  HandlersOf<typeof codesMethods>,
  | 'codes.previewImport'
  | 'codes.confirmImport'
  | 'codes.discardImport'
  | 'codes.list'
  | 'codes.balance'
  | 'codes.exportBalance'
  | 'codes.check'
  | 'codes.pick'
>;

export interface CodesDeps {
  db: Db;
  events: EventEmitter<CodesEvents & ImportsEvents>;
  now: () => Date;
  portalUrl: () => string | null;
  client: (portalUrl: string) => PortalClient;
  hasToken: (portalUrl: string) => Promise<boolean>;
  utcOffset?: UtcOffset;
  /** The language of exported files (the user's choice; default English). */
  language?: () => Language;
  /** Imports running now (progress and cancel); a private registry when not given. */
  imports?: RunningImports;
}

export interface CodesFeature {
  handlers: CodesHandlers;
  /** After a sync run succeeded: statuses from the cache, then a check of unchecked codes (in the background). */
  afterSync(): void;
  /**
   * After a pull page or a redemption's answer changed the cache, or the outbox changed: statuses
   * from both — of `codes` (compact) only when given (one redemption's codes), else of every code.
   */
  afterCacheChanged(reason: 'sync' | 'redemption', codes?: readonly string[]): void;
  /** Resolves when a background check started by `afterSync` has finished (tests). */
  idle(): Promise<void>;
}

function failed(what: string, err: unknown): void {
  console.error(`FieldKey: ${what} failed:`, err instanceof Error ? err.message : err);
}

export function createCodes(deps: CodesDeps): CodesFeature {
  const inventory = new CodeInventory(deps.db);
  const query = new CodeQuery(deps.db);
  const imports = new CodeImports({
    events: deps.events,
    now: deps.now,
    imports: deps.imports ?? new RunningImports(deps.events),
    inventory,
  });
  const checker = new CodeCheck(deps);
  const pick = codePicker(deps.db);

  const reconcile = (reason: 'sync' | 'redemption' | 'check', codes?: readonly string[]) => {
    if (!deps.db.open) return;
    const changed = codes ? inventory.reconcileCodes(codes) : inventory.reconcile();
    if (changed > 0) deps.events.emit('codes.changed', { reason });
  };
  const check = async (given: string[] | undefined) => {
    reconcile('check');
    return checker.run(given);
  };
  /** The check of every unchecked code, shared by concurrent callers. */
  let running: Promise<CodeCheckResult> | null = null;
  let background: Promise<unknown> = Promise.resolve();

  const handlers: CodesHandlers = {
    'codes.previewImport': (args) => imports.preview(args),
    'codes.confirmImport': ({ draftId, skip }) => imports.confirm(draftId, skip),
    'codes.discardImport': ({ draftId }) => ({ discarded: imports.discard(draftId) }),
    'codes.list': ({ filter, after, limit }) => query.page(filter, after, limit),
    'codes.balance': () => query.balance(),
    'codes.exportBalance': () => balanceWorkbook(query, deps.now(), deps.utcOffset ?? localUtcOffset, deps.language?.() ?? 'en'),
    'codes.check': ({ codes }) => {
      if (codes) return check(codes);
      running ??= check(undefined).finally(() => {
        running = null;
      });
      return running;
    },
    'codes.pick': pick,
  };

  // A crash between a cache write and the hook's reconcile is made good at the next start.
  try {
    inventory.reconcile();
  } catch (err) {
    failed('bringing the code inventory in step', err);
  }

  return {
    handlers,
    afterSync() {
      try {
        reconcile('sync');
        if (!deps.db.open || checker.uncheckedCount() === 0) return;
        background = Promise.resolve(handlers['codes.check']({})).catch((err) => {
          if (deps.db.open) failed('checking codes after a sync', err);
        });
      } catch (err) {
        if (deps.db.open) failed('updating the code inventory after a sync', err);
      }
    },
    afterCacheChanged(reason, codes) {
      try {
        reconcile(reason, codes);
      } catch (err) {
        if (deps.db.open) failed('updating the code inventory', err);
      }
    },
    idle: () => background.then(() => undefined),
  };
}

/** `codes.pick`: available codes of a SKU not queued nor in a draft job, oldest import first, less `exclude`. */
function codePicker(db: Db): CodesHandlers['codes.pick'] {
  const free = `status = 'available' AND sku = ? AND auth_code NOT IN (SELECT auth_code FROM outbox_codes)
    AND auth_code NOT IN (${codesInDraftJobsSql()})`;
  const pick = db
    .prepare<[string, number], string>(`SELECT auth_code FROM code_inventory WHERE ${free} ORDER BY imported_at, rowid LIMIT ?`)
    .pluck();
  const countAvailable = db.prepare<[string], number>(`SELECT count(*) FROM code_inventory WHERE ${free}`).pluck();
  return ({ sku, count, exclude }) => {
    const left = new Set<string>();
    for (const input of exclude) {
      const parsed = parseAuthCode(input);
      if (parsed.ok) left.add(parsed.compact);
    }
    const codes = pick
      .all(sku, count + left.size)
      .filter((code) => !left.has(code))
      .slice(0, count)
      .map(formatAuthCode);
    return { sku, codes, available: countAvailable.get(sku) ?? 0 };
  };
}

/** `codes.exportBalance`: the balance by SKU as a workbook, in `language`. */
async function balanceWorkbook(query: CodeQuery, now: Date, utcOffset: UtcOffset, language: Language) {
  const t = translator(language);
  const balance = query.balance();
  const columns: TableColumn[] = [
    { header: t('export.balance.column.sku'), kind: 'text' },
    { header: t('export.balance.column.description'), kind: 'text' },
    { header: t('export.balance.column.available'), kind: 'number' },
    { header: t('export.balance.column.unchecked'), kind: 'number' },
    { header: t('export.balance.column.queued'), kind: 'number' },
    { header: t('export.balance.column.total'), kind: 'number' },
    { header: t('export.balance.column.oldestImport'), kind: 'date' },
  ];
  const rows: TableCell[][] = balance.rows.map((row) => [
    row.sku ?? t('export.balance.skuUnknown'),
    row.description,
    row.available,
    row.unchecked,
    row.queued,
    row.count,
    wallClock(new Date(row.oldestImportedAt), utcOffset),
  ]);
  const bytes = await writeTableWorkbook({
    title: t('export.balance.title'),
    subject: t('export.balance.subject'),
    description: t('export.timesNote'),
    now,
    sheetName: t('export.balance.sheet'),
    columns,
    rows,
  });
  return {
    fileName: exportFileName([t('export.fileName.codeBalance'), wallClockDay(wallClock(now, utcOffset))], 'xlsx'),
    mimeType: XLSX_MIME_TYPE,
    base64: bytes.toString('base64'),
  };
}
