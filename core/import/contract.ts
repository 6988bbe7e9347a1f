/**
 * What every file import shares: an optional `importId` a caller passes to follow its progress
 * (event `imports.progress`) and to cancel it (`imports.cancel`: the file worker is ended and
 * nothing is written). Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import { method } from '../rpc/define';

/** The optional argument of keys.import, codes.previewImport, bulk.createFromFile and bulk.replaceFile. */
export const importId = z.string().min(8).max(100);

/** Event `imports.progress`: `reading` the file (its pictures `done` of `total`), `saving`, then `done` (also after a failure). */
export interface ImportProgress {
  importId: string;
  fileName: string;
  phase: 'reading' | 'pictures' | 'saving' | 'done';
  /** Rows or pictures read so far, of `total` (0 of 0 when not known). */
  done: number;
  total: number;
}

export const importsMethods = {
  /** Ends a running import by its id: `cancelled` false when none runs (finished, or never started). It then fails with CANCELLED. */
  'imports.cancel': method<{ cancelled: boolean }>()(z.object({ importId }).strict()),
};

export interface ImportsEvents {
  'imports.progress': ImportProgress;
}
