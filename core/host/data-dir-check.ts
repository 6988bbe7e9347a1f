import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../rpc/errors';
import { ensurePrivateDir } from '../fs/private-modes';

const ADVICE = 'Make it writable, or start FieldKey with --data-dir DIR (or FIELDKEY_DATA_DIR) to use another folder.';

/** What an error code says about the data folder, in the words of the message; null when it says nothing about it. */
const REASONS: Array<[test: (code: string) => boolean, reason: string, advice?: string]> = [
  [(code) => code === 'EACCES' || code === 'EPERM', 'permission denied'],
  [(code) => code === 'EROFS', 'the file system is read-only'],
  [(code) => code.startsWith('SQLITE_READONLY'), 'the folder or its database is read-only'],
  [(code) => code === 'ENOTDIR' || code === 'EEXIST', 'part of that path is a file, not a folder'],
  [
    (code) => code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT',
    'the disk is full',
    'Free some space, or start FieldKey with --data-dir DIR (or FIELDKEY_DATA_DIR) to use another folder.',
  ],
  [(code) => code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT', 'its database cannot be created there'],
];

/** The one sentence that says what is wrong with the data folder and what to do, for an error code; null when the code is not about the folder. */
export function dataDirProblem(dataDir: string, code: string): string | null {
  const match = REASONS.find(([test]) => test(code));
  if (!match) return null;
  const [, reason, advice = ADVICE] = match;
  return `FieldKey cannot write to its data folder ${dataDir} (${reason}). ${advice}`;
}

/** The error as DATA_DIR_UNUSABLE when it is about the data folder; otherwise the error itself. */
export function asDataDirError(dataDir: string, err: unknown): unknown {
  if (err instanceof ApiError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const message = typeof code === 'string' ? dataDirProblem(dataDir, code) : null;
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
