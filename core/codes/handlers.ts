/**
 * The code inventory's handlers: a distributor sheet's import as a Draft kept in memory and then
 * confirmed in one transaction, the Codes list, the balance and its Excel export, and the check
 * against the portal's batch look-up. Also the hooks the core calls after a sync or a redemption's
 * answer (`afterSync`, `afterRedemption`), which bring statuses in step with the keys cache and
 * the outbox and, after a sync, check the codes still unchecked.
 */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../api/contract';
import { ApiError, describeFields, fieldError, type ValidationField, validationError } from '../rpc/errors';
import type { EventBus } from '../api/events';
import type { Db } from '../db/database';
import { formatAuthCode, parseAuthCode } from '../domain/auth-code';
import { toUtcIso } from '../domain/utc-time';
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
import type { PortalClient } from '../portal/client';
import { isPortalError } from '../portal/errors';
import { MAX_CODES_PER_LOOKUP } from '../portal-api/schemas';
import { asBuffer } from '../fs/as-buffer';
import { CodeQuery } from './code-query';
import {
  type CodeCheckResult,
  type CodeImportDraft,
  type CodeImportResult,
  IMPORT_DRAFT_TTL_MS,
  MAX_CODE_SHEET_BYTES,
  MAX_IMPORT_DRAFTS,
} from './contract';
import type { DistributorSheetReport } from './distributor-sheet';
import { CodeInventory } from './inventory';
import { applyPictureReadings, type PictureOutcome } from './picture-codes';
import { readInWorker } from '../import/file-worker/read-in-worker';
import { RunningImports } from '../import/running-imports';

type CodesHandlers = Pick<
  Handlers,
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
  events: EventBus;
  now: () => Date;
  portalUrl: () => string | null;
  client: (portalUrl: string) => PortalClient;
  hasToken: (portalUrl: string) => Promise<boolean>;
  utcOffset?: UtcOffset;
  /** Imports running now (progress and cancel); a private registry when not given. */
  imports?: RunningImports;
}

/** A sheet of 15,000 rows and 200 pictures reads in seconds; beyond two minutes the worker is ended. */
export const SHEET_READ_MS = 2 * 60_000;

/** `codes.importProgress` while pictures are read: at most every this many pictures, or this often. */
const PROGRESS_EVERY_PICTURES = 10;
const PROGRESS_EVERY_MS = 250;

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

interface Draft {
  report: DistributorSheetReport;
  preview: CodeImportDraft;
  createdAt: number;
  result: CodeImportResult | null;
}

/** `2 not barcodes, 1 could not be read`: how many pictures of each state, in the order given; states with none are left out. */
function countPictures(
  outcomes: readonly PictureOutcome[],
  labels: readonly (readonly [PictureOutcome['state'], string, string])[],
): string {
  return labels
    .map(([state, one, many]) => [outcomes.filter((outcome) => outcome.state === state).length, one, many] as const)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}

/** The draft's sentence when some pictures gave no code (which and where are in `pictures`). */
export function picturesNote(outcomes: readonly PictureOutcome[]): string | null {
  const without = outcomes.filter((outcome) => outcome.state !== 'code');
  if (without.length === 0) return null;
  const detail = countPictures(without, [
    ['not_a_code', 'a barcode of something else', 'barcodes of something else'],
    ['no_barcode', 'no barcode', 'no barcode'],
    ['unreadable', 'could not be read', 'could not be read'],
  ]);
  const n = without.length;
  return `${n} of ${outcomes.length} picture${outcomes.length === 1 ? '' : 's'} gave no authorization code (${detail}): ${n === 1 ? 'it is' : 'they are'} listed with ${n === 1 ? 'its' : 'their'} cell; nothing is imported from ${n === 1 ? 'it' : 'them'}.`;
}

