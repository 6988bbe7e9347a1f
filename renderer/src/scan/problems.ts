/**
 * What can go wrong reading barcodes, as data: the decoder worker and the pictures reader throw
 * a DecoderError or a PictureError naming the problem and its parameters; the component showing
 * it says it in the user's language (sayScanError). The Error's `message` is the English, for logs.
 */
import type { TFunction } from 'i18next';
import { englishT } from '../i18n/english';

export type DecoderProblem =
  /** The worker failed to start or crashed, with the browser's reason when it gave one. */
  | { kind: 'stopped'; reason: string | null }
  /** A reply from the worker could not be read. */
  | { kind: 'messageLost' }
  /** close() was called. */
  | { kind: 'closed' }
  /** The worker could not decode a frame: its own reason. */
  | { kind: 'failed'; reason: string };

/** `name`: the file's name, null for a pasted image (it has none). */
export type PictureProblem =
  | { kind: 'notAPicture'; name: string | null; type: string }
  | { kind: 'empty'; name: string | null }
  | { kind: 'damaged'; name: string | null }
  | { kind: 'noPixels'; name: string | null }
  | { kind: 'unreadable'; name: string | null; cause: unknown };

export class DecoderError extends Error {
  constructor(readonly problem: DecoderProblem) {
    super(sayDecoderProblem(englishT(), problem));
    this.name = 'DecoderError';
  }
}

export class PictureError extends Error {
  constructor(readonly problem: PictureProblem) {
    super(sayPictureProblem(englishT(), problem));
    this.name = 'PictureError';
  }
}

export function sayDecoderProblem(t: TFunction, problem: DecoderProblem): string {
  switch (problem.kind) {
    case 'stopped':
      return problem.reason ? t('scan.decoder.stopped', { reason: problem.reason }) : t('scan.decoder.crashed');
    case 'messageLost':
      return t('scan.decoder.messageLost');
    case 'closed':
      return t('scan.decoder.closed');
    case 'failed':
      return t('scan.decoder.failed', { reason: problem.reason });
  }
}

export function sayPictureProblem(t: TFunction, problem: PictureProblem): string {
  const { name } = problem;
  switch (problem.kind) {
    case 'notAPicture':
      return name
        ? t('scan.picture.notAPictureNamed', { name, type: problem.type })
        : t('scan.picture.notAPicture', { type: problem.type });
    case 'empty':
      return name ? t('scan.picture.emptyNamed', { name }) : t('scan.picture.empty');
    case 'damaged':
      return name ? t('scan.picture.damagedNamed', { name }) : t('scan.picture.damaged');
    case 'noPixels':
      return name ? t('scan.picture.noPixelsNamed', { name }) : t('scan.picture.noPixels');
    case 'unreadable': {
      const reason = sayScanError(t, problem.cause);
      return name ? t('scan.picture.unreadableNamed', { name, reason }) : t('scan.picture.unreadable', { reason });
    }
  }
}

/**
 * Any error met while scanning, in the language of `t`: the decoder's and the pictures reader's
 * problems translated; another Error (a browser API's) as it says itself.
 */
export function sayScanError(t: TFunction, error: unknown): string {
  if (error instanceof DecoderError) return sayDecoderProblem(t, error.problem);
  if (error instanceof PictureError) return sayPictureProblem(t, error.problem);
  return error instanceof Error ? error.message : String(error);
}
