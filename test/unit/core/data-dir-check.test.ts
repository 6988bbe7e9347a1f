import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../core/rpc/errors';
import { dataDirProblem, ensureUsableDataDir } from '../../../core/host/data-dir-check';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-data-dir-'));
const isRoot = process.getuid?.() === 0;

describe('dataDirProblem: an error code as one sentence saying what is wrong and what to do', () => {
  it.each([
    ['EACCES', 'permission denied', 'Make it writable'],
    ['EPERM', 'permission denied', 'Make it writable'],
    ['EROFS', 'the file system is read-only', 'Make it writable'],
    ['SQLITE_READONLY', 'read-only', 'Make it writable'],
    ['SQLITE_READONLY_DIRECTORY', 'read-only', 'Make it writable'],
    ['ENOTDIR', 'part of that path is a file, not a folder', 'Make it writable'],
    ['EEXIST', 'part of that path is a file, not a folder', 'Make it writable'],
    ['ENOSPC', 'the disk is full', 'Free some space'],
    ['SQLITE_FULL', 'the disk is full', 'Free some space'],
    ['SQLITE_CANTOPEN', 'cannot be created there', 'Make it writable'],
  ])('%s → "(%s)" and "%s"', (code, reason, advice) => {
    const message = dataDirProblem('/srv/fieldkey', code)!;
    expect(message).toMatch(/^FieldKey cannot write to its data folder \/srv\/fieldkey \(/);
    expect(message).toContain(`${reason}`);
    expect(message).toContain(advice);
    expect(message).toContain('--data-dir DIR');
  });

  it.each(['SQLITE_CORRUPT', 'EADDRINUSE', 'ERR_DLOPEN_FAILED', ''])('%s is not about the folder → null', (code) => {
    expect(dataDirProblem('/srv/fieldkey', code)).toBeNull();
  });
});

describe('ensureUsableDataDir', () => {
  it('creates a missing folder and leaves nothing in it', () => {
    const dir = path.join(tempDir(), 'a', 'b');
    ensureUsableDataDir(dir);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a folder under a regular file with DATA_DIR_UNUSABLE (works as root too)', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    for (const dir of [file, path.join(file, 'FieldKey')]) {
      const err = (() => {
        try {
          ensureUsableDataDir(dir);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('DATA_DIR_UNUSABLE');
      expect((err as ApiError).message).toBe(
        `FieldKey cannot write to its data folder ${dir} (part of that path is a file, not a folder). Make it writable, or start FieldKey with --data-dir DIR (or FIELDKEY_DATA_DIR) to use another folder.`,
      );
    }
  });

  it.skipIf(isRoot)('refuses a read-only folder with "permission denied" (not as root, who may write anyway)', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o555);
    try {
      expect(() => ensureUsableDataDir(dir)).toThrow(/permission denied/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});
