/**
 * A write that failed on the computer (a full disk, a folder made read-only, a quota) is the
 * user's to fix, not a FieldKey bug: it answers one typed error with one sentence instead of
 * INTERNAL. The same function serves every write: SQLite, settings, secrets.
 */
import { ApiError, type ApiErrorCode } from './errors';
import { say } from '../messages/say';

type NotWritableReason = 'permission_denied' | 'read_only' | 'io_error';

export type WriteFailureCode = Extract<ApiErrorCode, 'DISK_FULL' | 'DATA_NOT_WRITABLE'>;

export const DISK_FULL_MESSAGE = say('error.diskFull').message;

/** What the error's code says, or null when it is not a failed write on this computer. */
function classify(code: string): { code: WriteFailureCode; reason: 'disk_full' | NotWritableReason } | null {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return { code: 'DISK_FULL', reason: 'disk_full' };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'DATA_NOT_WRITABLE', reason: 'permission_denied' };
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return { code: 'DATA_NOT_WRITABLE', reason: 'read_only' };
  // SQLite's I/O errors that only a write raises (a read error is not the disk refusing data).
  if (/^SQLITE_IOERR_(WRITE|FSYNC|DIR_FSYNC|TRUNCATE|DELETE|SHMSIZE|COMMIT_ATOMIC)$/.test(code)) {
    return { code: 'DATA_NOT_WRITABLE', reason: 'io_error' };
  }
  return null;
}

/**
 * The error as DISK_FULL or DATA_NOT_WRITABLE when it is a failed write, else the error itself.
 * The original stays as `cause` for the log; its text (paths, SQL) never reaches the page.
 */
export function asWriteFailure(err: unknown): unknown {
  if (err instanceof ApiError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const kind = typeof code === 'string' ? classify(code) : null;
  if (!kind) return err;
  const message = kind.reason === 'disk_full' ? say('error.diskFull') : say(`error.notWritable.${kind.reason}`);
  const failure = new ApiError(kind.code, message, { reason: kind.reason });
  Object.defineProperty(failure, 'cause', { value: err, enumerable: false });
  return failure;
}

export function isWriteFailure(err: unknown): err is ApiError & { code: WriteFailureCode } {
  return err instanceof ApiError && (err.code === 'DISK_FULL' || err.code === 'DATA_NOT_WRITABLE');
}
