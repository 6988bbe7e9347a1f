/**
 * Errors cross every transport as this plain shape: never a stack trace. A VALIDATION error's
 * details name the fields at fault (ValidationDetails), or, for an input refused whole (a file),
 * why (InputRefusalDetails).
 */
import type { Message, MessageCode, MessageParams } from '../messages/catalogue';
import { say } from '../messages/say';

export type ApiErrorShape = (
  | { code: 'VALIDATION'; message: string; details?: ValidationDetails | InputRefusalDetails }
  | { code: Exclude<ApiErrorCode, 'VALIDATION'>; message: string; details?: unknown }
) & {
  /** The message's code and parameters (core/messages), for the renderer to say in the user's language; `message` is its English. */
  messageCode?: MessageCode;
  params?: MessageParams;
};

export type { MessageParams };

/**
 * One field at fault. `field` is the argument's path (`mac`, `form.serial`, `authCodes.2`,
 * `filter.from`); `code` a stable message code (`mac.badCharacter`, `code.tooShort`,
 * `zod.too_small`) a translation is keyed by, with `params` the values it names; `message` the
 * English sentence.
 */
export interface ValidationField {
  field: string;
  code: MessageCode | (string & {});
  message: string;
  params?: MessageParams;
}

/** The details of a VALIDATION error that names fields: built by `validationError` only. */
export interface ValidationDetails {
  fields: ValidationField[];
}

/**
 * The details of a VALIDATION error refusing an input whole, naming no field: why (a file's
 * `reason`), and for a bulk file the rows at fault (`problems`, typed by the bulk contract).
 */
export interface InputRefusalDetails {
  reason?: string;
  problems?: readonly unknown[];
  /** The size or count found, and the limit it broke. */
  found?: number;
  limit?: number;
  fields?: never;
}

/** What `details` may hold for an error of code C (unknown but for VALIDATION; `never` is what `instanceof`-style inference gives). */
type DetailsOf<C extends ApiErrorCode> = [C] extends [never]
  ? unknown
  : C extends 'VALIDATION'
    ? ValidationDetails | InputRefusalDetails
    : unknown;

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

/** A refusal or failure crossing the API. `new ApiError('VALIDATION', …)` takes only the typed VALIDATION details. */
export class ApiError<C extends ApiErrorCode = ApiErrorCode> extends Error {
  readonly code: C;
  readonly details?: DetailsOf<C>;
  /** What to say to a person, in any language (core/messages): set when the message was built with `say`. */
  readonly messageCode?: MessageCode;
  readonly params?: MessageParams;

  /** `message` is a Message from `say(code, params)`: its English becomes the error's message. */
  constructor(code: C, message: string | Message, details?: DetailsOf<C>) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'ApiError';
    this.code = code;
    if (typeof message !== 'string') {
      this.messageCode = message.code;
      if (message.params !== undefined) this.params = message.params;
    }
    if (details !== undefined) this.details = details;
  }

  toShape(): ApiErrorShape {
    const shape: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.messageCode !== undefined) shape.messageCode = this.messageCode;
    if (this.params !== undefined) shape.params = this.params;
    if (this.details !== undefined) shape.details = this.details;
    return shape as ApiErrorShape;
  }

  static fromShape(shape: ApiErrorShape): ApiError {
    const message: string | Message =
      shape.messageCode === undefined
        ? shape.message
        : { code: shape.messageCode, message: shape.message, ...(shape.params === undefined ? {} : { params: shape.params }) };
    return new ApiError<ApiErrorCode>(shape.code, message, shape.details);
  }
}

/**
 * One field at fault, for `validationError`: from its code, sentence and params, or from a
 * parser's refusal (core/domain/refusal.ts), which carries the three.
 */
export function fieldError(field: string, refusal: { code: string; message: string; params?: MessageParams }): ValidationField;
export function fieldError(field: string, code: string, message: string, params?: MessageParams): ValidationField;
export function fieldError(
  field: string,
  codeOrRefusal: string | { code: string; message: string; params?: MessageParams },
  message?: string,
  params?: MessageParams,
): ValidationField {
  const problem = typeof codeOrRefusal === 'string' ? { code: codeOrRefusal, message: message ?? '', params } : codeOrRefusal;
  return problem.params === undefined
    ? { field, code: problem.code, message: problem.message }
    : { field, code: problem.code, message: problem.message, params: problem.params };
}

/** The one way to refuse input field by field: VALIDATION with `details.fields`. */
export function validationError(message: string | Message, fields: readonly ValidationField[]): ApiError<'VALIDATION'> {
  return new ApiError('VALIDATION', message, { fields: [...fields] });
}

/** VALIDATION of `method`'s arguments: `Invalid arguments for <method>: <field>: <sentence>; …` (rpc `error.invalidArguments`). */
export function invalidArgumentsError(method: string, fields: readonly ValidationField[]): ApiError<'VALIDATION'> {
  return validationError(say('error.invalidArguments', { method, fields: describeFields(fields) }), fields);
}

/** VALIDATION for one argument of `method` a parser refused: `Invalid arguments for <method>: <field>: <sentence>`. */
export function invalidArgument(
  method: string,
  field: string,
  refusal: { code: string; message: string; params?: MessageParams },
): ApiError<'VALIDATION'> {
  return invalidArgumentsError(method, [fieldError(field, refusal)]);
}

/** `field: message; …`, the usual tail of a VALIDATION message. */
export function describeFields(fields: readonly ValidationField[]): string {
  return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
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
  return new ApiError('INTERNAL', say('error.unexpectedWithReference', { reference }), { reference }).toShape();
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
  return new ApiError('INTERNAL', say('error.unexpected')).toShape();
}
