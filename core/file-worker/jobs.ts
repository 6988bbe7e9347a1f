/**
 * What the file worker does: each kind of untrusted file read to plain rows (or a draft report).
 * Runs inside the worker thread (worker-main.ts); the core gets the result through messages and
 * validates and writes it. Two jobs also write, on a connection of their own: a portal export's
 * keys go into the cache in one transaction (`portalImport`), and the search index a large import
 * left short is built after it in short transactions (`searchIndex`), so the core's thread
 * answers while 100,000 rows are saved and indexed (its own writes wait for the lock meanwhile).
 */
import { readBulkGrid } from '../bulk/bulk-file';
import { readDistributorSheet } from '../codes/distributor-sheet';
import { createPictureCodeReader, decodePictures } from '../codes/picture-codes';
import { checkPictureBudget } from '../codes/picture-headers';
import { asWriteFailure } from '../rpc/write-failure';
import { type Db, openConnection } from '../db/database';
import { configureSqlite } from '../db/sqlite';
import { localUtcOffset } from '../export/workbook';
import type { ImportReport } from '../keys/contract';
import { writeImport } from '../keys/import-keys';
import { SearchIndexBuilder } from '../db/search-index';
import { type ParsedPortalExport, parsePortalExport } from '../keys/portal-export';
import type { WorkerDatabase, WorkerMessage } from '../import/file-worker/protocol';
import type { BulkFileJob } from '../bulk/bulk-file';
import type { DistributorSheetJob } from '../codes/picture-codes';
import type { PortalImportJob, SearchIndexJob } from '../keys/import-keys';

/** Every job the worker runs; each is declared by the feature that runs it. */
export type FileJob = PortalImportJob | SearchIndexJob | DistributorSheetJob | BulkFileJob;

export async function runFileJob(job: FileJob, post: (message: WorkerMessage) => void): Promise<void> {
  if (job.kind === 'searchIndex') {
    const db = openWorkerConnection(job.database);
    try {
      post({ type: 'result', result: { complete: await new SearchIndexBuilder(db).buildInBackground() } });
    } finally {
      db.close();
    }
    return;
  }
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  switch (job.kind) {
    case 'portalImport': {
      const parsed = await parsePortalExport(bytes, {
        utcOffset: job.utcOffsetMinutes === undefined ? localUtcOffset : () => job.utcOffsetMinutes!,
      });
      const total = parsed.rows.length;
      post({ type: 'progress', progress: { phase: 'saving', done: 0, total } });
      post({
        type: 'result',
        result: saveInWorker(job, parsed, (done) => post({ type: 'progress', progress: { phase: 'saving', done, total } })),
      });
      return;
    }
    case 'distributorSheet': {
      const report = await readDistributorSheet(bytes, { fileName: job.fileName, maxBytes: job.maxBytes });
      checkPictureBudget(report.pictures);
      const total = report.pictures.length;
      if (total > 0) post({ type: 'progress', progress: { phase: 'pictures', done: 0, total } });
      const readings = await decodePictures(report, createPictureCodeReader(), (done) =>
        post({ type: 'progress', progress: { phase: 'pictures', done, total } }),
      );
      // The core needs no picture's bytes once it has its reading.
      for (const picture of report.pictures) picture.bytes = Buffer.alloc(0);
      post({ type: 'result', result: { report, readings } });
      return;
    }
    case 'bulkFile': {
      const grid = await readBulkGrid(bytes, job.fileName);
      post({ type: 'result', result: { rows: [...grid].map(([row, cells]) => [row, [...cells]]) } });
      return;
    }
  }
}

/** Thrown by the saving half of `portalImport`: crosses as a database error, not as an unreadable file. */
export class SavingError extends Error {
  constructor(readonly failure: unknown) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

function saveInWorker(
  job: Extract<FileJob, { kind: 'portalImport' }>,
  parsed: ParsedPortalExport,
  onSaved: (done: number) => void,
): ImportReport {
  try {
    const db = openWorkerConnection(job.database);
    try {
      return writeImport(db, parsed, { fileName: job.fileName, now: new Date(job.now), onSaved });
    } finally {
      db.close();
    }
  } catch (err) {
    throw new SavingError(asWriteFailure(err));
  }
}

/** A connection of the worker's own to the core's database, with the core's binding and page limit. */
function openWorkerConnection(database: WorkerDatabase): Db {
  configureSqlite({ nativeBinding: database.nativeBinding });
  const db = openConnection(database.file);
  if (database.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(database.maxPageCount)}`);
  return db;
}
