import fs from 'node:fs';
import path from 'node:path';

/**
 * FieldKey's data folder holds the key cache, the portal token and the sandbox's unredeemed codes:
 * on POSIX only its owner may read it. Folders are 0700, files 0600. Windows keeps its ACLs (the
 * user's profile folder is already private), so all of this is a no-op there.
 */
const POSIX = process.platform !== 'win32';
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes every file and folder this process creates from now on private (umask 077): SQLite's
 * -wal/-shm, backups, settings, logs. Hosts call it before they write anything; the core's process
 * writes nothing meant for other users (exports go to the user through the renderer).
 */
export function createFilesPrivately(): void {
  if (POSIX) process.umask(0o077);
}

/** Creates `dir` (and missing parents) and makes `dir` itself 0700, tightening a looser existing mode. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) tighten(dir, PRIVATE_DIR_MODE);
}

/**
 * Tightens what an earlier FieldKey (or a umask of 022) left readable: `dir` and every folder in it
 * to 0700, every file to 0600. Symbolic links are not followed, so nothing outside `dir` changes;
 * a file that vanishes meanwhile (a -wal checkpointed away) is skipped.
 */
export function restrictFileModes(dir: string): void {
  if (!POSIX) return;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    tighten(current, PRIVATE_DIR_MODE);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (err) {
      // Gone meanwhile, or a folder someone else put there that this user may not list.
      if (['ENOENT', 'EACCES', 'EPERM'].includes((err as NodeJS.ErrnoException).code ?? '')) continue;
      throw err;
    }
    for (const entry of entries) {
      const entryPath = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(entryPath);
      else if (entry.isFile()) tighten(entryPath, PRIVATE_FILE_MODE);
    }
  }
}

function tighten(target: string, mode: number): void {
  try {
    const stat = fs.lstatSync(target);
    if (!stat.isSymbolicLink() && (stat.mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOENT: gone meanwhile. EPERM: another user's folder the user chose with --data-dir (a
    // shared one, /tmp): FieldKey still runs there, as before, rather than refuse to start.
    if (code !== 'ENOENT' && code !== 'EPERM') throw err;
  }
}
