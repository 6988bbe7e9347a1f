import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../rpc/errors';
import { ensurePrivateDir } from '../fs/private-modes';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';

/** What an error code says about the data folder (host `dataDir.unusable.<reason>`); none when it says nothing about it. */
const REASONS: Array<[test: (code: string) => boolean, reason: UnusableReason]> = [
  [(code) => code === 'EACCES' || code === 'EPERM', 'permissionDenied'],
  [(code) => code === 'EROFS', 'readOnlyFileSystem'],
  [(code) => code.startsWith('SQLITE_READONLY'), 'readOnlyDatabase'],
  [(code) => code === 'ENOTDIR' || code === 'EEXIST', 'notAFolder'],
  [(code) => code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT', 'diskFull'],
  [(code) => code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT', 'cannotCreate'],
];

type UnusableReason = 'permissionDenied' | 'readOnlyFileSystem' | 'readOnlyDatabase' | 'notAFolder' | 'diskFull' | 'cannotCreate';

/** What is wrong with the data folder and what to do, for an error code, as a message; null when the code is not about the folder. */
export function dataDirMessage(dataDir: string, code: string): Message | null {
  const match = REASONS.find(([test]) => test(code));
  return match ? say(`dataDir.unusable.${match[1]}`, { dataDir }) : null;
}

/** The one sentence (English) that says what is wrong with the data folder and what to do; null when the code is not about the folder. */
export function dataDirProblem(dataDir: string, code: string): string | null {
  return dataDirMessage(dataDir, code)?.message ?? null;
}

/** The error as DATA_DIR_UNUSABLE when it is about the data folder; otherwise the error itself. */
export function asDataDirError(dataDir: string, err: unknown): unknown {
  if (err instanceof ApiError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const message = typeof code === 'string' ? dataDirMessage(dataDir, code) : null;
  return message ? new ApiError('DATA_DIR_UNUSABLE', message, { dataDir, code }) : err;
}

/**
 * Makes sure the data folder exists (creating it 0700, or tightening it to 0700, on POSIX) and
 * takes a file, before anything is written there. Writing a file is the only test that also holds
 * for root, ACLs and read-only mounts.
 */
export function ensureUsableDataDir(dataDir: string): void {
  const probe = path.join(dataDir, `.fieldkey-write-test-${process.pid}`);
  try {
    ensurePrivateDir(dataDir);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (err) {
    throw asDataDirError(dataDir, err);
  }
}
