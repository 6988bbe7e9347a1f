/**
 * What the file worker does: each kind of untrusted file read to plain rows (or a draft report),
 * never touching the database. Runs inside the worker thread (worker-main.ts); the core gets the
 * result through messages and validates and writes it as before.
 */
import { readBulkGrid } from '../../bulk/bulk-file';
import { readDistributorSheet, type DistributorSheetReport } from '../../codes/distributor-sheet';
import { createPictureCodeReader, decodePictures, type PictureReading } from '../../codes/picture-codes';
import { checkPictureBudget } from '../../codes/picture-headers';
import { localUtcOffset } from '../../export/workbook';
import { type ParsedPortalExport, parsePortalExport, type PortalKeyRow } from '../portal-export';

export type FileJob =
  /** `utcOffsetMinutes`: a fixed zone (tests, benches); else this computer's, as the core's. */
  | { kind: 'portalExport'; bytes: Uint8Array; utcOffsetMinutes?: number }
  | { kind: 'distributorSheet'; bytes: Uint8Array; fileName: string; maxBytes: number }
  | { kind: 'bulkFile'; bytes: Uint8Array; fileName: string };

export interface FileJobResults {
  /** Rows arrive in `rows` messages (chunks), so the core never decodes a million at once. */
  portalExport: Omit<ParsedPortalExport, 'rows'>;
  distributorSheet: { report: DistributorSheetReport; readings: PictureReading[] };
  /** The grid as [row, [column, text][]] pairs (Maps cross a thread as well, but arrays are cheaper). */
  bulkFile: { rows: [number, [number, string][]][] };
}

export type FileJobProgress = { phase: 'reading' | 'pictures'; done: number; total: number };

export type WorkerMessage =
  | { type: 'progress'; progress: FileJobProgress }
  | { type: 'rows'; rows: PortalKeyRow[] }
  | { type: 'result'; result: FileJobResults[FileJob['kind']] }
  | { type: 'error'; error: { code: string; message: string; details?: unknown } };

/** Portal rows per message: each message is decoded on the core's thread in one go. */
export const ROWS_PER_MESSAGE = 5_000;

export async function runFileJob(job: FileJob, post: (message: WorkerMessage) => void): Promise<void> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  switch (job.kind) {
    case 'portalExport': {
      const { rows, ...rest } = await parsePortalExport(bytes, {
        utcOffset: job.utcOffsetMinutes === undefined ? localUtcOffset : () => job.utcOffsetMinutes!,
      });
      for (let at = 0; at < rows.length; at += ROWS_PER_MESSAGE) post({ type: 'rows', rows: rows.slice(at, at + ROWS_PER_MESSAGE) });
      post({ type: 'result', result: rest });
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
