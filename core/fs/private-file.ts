import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file only its owner can read (0600), atomically: a crash leaves the old file or the
 * new one, never half of either.
 */
export function writePrivateFileAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      // The mode given to open is masked by umask and ignored for an existing file: set it.
      fs.fchmodSync(fd, 0o600);
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (err) {
    // A full disk or a refused write leaves the old file as it was and no temp file beside it.
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The write's own error is the one to report.
    }
    throw err;
  }
}

/**
 * Reads a JSON object of string values (a secrets file). A missing or damaged file reads as empty:
 * for secrets that only costs a sign-in, which beats refusing to run.
 */
export function readStringRecord(file: string): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
