/** Errors cross every transport as this plain shape: never a stack trace. */
export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

export type ApiErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_METHOD'
  | 'INTERNAL'
  | 'DISCONNECTED'
  | 'TIMEOUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DB_TOO_NEW'
  | 'DB_CORRUPT'
  /** The data folder cannot be created or written (permissions, a read-only or full disk). */
  | 'DATA_DIR_UNUSABLE'
  /** The portal cannot be reached, did not answer in time, is busy or failed. */
  | 'PORTAL_UNREACHABLE'
  /** The address answered, but not as a FieldKey Portal API. */
  | 'NOT_A_PORTAL'
  /** The portal refused the request with its own message. */
  | 'PORTAL_REJECTED'
  /** No OS keychain can protect the portal sign-in (e.g. Linux with only the plain-text backend). */
  | 'SECRETS_UNAVAILABLE'
  /** The user stopped a long job (an export) before it finished. */
  | 'CANCELLED'
  /** A write failed because the disk holding the data folder is full (or over quota): write-failure.ts. */
  | 'DISK_FULL'
  /** A write to the data folder was refused (permissions, a read-only file system, an I/O error): write-failure.ts. */
  | 'DATA_NOT_WRITABLE';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details?: unknown;

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toShape(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromShape(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.details);
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorShape).code === 'string' &&
    typeof (value as ApiErrorShape).message === 'string'
  );
}

/**
 * The answer behind an unexpected failure: a generic message (the error's own text may hold
 * paths or SQL, its stack never leaves the process) with the reference its log entry carries,
 * so a person can quote it.
 */
export function internalErrorShape(reference: string): ApiErrorShape {
  return {
    code: 'INTERNAL',
    message: `An unexpected error occurred in FieldKey. Reference ${reference}; the details are in the log.`,
    details: { reference },
  };
}

/** The reference an INTERNAL answer carries, if any. */
export function errorReference(error: { details?: unknown }): string | null {
  const reference = (error.details as { reference?: unknown } | undefined)?.reference;
  return typeof reference === 'string' ? reference : null;
}

/**
 * Turns anything thrown by a handler into the wire shape. `report` logs an unexpected error and
 * returns the reference it was logged under (ApiServer does this for every handler; an error
 * outside a handler without one gets no reference).
 */
export function toApiErrorShape(err: unknown, report?: (err: unknown) => string): ApiErrorShape {
  if (err instanceof ApiError) return err.toShape();
  if (report) return internalErrorShape(report(err));
  return { code: 'INTERNAL', message: 'An unexpected error occurred in FieldKey. See the log for details.' };
}
