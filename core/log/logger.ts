/**
 * FieldKey's one logger: JSON lines (pino) into `<data folder>/logs/<process>.log`, rotated by
 * size, every string scrubbed of secrets on the way. A call takes an event name and flat
 * primitive fields only, so a request's arguments or a settings object cannot be logged
 * wholesale by accident; an error goes in as its own argument and keeps name, message, stack
 * and code (all scrubbed).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { isSecretKey, KnownSecrets, REDACTED, scrubText } from './redact';
import { RotatingFile } from './rotating-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFieldValue = string | number | boolean | null | undefined;
/** Flat on purpose: no objects, no arrays. */
export type LogFields = Readonly<Record<string, LogFieldValue>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields, err?: unknown): void;
  error(event: string, fields?: LogFields, err?: unknown): void;
  /** A logger whose lines all carry `component`. */
  child(component: string): Logger;
  /** A value this process knows is secret (an access token): blanked wherever it appears. */
  addSecret(value: string | null | undefined): void;
  /** The values given to addSecret, for other writers of files (diagnostics) to blank too. */
  readonly secrets: KnownSecrets;
  /** Writes what is buffered and closes the file. */
  close(): void;
}

export const LOGS_FOLDER_NAME = 'logs';
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 4;

/** Where every FieldKey process writes its log: the menu's "Open logs folder" opens this. */
export function logsDir(dataDir: string): string {
  return path.join(dataDir, LOGS_FOLDER_NAME);
}

/** The live log files and their rotated predecessors in a logs folder, oldest last. */
export function listLogFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /\.log$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Unambiguous to read aloud or type: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
const REFERENCE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';

/** A short reference a person can quote ("Reference F3K9Q") that finds the log entry. */
export function newErrorReference(randomBytes: (n: number) => Uint8Array = crypto.randomBytes): string {
  return [...randomBytes(5)].map((byte) => REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]).join('');
}

export interface SerialisedError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
}

function serialiseError(err: unknown, known: KnownSecrets): SerialisedError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return {
      type: err.name,
      message: scrubText(err.message, known),
      ...(err.stack ? { stack: scrubText(err.stack, known) } : {}),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { type: typeof err, message: scrubText(String(err).slice(0, 2000), known) };
}

function cleanFields(fields: LogFields | undefined, known: KnownSecrets): Record<string, LogFieldValue> {
  const out: Record<string, LogFieldValue> = {};
  if (!fields) return out;
  for (const [key, value] of Object.entries(fields)) {
    if (isSecretKey(key)) out[key] = REDACTED;
    else if (typeof value === 'string') out[key] = scrubText(value.length > 8000 ? `${value.slice(0, 8000)}…` : value, known);
    else if (value === null || value === undefined || typeof value !== 'object') out[key] = value;
  }
  return out;
}

export interface LoggerOptions {
  /** Where lines go: a RotatingFile, or any `{ write(line) }` (stderr, a test's array). */
  destination: { write(line: string): void; close?(): void };
  /** Which process wrote the line: `fieldkey`, `core`, `main`. */
  process: string;
  level?: LogLevel;
}

export function createLogger(options: LoggerOptions): Logger {
  const known = new KnownSecrets();
  const base = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, process: options.process },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'event',
      formatters: { level: (label) => ({ level: label }) },
      // `err` arrives already serialised and scrubbed (serialiseError); pino's own would re-read it.
      serializers: { err: (err: unknown) => err },
      // Last line of defence should a future call pass an object after all.
      redact: { paths: ['password', 'token', 'secret', 'authorization', 'args', 'headers', 'base64'], censor: REDACTED },
    },
    options.destination,
  );
  const wrap = (target: pino.Logger): Logger => {
    const write = (level: LogLevel, event: string, fields?: LogFields, err?: unknown) => {
      const line: Record<string, unknown> = cleanFields(fields, known);
      if (err !== undefined) line.err = serialiseError(err, known);
      target[level](line, scrubText(event, known));
    };
    return {
      debug: (event, fields) => write('debug', event, fields),
      info: (event, fields) => write('info', event, fields),
      warn: (event, fields, err) => write('warn', event, fields, err),
      error: (event, fields, err) => write('error', event, fields, err),
      child: (component) => wrap(target.child({ component })),
      addSecret: (value) => known.add(value),
      secrets: known,
      close: () => {
        target.flush();
        options.destination.close?.();
      },
    };
  };
  return wrap(base);
}

/** The process's log file under `<data folder>/logs/`, rotated at 5 MB with four older files kept. */
export function createFileLogger(options: {
  dataDir: string;
  process: string;
  level?: LogLevel;
  maxBytes?: number;
  keep?: number;
}): Logger {
  const destination = new RotatingFile({
    file: path.join(logsDir(options.dataDir), `${options.process}.log`),
    maxBytes: options.maxBytes ?? LOG_MAX_BYTES,
    keep: options.keep ?? LOG_FILES_KEPT,
  });
  return createLogger({ destination, process: options.process, level: options.level });
}

/** For tests and tools that want no log at all. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  addSecret: () => undefined,
  secrets: new KnownSecrets(),
  close: () => undefined,
};

/** The most recent error-level entries across a logs folder (for diagnostics), newest last. */
export function lastErrorEntries(dir: string, limit: number): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const file of listLogFiles(dir)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.includes('"level":"error"')) continue;
      try {
        entries.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // A line cut short by a crash.
      }
    }
  }
  entries.sort((a, b) => String(a.time).localeCompare(String(b.time)));
  return entries.slice(-limit);
}
