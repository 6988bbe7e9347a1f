import { z } from 'zod';
import { method } from '../rpc/define';

/**
 * Why an update step failed, as a code the renderer turns into one sentence (the core writes no
 * user-facing text). `httpStatus` is set for `feed-refused`.
 */
export const updateErrorCodes = [
  /** No answer from the feed's address: offline, a wrong host or port, a time-out. */
  'feed-unreachable',
  /** The server answered, but there is no latest.yml at that address (404). */
  'feed-not-found',
  /** The server answered with another HTTP error (403, 500, …). */
  'feed-refused',
  /** latest.yml is there but cannot be read: bad YAML, no version, no files or checksums. */
  'feed-damaged',
  /** The installer could not be downloaded. */
  'download-failed',
  /** The downloaded installer does not match the checksum in latest.yml. */
  'download-damaged',
  /** The downloaded update could not be started. */
  'install-failed',
  /** Anything else; the details are in the log. */
  'unexpected',
] as const;

export type UpdateErrorCode = (typeof updateErrorCodes)[number];

/**
 * Where FieldKey's own updates stand. One schema: it also checks the state that crosses from
 * Electron's main process to the core's utility process.
 */
export const updateStateSchema = z.discriminatedUnion('status', [
  /** This host cannot update itself: the browser host, or an Electron app run from its sources. */
  z.object({ status: z.literal('unavailable'), reason: z.enum(['browser-host', 'not-installed']) }),
  /** No feed address in Settings: no checks are made. */
  z.object({ status: z.literal('not-configured') }),
  /** A feed is set and nothing has been checked yet. */
  z.object({ status: z.literal('idle') }),
  z.object({ status: z.literal('checking') }),
  /** The feed's latest version is the one running (or older). */
  z.object({ status: z.literal('up-to-date'), version: z.string(), checkedAt: z.string() }),
  z.object({ status: z.literal('available'), version: z.string() }),
  z.object({ status: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100) }),
  /** Ready: `updates.restart` installs it. */
  z.object({ status: z.literal('downloaded'), version: z.string() }),
  z.object({
    status: z.literal('error'),
    error: z.enum(updateErrorCodes),
    httpStatus: z.number().int().optional(),
    /** The version being downloaded or installed when it failed. */
    version: z.string().optional(),
  }),
]);

export type UpdateState = z.infer<typeof updateStateSchema>;
export type UpdateStatus = UpdateState['status'];

export const updatesMethods = {
  'updates.state': method<UpdateState>()(z.object({}).strict()),
  /** Asks the feed in Settings for a newer version; the outcome arrives as `updates.changed`. */
  'updates.check': method<UpdateState>()(z.object({}).strict()),
  /** Downloads the version found by the last check; progress arrives as `updates.changed`. */
  'updates.download': method<UpdateState>()(z.object({}).strict()),
  /** Quits FieldKey and installs the downloaded update. */
  'updates.restart': method<UpdateState>()(z.object({}).strict()),
};

export interface UpdatesEvents {
  'updates.changed': UpdateState;
}
