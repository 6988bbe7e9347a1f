/**
 * Keys in and out of the cache as files: the Keys list's Excel export (streamed, with progress and
 * Cancel), Quick Lookup's customer handover (.xlsx or .txt), and the import of the portal's own
 * View Codes export.
 */
import type { HandlersOf } from '../rpc/define';
import type { KeyFilter, KeyRow, KeysEvents, keysMethods } from './contract';
import type { ImportsEvents } from '../import/contract';
import { ApiError, fieldError, validationError } from '../rpc/errors';
import type { EventEmitter } from '../rpc/events';
import type { Db } from '../db/database';
import { sqliteNativeBinding } from '../db/sqlite';
import { parseMac } from '../domain/mac';
import { say } from '../messages/say';
import { ExportJobs } from '../export/export-jobs';
import { keyFieldWords, keysExportFileName } from './export-file-names';
import type { Language } from '../messages/language';
import { type Translate, translator } from '../messages/say';
import { writeKeysWorkbook } from './keys-workbook';
import { exportSystemHandover, readSystemHandover } from './system-handover';
import { localUtcOffset, type UtcOffset, wallClock, wallClockDay, XLSX_MIME_TYPE } from '../export/workbook';
import { asBuffer } from '../fs/as-buffer';
import { readInWorker } from '../import/file-worker/read-in-worker';
import type { WorkerDatabase } from '../import/file-worker/protocol';
import { checkImportSize, type PortalImportJob, type SearchIndexJob } from './import-keys';
import { RunningImports } from '../import/running-imports';
import { KeyQuery } from './key-query';
import { SearchIndexBuilder } from '../db/search-index';
import type { Logger } from '../log/logger';

type KeysTransferHandlers = Pick<HandlersOf<typeof keysMethods>, 'keys.export' | 'keys.cancelExport' | 'keys.exportSystem' | 'keys.import'>;

/** The rows of a filter, in its order, and how many there are (for progress). */
export type KeyRowSource = (filter: KeyFilter) => { total: number; rows: Iterable<KeyRow> };

/** Rows per page the export reads from the Keys query (each page is read whole, then handed out). */
const EXPORT_PAGE_ROWS = 2000;

/**
 * The Keys page's own query as the export's row source: exactly the rows and order the table
 * shows. Its count is bounded on very broad searches; progress then grows past it.
 */
export function keyQueryRows(db: Db): KeyRowSource {
  const query = new KeyQuery(db);
  return (filter) => ({ total: query.count(filter).count, rows: query.iterate(filter, EXPORT_PAGE_ROWS) });
}

export interface KeysTransferDeps {
  db: Db;
  events: EventEmitter<KeysEvents & ImportsEvents>;
  now: () => Date;
  /**
   * The Keys page's rows for a filter. Its iterable must not keep a statement open between the
   * chunks it hands out: the export yields to the event loop in between, and other calls write.
   */
  keyRows: KeyRowSource;
  /** Minutes to add to UTC for the wall-clock times in files (default: this computer's zone). */
  utcOffset?: UtcOffset;
  /** The language of exported files (the user's choice; default English). */
  language?: () => Language;
  /** Imports running now (progress and cancel); a private registry when not given. */
  imports?: RunningImports;
  log?: Logger;
  /** Aborted when the app closes: background work (the search index after an import) ends. */
  closing?: AbortSignal;
}

/** A portal export of 1,000,000 rows reads in about a minute; beyond ten the worker is ended. */
export const PORTAL_EXPORT_READ_MS = 10 * 60_000;

/** The search index of a large import, built in the worker: a million keys take a few minutes. */
const SEARCH_INDEX_BUILD_MS = 30 * 60_000;

