/**
 * A distributor sheet's import: read in the file worker (its pictures decoded there too), kept as
 * a Draft in memory (at most `MAX_IMPORT_DRAFTS`, for `IMPORT_DRAFT_TTL_MS`), then confirmed in
 * one transaction.
 */
import { randomUUID } from 'node:crypto';
import { parseAuthCode } from '../domain/auth-code';
import { asBuffer } from '../fs/as-buffer';
import { readInWorker } from '../import/file-worker/read-in-worker';
import type { RunningImport, RunningImports } from '../import/running-imports';
import { ApiError, fieldError, validationError, describeFields, type ValidationField } from '../rpc/errors';
import type { EventEmitter } from '../rpc/events';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import {
  type CodeImportDraft,
  type CodeImportResult,
  type CodesEvents,
  IMPORT_DRAFT_TTL_MS,
  MAX_CODE_SHEET_BYTES,
  MAX_IMPORT_DRAFTS,
} from './contract';
import type { DistributorSheetReport } from './distributor-sheet';
import type { CodeInventory } from './inventory';
import { foreignSentence } from './sheet-grids';
import { applyPictureReadings, type DistributorSheetJob, type PictureOutcome } from './picture-codes';

/** A sheet of 15,000 rows and 200 pictures reads in seconds; beyond two minutes the worker is ended. */
export const SHEET_READ_MS = 2 * 60_000;

/** `codes.importProgress` while pictures are read: at most every this many pictures, or this often. */
const PROGRESS_EVERY_PICTURES = 10;
const PROGRESS_EVERY_MS = 250;

export interface CodeImportDeps {
  events: EventEmitter<CodesEvents>;
  now: () => Date;
  imports: RunningImports;
  inventory: CodeInventory;
}

interface Draft {
  report: DistributorSheetReport;
  preview: CodeImportDraft;
  createdAt: number;
  result: CodeImportResult | null;
}

export interface PreviewArgs {
  fileName: string;
  bytes: Uint8Array;
  replaceDraftId?: string;
  importId?: string;
}

export class CodeImports {
  private readonly drafts = new Map<string, Draft>();

  constructor(private readonly deps: CodeImportDeps) {}

  /** `codes.previewImport`: the sheet read and classified against the inventory, kept as a Draft. */
  preview({ fileName, bytes, replaceDraftId, importId }: PreviewArgs): Promise<CodeImportDraft> {
    return this.deps.imports.run(importId, fileName, async (running) => {
      const { report, outcomes } = await this.read(fileName, asBuffer(bytes), running);
      if (report.codes.length === 0) throw noCodes(fileName, outcomes);
      if (replaceDraftId !== undefined) this.drafts.delete(replaceDraftId);
      this.prune();
      const createdAt = this.deps.now().getTime();
      const preview = draftOf(report, outcomes, this.deps.inventory.classify(report), fileName, createdAt);
      // The pictures' bytes are not needed any more (the draft keeps the codes they held).
      for (const picture of report.pictures) picture.bytes = Buffer.alloc(0);
      this.drafts.set(preview.draftId, { report, preview, createdAt, result: null });
      return preview;
    });
  }

  /** `codes.confirmImport`: the Draft's codes stored (less `skip`); confirming again answers the first result. */
  confirm(draftId: string, skip: readonly string[]): CodeImportResult {
    const draft = this.drafts.get(draftId);
    if (!draft || this.deps.now().getTime() - draft.createdAt > IMPORT_DRAFT_TTL_MS) {
      this.drafts.delete(draftId);
      throw new ApiError('NOT_FOUND', say('codes.import.expired'));
    }
    const skipped = skippedCodes(skip);
    if (draft.result) return { ...draft.result, alreadyConfirmed: true };
    let counts: ReturnType<CodeInventory['storeImport']>;
    try {
      counts = this.deps.inventory.storeImport(draft.report, { fileName: draft.preview.fileName, now: this.deps.now(), skip: skipped });
    } catch (err) {
      if (err instanceof ApiError) throw err;
      console.error('FieldKey: storing a code import failed:', err instanceof Error ? err.message : err);
      throw new ApiError('INTERNAL', say('codes.import.failed'));
    }
    const result: CodeImportResult = { draftId, fileName: draft.preview.fileName, ...counts, alreadyConfirmed: false };
    draft.result = result;
    if (counts.added + counts.addedRedeemed > 0) this.deps.events.emit('codes.changed', { reason: 'import' });
    return result;
  }