/** VALIDATION `no_codes`: nothing in the cells, and what the pictures were, if any. */
function noCodes(fileName: string, outcomes: readonly PictureOutcome[]): ApiError {
  if (outcomes.length === 0) {
    return new ApiError('VALIDATION', `No authorization codes were found in ${fileName}: check it is the distributor's file of codes.`, {
      reason: 'no_codes',
    });
  }
  const detail = countPictures(outcomes, [
    ['no_barcode', 'not a barcode', 'not barcodes'],
    ['not_a_code', 'a barcode of something else', 'barcodes of something else'],
    ['unreadable', 'could not be read', 'could not be read'],
  ]);
  const n = outcomes.length;
  return new ApiError(
    'VALIDATION',
    `No authorization codes were found in ${fileName}, neither in its cells nor in its ${n === 1 ? 'picture' : `${n} pictures`} (${detail}): check it is the distributor's file of codes.`,
    { reason: 'no_codes' },
  );
}

export function createCodesFeature(deps: CodesDeps): CodesFeature {
  const utcOffset = deps.utcOffset ?? localUtcOffset;
  const inventory = new CodeInventory(deps.db);
  const query = new CodeQuery(deps.db);
  const drafts = new Map<string, Draft>();
  const imports = deps.imports ?? new RunningImports(deps.events);
  const statements = {
    unchecked: deps.db.prepare<[], string>("SELECT auth_code FROM code_inventory WHERE status = 'unchecked' ORDER BY rowid").pluck(),
    countUnchecked: deps.db.prepare<[], number>("SELECT count(*) FROM code_inventory WHERE status = 'unchecked'").pluck(),
    inInventory: deps.db.prepare<[string], number>('SELECT 1 FROM code_inventory WHERE auth_code = ?').pluck(),
    pick: deps.db
      .prepare<[string, number], string>(
        `SELECT auth_code FROM code_inventory
         WHERE status = 'available' AND sku = ? AND auth_code NOT IN (SELECT auth_code FROM outbox_codes)
           AND auth_code NOT IN (SELECT r.auth_code FROM bulk_job_rows r JOIN bulk_jobs j ON j.id = r.job_id WHERE j.state = 'draft')
         ORDER BY imported_at, rowid LIMIT ?`,
      )
      .pluck(),
    countAvailable: deps.db
      .prepare<[string], number>(
        `SELECT count(*) FROM code_inventory
         WHERE status = 'available' AND sku = ? AND auth_code NOT IN (SELECT auth_code FROM outbox_codes)
           AND auth_code NOT IN (SELECT r.auth_code FROM bulk_job_rows r JOIN bulk_jobs j ON j.id = r.job_id WHERE j.state = 'draft')`,
      )
      .pluck(),
    available: deps.db.prepare(
      `UPDATE code_inventory SET sku = coalesce(@sku, sku), description = coalesce(@description, description),
         distributor = coalesce(@distributor, distributor), last_checked_at = @now,
         status = CASE WHEN status IN ('queued', 'redeemed') THEN status ELSE 'available' END
       WHERE auth_code = @code`,
    ),
    redeemed: deps.db.prepare(
      `UPDATE code_inventory SET sku = coalesce(@sku, sku), description = coalesce(@description, description),
         distributor = coalesce(@distributor, distributor), last_checked_at = @now,
         status = 'redeemed', redeemed_mac = @mac, redeemed_at = @redeemedAt
       WHERE auth_code = @code`,
    ),
    unknown: deps.db.prepare(
      `UPDATE code_inventory SET last_checked_at = @now,
         status = CASE WHEN status IN ('queued', 'redeemed') THEN status ELSE 'unknown' END
       WHERE auth_code = @code`,
    ),
  };

  const pruneDrafts = () => {
    const at = deps.now().getTime();
    for (const [id, draft] of drafts) if (at - draft.createdAt > IMPORT_DRAFT_TTL_MS) drafts.delete(id);
    while (drafts.size >= MAX_IMPORT_DRAFTS) drafts.delete(drafts.keys().next().value!);
  };

  const reconcile = (reason: 'sync' | 'redemption' | 'check', codes?: readonly string[]) => {
    if (!deps.db.open) return;
    const changed = codes ? inventory.reconcileCodes(codes) : inventory.reconcile();
    if (changed > 0) deps.events.emit('codes.changed', { reason });
  };

  let running: Promise<CodeCheckResult> | null = null;
  let background: Promise<unknown> = Promise.resolve();

  const check = async (given: string[] | undefined): Promise<CodeCheckResult> => {
    reconcile('check');
    let targets: string[];
    if (given) {
      const fields: ValidationField[] = [];
      const compact = new Set<string>();
      given.forEach((input, index) => {
        const parsed = parseAuthCode(input);
        if (parsed.ok) compact.add(parsed.compact);
        else fields.push(fieldError(`codes.${index}`, parsed));
      });
      if (fields.length) {
        throw validationError(`Cannot check: ${describeFields(fields)}`, fields);
      }
      targets = [...compact].filter((code) => statements.inInventory.get(code) === 1);
    } else {
      targets = statements.unchecked.all();
    }
    const result: CodeCheckResult = { checked: 0, available: 0, redeemed: 0, unknown: 0, unchecked: 0, reason: null, message: null };
    const finish = () => {
      result.unchecked = statements.countUnchecked.get() ?? 0;
      if (result.checked > 0) deps.events.emit('codes.changed', { reason: 'check' });
      return result;
    };
    if (targets.length === 0) return finish();
    const portalUrl = deps.portalUrl();
    if (!portalUrl) {
      result.reason = 'no_portal';
      result.message = 'Not checked: no portal is configured. The codes stay unchecked; enter the portal address in Settings and sign in.';
      return finish();
    }
    if (!(await deps.hasToken(portalUrl))) {
      result.reason = 'signed_out';
      result.message = 'Not checked: sign in to the portal. The codes stay unchecked and are checked after the next sync.';
      return finish();
    }
    const client = deps.client(portalUrl);
    for (let start = 0; start < targets.length; start += MAX_CODES_PER_LOOKUP) {
      const batch = targets.slice(start, start + MAX_CODES_PER_LOOKUP);
      let answer: Awaited<ReturnType<PortalClient['lookupAuthCodes']>>;
      try {
        answer = await client.lookupAuthCodes(batch.map(formatAuthCode));
      } catch (err) {
        if (isPortalError(err) && err.kind === 'unauthorized') {
          result.reason = 'signed_out';
          result.message = 'Not checked: the portal asked to sign in again. The codes stay unchecked and are checked after the next sync.';
        } else if (!isPortalError(err) || ['offline', 'timeout', 'retry_later'].includes(err.kind)) {
          result.reason = 'offline';
          result.message = 'Not checked: the portal cannot be reached. The codes stay unchecked and are checked after the next sync.';
        } else {
          result.reason = 'portal_error';
          result.message = `Not checked: ${err.message}`;
        }
        break;
      }
      if (!deps.db.open) break;
      const checkedAt = deps.now().toISOString();
      deps.db.transaction(() => {
        batch.forEach((code, index) => {
          const found = answer.results[index];
          if (!found) return;
          const facts = {
            code,
            now: checkedAt,
            sku: found.sku ?? null,
            description: found.skuDescription ?? null,
            distributor: found.distributor ?? null,
          };
          if (found.status === 'unredeemed') {
            statements.available.run(facts);
            result.available++;
          } else if (found.status === 'redeemed' && found.mac && found.redeemedAt) {
            statements.redeemed.run({ ...facts, mac: found.mac, redeemedAt: toUtcIso(found.redeemedAt) ?? found.redeemedAt });
            result.redeemed++;
          } else {
            statements.unknown.run({ code, now: checkedAt });
            result.unknown++;
          }
          result.checked++;
        });
      })();
    }
    return finish();
  };

  const handlers: CodesHandlers = {
    'codes.previewImport': ({ fileName, bytes: received, replaceDraftId, importId }) =>
      imports.run(importId, fileName, async (running) => {
        const bytes = asBuffer(received);
        const progress = (phase: 'reading' | 'pictures' | 'done', picturesDone: number, pictures: number) =>
          deps.events.emit('codes.importProgress', { fileName, phase, picturesDone, pictures });
        progress('reading', 0, 0);
        let report: DistributorSheetReport;
        let outcomes: PictureOutcome[];
        try {
          let lastAt = 0;
          let lastDone = -1;
          // The sheet and its pictures are read in the file worker; the draft is built here.
          const read = await readInWorker(
            { kind: 'distributorSheet', bytes, fileName, maxBytes: MAX_CODE_SHEET_BYTES },
            {
              fileName,
              timeoutMs: SHEET_READ_MS,
              signal: running.signal,
              refuse: (message) => new ApiError('VALIDATION', message, { reason: 'unreadable' }),
              onProgress: ({ done, total }) => {
                running.progress('pictures', done, total);
                if (
                  done === 0 ||
                  done === total ||
                  done - lastDone >= PROGRESS_EVERY_PICTURES ||
                  Date.now() - lastAt >= PROGRESS_EVERY_MS
                ) {
                  progress('pictures', done, total);
                  lastAt = Date.now();
                  lastDone = done;
                }
              },
            },
          );
          report = read.report;
          outcomes = applyPictureReadings(report, read.readings);
        } finally {
          progress('done', 0, 0);
        }
        if (report.codes.length === 0) throw noCodes(fileName, outcomes);
        if (replaceDraftId !== undefined) drafts.delete(replaceDraftId);
        pruneDrafts();
        const createdAt = deps.now().getTime();
        const codes = inventory.classify(report);
        const count = (state: string) => codes.filter((code) => code.state === state).length;
        const source = (kind: string) => codes.filter((code) => code.source === kind).length;
        const preview: CodeImportDraft = {
          draftId: randomUUID(),
          fileName,
          format: report.format,
          expiresAt: new Date(createdAt + IMPORT_DRAFT_TTL_MS).toISOString(),
          sheets: report.sheets.map(({ name, headerRow, rows, codes, pictures }) => ({ name, headerRow, rows, codes, pictures })),
          codes,
          counts: {
            codes: codes.length,
            occurrences: report.codes.length,
            new: count('new'),
            inInventory: count('in_inventory'),
            redeemed: count('redeemed'),
            queued: count('queued'),
            notCodes: report.notCodes.length,
            duplicates: report.duplicates.length,
            pictures: report.pictures.length,
            fromText: source('text'),
            fromPicture: source('picture'),
            fromBoth: source('both'),
            picturesWithoutCode: outcomes.filter((outcome) => outcome.state !== 'code').length,
          },
          notCodes: report.notCodes.map(({ sheet, row, column, cell, text, message }) => ({ sheet, row, column, cell, text, message })),
          duplicates: report.duplicates,
          pictures: report.pictures.map(({ sheet, row, column, cell, extension, sku, description }, index) => ({
            sheet,
            row,
            column,
            cell,
            extension,
            sku,
            description,
            ...outcomes[index]!,
          })),
          picturesNote: picturesNote(outcomes),
        };
        // The pictures' bytes are not needed any more (the draft keeps the codes they held).
        for (const picture of report.pictures) picture.bytes = Buffer.alloc(0);
        drafts.set(preview.draftId, { report, preview, createdAt, result: null });
        return preview;
      }),

    'codes.confirmImport': ({ draftId, skip }) => {
      const draft = drafts.get(draftId);
      if (!draft || deps.now().getTime() - draft.createdAt > IMPORT_DRAFT_TTL_MS) {
        drafts.delete(draftId);
        throw new ApiError(
          'NOT_FOUND',
          'This import is no longer open (FieldKey keeps the last 3 previews for 30 minutes): choose the file again.',
        );
      }
      const skipped = new Set<string>();
      const fields: ValidationField[] = [];
      skip.forEach((input, index) => {
        const parsed = parseAuthCode(input);
        if (parsed.ok) skipped.add(parsed.compact);
        else fields.push(fieldError(`skip.${index}`, parsed));
      });
      if (fields.length) {
        throw validationError(`Cannot import: ${describeFields(fields)}`, fields);
      }
      if (draft.result) return { ...draft.result, alreadyConfirmed: true };
      let counts: ReturnType<CodeInventory['storeImport']>;
      try {
        counts = inventory.storeImport(draft.report, { fileName: draft.preview.fileName, now: deps.now(), skip: skipped });
      } catch (err) {
        if (err instanceof ApiError) throw err;
        console.error('FieldKey: storing a code import failed:', err instanceof Error ? err.message : err);
        throw new ApiError('INTERNAL', 'The import failed and nothing was saved. Try again; if it persists, see the log.');
      }
      const result: CodeImportResult = { draftId, fileName: draft.preview.fileName, ...counts, alreadyConfirmed: false };
      draft.result = result;
      if (counts.added + counts.addedRedeemed > 0) deps.events.emit('codes.changed', { reason: 'import' });
      return result;
    },

    'codes.discardImport': ({ draftId }) => ({ discarded: drafts.delete(draftId) }),

    'codes.list': ({ filter, after, limit }) => query.page(filter, after, limit),

    'codes.balance': () => query.balance(),

    'codes.exportBalance': async () => {
      const now = deps.now();
      const balance = query.balance();
      const columns: TableColumn[] = [
        { header: 'SKU', kind: 'text' },
        { header: 'Description', kind: 'text' },
        { header: 'Available', kind: 'number' },
        { header: 'Unchecked', kind: 'number' },
        { header: 'Queued', kind: 'number' },
        { header: 'Total', kind: 'number' },
        { header: 'Oldest import', kind: 'date' },
      ];
      const rows: TableCell[][] = balance.rows.map((row) => [
        row.sku ?? 'SKU not known yet',
        row.description,
        row.available,
        row.unchecked,
        row.queued,
        row.count,
        wallClock(new Date(row.oldestImportedAt), utcOffset),
      ]);
      const bytes = await writeTableWorkbook({
        title: 'FieldKey code balance',
        subject: 'Unredeemed authorization codes by SKU',
        now,
        sheetName: 'Balance',
        columns,
        rows,
      });
      return {
        fileName: exportFileName(['code balance', wallClockDay(wallClock(now, utcOffset))], 'xlsx'),
        mimeType: XLSX_MIME_TYPE,
        base64: bytes.toString('base64'),
      };
    },

    'codes.check': ({ codes }) => {
      if (codes) return check(codes);
      running ??= check(undefined).finally(() => {
        running = null;
      });
      return running;
    },

    'codes.pick': ({ sku, count, exclude }) => {
      const left = new Set<string>();
      for (const input of exclude) {
        const parsed = parseAuthCode(input);
        if (parsed.ok) left.add(parsed.compact);
      }
      const codes = statements.pick
        .all(sku, count + left.size)
        .filter((code) => !left.has(code))
        .slice(0, count)
        .map(formatAuthCode);
      return { sku, codes, available: statements.countAvailable.get(sku) ?? 0 };
    },
  };

  // A crash between a cache write and the hook's reconcile is made good at the next start.
  try {
    inventory.reconcile();
  } catch (err) {
    console.error('FieldKey: bringing the code inventory in step failed:', err instanceof Error ? err.message : err);
  }

  return {
    handlers,
    afterSync() {
      try {
        reconcile('sync');
        if (!deps.db.open || (statements.countUnchecked.get() ?? 0) === 0) return;
        background = Promise.resolve(handlers['codes.check']({})).catch((err) => {
          if (deps.db.open) console.error('FieldKey: checking codes after a sync failed:', err instanceof Error ? err.message : err);
        });
      } catch (err) {
        if (deps.db.open)
          console.error('FieldKey: updating the code inventory after a sync failed:', err instanceof Error ? err.message : err);
      }
    },
    afterCacheChanged(reason, codes) {
      try {
        reconcile(reason, codes);
      } catch (err) {
        if (deps.db.open) console.error('FieldKey: updating the code inventory failed:', err instanceof Error ? err.message : err);
      }
    },
    idle: () => background.then(() => undefined),
  };
}