export function createKeysTransferHandlers(deps: KeysTransferDeps): KeysTransferHandlers {
  const utcOffset = deps.utcOffset ?? localUtcOffset;
  const language = deps.language ?? (() => 'en' as const);
  const imports = deps.imports ?? new RunningImports(deps.events);
  const searchIndex = new SearchIndexBuilder(deps.db);
  /**
   * Builds the rest of the search index in the file worker, on a connection of its own, so this
   * thread answers throughout (its writes wait at most one chunk for the lock). Ended with the
   * app (`deps.closing`); the sync engine's next start resumes from the frontier.
   */
  const buildSearchIndexInWorker = () => {
    void readInWorker<SearchIndexJob>(
      { kind: 'searchIndex', database: workerDatabase(deps.db) },
      { fileName: 'The search index', timeoutMs: SEARCH_INDEX_BUILD_MS, signal: deps.closing },
    ).then(
      ({ complete }) => {
        if (complete) deps.events.emit('keys.changed', { reason: 'import' });
      },
      (err: unknown) => {
        if (!deps.closing?.aborted && deps.db.open) deps.log?.error('keys.search_index_failed', {}, err);
      },
    );
  };
  const exports = new ExportJobs((progress) => deps.events.emit('keys.exportProgress', progress));

  return {
    'keys.export': async ({ filter, jobId }) => {
      const now = deps.now();
      const lang = language();
      const t = translator(lang);
      const { bytes } = await exports.run(jobId, (job) => {
        const { total, rows } = deps.keyRows(filter);
        job.start(total);
        return writeKeysWorkbook(rows, {
          language: lang,
          title: t('export.keys.title'),
          subject: describeFilter(filter, t),
          now,
          utcOffset,
          onChunk: job.onChunk,
        });
      });
      return {
        fileName: keysExportFileName(filter, wallClockDay(wallClock(now, utcOffset)), utcOffset, lang),
        mimeType: XLSX_MIME_TYPE,
        base64: bytes.toString('base64'),
      };
    },

    'keys.cancelExport': ({ jobId }) => exports.cancel(jobId),

    'keys.exportSystem': async ({ mac, format }) => {
      const parsed = parseMac(mac);
      if (!parsed.ok) throw validationError(parsed.message, [fieldError('mac', parsed)]);
      const handover = readSystemHandover(deps.db, parsed.mac);
      if (!handover) throw new ApiError('NOT_FOUND', say('keys.handover.unknownSystem', { mac: parsed.display }));
      return exportSystemHandover(handover, format, deps.now(), utcOffset, language());
    },

    'keys.import': ({ fileName, bytes: received, importId }) =>
      imports.run(importId, fileName, async (running) => {
        const bytes = asBuffer(received);
        checkImportSize(bytes);
        // Read and written in the file worker, on a connection of its own and in one transaction:
        // this thread answers other calls throughout, and a cancel ends the worker (rolled back).
        const report = await readInWorker<PortalImportJob>(
          {
            kind: 'portalImport',
            bytes,
            utcOffsetMinutes: deps.utcOffset ? deps.utcOffset(deps.now()) : undefined,
            fileName,
            now: deps.now().toISOString(),
            database: workerDatabase(deps.db),
          },
          {
            fileName,
            timeoutMs: PORTAL_EXPORT_READ_MS,
            signal: running.signal,
            onProgress: (progress) => running.progress(progress.phase === 'saving' ? 'saving' : 'reading', progress.done, progress.total),
          },
        );
        if (report.imported > 0 || report.systemsAdded > 0) deps.events.emit('keys.changed', { reason: 'import' });
        // A large file's keys were left to the search index's background build.
        if (searchIndex.deferred()) buildSearchIndexInWorker();
        return report;
      }),
  };
}

/** The core's database as the file worker opens it (a file: the app never runs on a memory database). */
function workerDatabase(db: Db): WorkerDatabase {
  if (db.memory) throw new ApiError('INTERNAL', say('keys.import.needsFile'));
  return {
    file: db.name,
    nativeBinding: sqliteNativeBinding(),
    maxPageCount: db.pragma('max_page_count', { simple: true }) as number,
  };
}

/** The filter in words, for the workbook's subject. */
function describeFilter(filter: KeyFilter, t: Translate): string {
  const parts = [t('export.keys.subject.all')];
  if (filter.contains) {
    const field = filter.by === 'all' ? t('export.subject.anyField') : keyFieldWords(filter.by, t);
    parts.push(t('export.subject.contains', { field, text: filter.contains }));
  }
  if (filter.from) parts.push(t('export.keys.subject.from', { from: filter.from }));
  if (filter.to) parts.push(t('export.keys.subject.to', { to: filter.to }));
  const column = t(`export.keys.field.${filter.sort}`);
  parts.push(t(filter.direction === 'asc' ? 'export.subject.sorted' : 'export.subject.sortedDescending', { column }));
  return parts.join(', ');
}
