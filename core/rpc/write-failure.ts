/**
 * A write that failed on the computer (a full disk, a folder made read-only, a quota) is the
 * user's to fix, not a FieldKey bug: it answers one typed error with one sentence instead of
 * INTERNAL. The same function serves every write: SQLite, settings, secrets.
 */
import { ApiError, type ApiErrorCode } from './errors';

export type WriteFailureCode = Extract<ApiErrorCode, 'DISK_FULL' | 'DATA_NOT_WRITABLE'>;

export const DISK_FULL_MESSAGE = "The disk holding FieldKey's data is full: free some space and try again.";

/** What the error's code says, or null when it is not a failed write on this computer. */
function classify(code: string): { code: WriteFailureCode; reason: string } | null {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return { code: 'DISK_FULL', reason: 'disk_full' };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'DATA_NOT_WRITABLE', reason: 'permission_denied' };
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return { code: 'DATA_NOT_WRITABLE', reason: 'read_only' };
  // SQLite's I/O errors that only a write raises (a read error is not the disk refusing data).
  if (/^SQLITE_IOERR_(WRITE|FSYNC|DIR_FSYNC|TRUNCATE|DELETE|SHMSIZE|COMMIT_ATOMIC)$/.test(code)) {
    return { code: 'DATA_NOT_WRITABLE', reason: 'io_error' };
  }
  return null;
}

const NOT_WRITABLE_REASONS: Record<string, string> = {
  permission_denied: 'permission denied',
  read_only: 'the file system is read-only',
  io_error: 'the disk failed to write',
};

/**
 * The error as DISK_FULL or DATA_NOT_WRITABLE when it is a failed write, else the error itself.
 * The original stays as `cause` for the log; its text (paths, SQL) never reaches the page.
 */
export function asWriteFailure(err: unknown): unknown {
  if (err instanceof ApiError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const kind = typeof code === 'string' ? classify(code) : null;
  if (!kind) return err;
  const message =
    kind.code === 'DISK_FULL'
      ? DISK_FULL_MESSAGE
      : `FieldKey cannot write to its data folder (${NOT_WRITABLE_REASONS[kind.reason]}): make it writable and try again.`;
  const failure = new ApiError(kind.code, message, { reason: kind.reason });
  Object.defineProperty(failure, 'cause', { value: err, enumerable: false });
  return failure;
}

export function isWriteFailure(err: unknown): err is ApiError & { code: WriteFailureCode } {
  return err instanceof ApiError && (err.code === 'DISK_FULL' || err.code === 'DATA_NOT_WRITABLE');
}