  discard(draftId: string): boolean {
    return this.drafts.delete(draftId);
  }

  private prune(): void {
    const at = this.deps.now().getTime();
    for (const [id, draft] of this.drafts) if (at - draft.createdAt > IMPORT_DRAFT_TTL_MS) this.drafts.delete(id);
    while (this.drafts.size >= MAX_IMPORT_DRAFTS) this.drafts.delete(this.drafts.keys().next().value!);
  }

  /** The sheet and its pictures, read in the file worker, with `codes.importProgress` on the way. */
  private async read(fileName: string, bytes: Buffer, running: RunningImport) {
    const progress = (phase: 'reading' | 'pictures' | 'done', picturesDone: number, pictures: number) =>
      this.deps.events.emit('codes.importProgress', { fileName, phase, picturesDone, pictures });
    progress('reading', 0, 0);
    try {
      let lastAt = 0;
      let lastDone = -1;
      const read = await readInWorker<DistributorSheetJob>(
        { kind: 'distributorSheet', bytes, fileName, maxBytes: MAX_CODE_SHEET_BYTES },
        {
          fileName,
          timeoutMs: SHEET_READ_MS,
          signal: running.signal,
          refuse: (message: string | Message) =>
            new ApiError('VALIDATION', foreignSentence('codes.sheet.unreadable', message), { reason: 'unreadable' }),
          onProgress: ({ done, total }) => {
            running.progress('pictures', done, total);
            if (done === 0 || done === total || done - lastDone >= PROGRESS_EVERY_PICTURES || Date.now() - lastAt >= PROGRESS_EVERY_MS) {
              progress('pictures', done, total);
              lastAt = Date.now();
              lastDone = done;
            }
          },
        },
      );
      return { report: read.report, outcomes: applyPictureReadings(read.report, read.readings) };
    } finally {
      progress('done', 0, 0);
    }
  }
}

/** The codes to leave out, compact; VALIDATION naming the ones that are not codes. */
function skippedCodes(skip: readonly string[]): Set<string> {
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
  return skipped;
}

/** What the renderer shows of a read sheet before it is confirmed. */
function draftOf(
  report: DistributorSheetReport,
  outcomes: PictureOutcome[],
  codes: CodeImportDraft['codes'],
  fileName: string,
  createdAt: number,
): CodeImportDraft {
  const count = (state: string) => codes.filter((code) => code.state === state).length;
  const source = (kind: string) => codes.filter((code) => code.source === kind).length;
  return {
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

/** The draft's message when some pictures gave no code (which and where are in `pictures`). */
export function picturesNote(outcomes: readonly PictureOutcome[]): Message | null {
  const without = outcomes.filter((outcome) => outcome.state !== 'code');
  if (without.length === 0) return null;
  const detail = countPictures(without, [
    ['not_a_code', 'a barcode of something else', 'barcodes of something else'],
    ['no_barcode', 'no barcode', 'no barcode'],
    ['unreadable', 'could not be read', 'could not be read'],
  ]);
  // `detail` (English) is for the English text; other languages say the count alone.
  if (outcomes.length === 1) return say('codes.import.pictureNote', { detail });
  return say('codes.import.picturesNote', { count: without.length, total: outcomes.length, detail });
}

/** VALIDATION `no_codes`: nothing in the cells, and what the pictures were, if any. */
function noCodes(fileName: string, outcomes: readonly PictureOutcome[]): ApiError {
  if (outcomes.length === 0) {
    return new ApiError('VALIDATION', say('codes.import.noCodes', { fileName }), { reason: 'no_codes' });
  }
  const detail = countPictures(outcomes, [
    ['no_barcode', 'not a barcode', 'not barcodes'],
    ['not_a_code', 'a barcode of something else', 'barcodes of something else'],
    ['unreadable', 'could not be read', 'could not be read'],
  ]);
  return new ApiError('VALIDATION', say('codes.import.noCodesInPictures', { fileName, count: outcomes.length, detail }), {
    reason: 'no_codes',
  });
}
