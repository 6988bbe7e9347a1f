/**
 * Portal API v1: the one set of schemas the app's portal client (core/sync) and the sandbox
 * portal (portal-sandbox/) both use. docs/portal-api.openapi.json is generated from it
 * (core/portal-api/openapi.ts). Auth codes travel in their canonical dashed form
 * (43XC98-68WTGB-CWMH53-YS4RA9), MACs as 12 upper-case hex digits (000ADD023F8F), times as
 * ISO 8601 UTC.
 */
import { z } from 'zod';
import { parseMac } from '../domain/mac';
import { SERVER_MODELS, SERVER_STATUSES } from '../domain/servers';

export const API_PREFIX = '/api/v1';

/** A MAC in any accepted format, normalised to 12 hex digits; the message says what is wrong. */
export const macInput = z.string().transform((value, ctx) => {
  const parsed = parseMac(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.mac;
});

export const compactMac = z.string().regex(/^[0-9A-F]{12}$/, 'a MAC as 12 upper-case hex digits');
export const authCode = z.string().regex(/^[A-Z0-9]{6}(-[A-Z0-9]{6}){3}$/, 'an authorization code as XXXXXX-XXXXXX-XXXXXX-XXXXXX');
export const isoTime = z.iso.datetime({ offset: true });

/** Every error body: `{ "error": { "code", "message" } }`. */
export const errorBody = z.object({
  error: z.object({
    code: z.enum([
      'bad_request',
      'invalid_mac',
      'unauthorized',
      'wrong_password',
      'password_rules',
      'not_found',
      'conflict',
      'in_progress',
      'idempotency_mismatch',
      'cursor_expired',
      'too_large',
      'rate_limited',
      'unavailable',
      'internal',
      // v1.2, servers:
      /** No server with this serial number exists (Add / Register Server). */
      'unknown_serial',
      /** Register on a model that is only saved (6x, 6x12, 24x, 48x). */
      'not_registrable',
      /** Register with fields missing; the message names them. */
      'incomplete_registration',
      /** A Site/Server ID the partner does not have. */
      'unknown_site',
      /** Add of a serial or MAC already on the partner's dashboard. */
      'duplicate_server',
      /** A change that would move a server's status backwards (outside an RMA), or a second open RMA. */
      'invalid_state',
    ]),
    message: z.string(),
  }),
});
export type PortalErrorBody = z.infer<typeof errorBody>;
export type PortalErrorCode = PortalErrorBody['error']['code'];

// --- Session -------------------------------------------------------------------------------

export const sessionRequest = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict();
export const partner = z.object({ id: z.string(), name: z.string(), username: z.string() });
export const sessionResponse = z.object({ token: z.string(), expiresAt: isoTime, partner });
export type SessionResponse = z.infer<typeof sessionResponse>;

export const passwordChangeRequest = z.object({ current: z.string().min(1).max(200), next: z.string().max(200) }).strict();

/** The portal's password rules, checked by the sandbox and shown by the app before sending. */
export function passwordProblems(next: string, username: string): string[] {
  const problems: string[] = [];
  if (next.length < 10) problems.push('at least 10 characters');
  if (!/[A-Za-z]/.test(next) || !/[0-9]/.test(next)) problems.push('both letters and digits');
  if (username && next.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the user name');
  return problems;
}

// --- Catalogue entities, as carried by the change feed ----------------------------------------

export const sku = z.object({ sku: z.string().min(1), description: z.string() });
export const system = z.object({
  mac: compactMac,
  serial: z.string().nullable(),
  name: z.string().nullable(),
  customer: z.string().nullable(),
});
export const featureKey = z.object({
  authCode,
  featureKey: z.string().regex(/^[A-Za-z0-9$&]{4}(-[A-Za-z0-9$&]{4}){5}$/),
  sku: z.string(),
  skuDescription: z.string(),
  distributor: z.string().nullable(),
  mac: compactMac,
  redeemedAt: isoTime,
});
export type PortalSku = z.infer<typeof sku>;
export type PortalSystem = z.infer<typeof system>;
export type PortalFeatureKey = z.infer<typeof featureKey>;

/** One entry of the change feed: an entity kind, its id, and its new state (null when deleted). */
function changeOf<Entity extends string, Data extends z.ZodType>(entity: Entity, data: Data) {
  return z.object({
    seq: z.number().int().positive(),
    entity: z.literal(entity),
    id: z.string(),
    op: z.enum(['upsert', 'delete']),
    data: data.nullable(),
  });
}

// --- Servers (v1.2): the Server Management Dashboard ----------------------------------------

export const serverModel = z.enum(SERVER_MODELS);
export const serverStatus = z.enum(SERVER_STATUSES);
const registrationText = z.string().trim().max(200).nullable();
/** What a registration holds; any field may be null while the server is only saved. */
export const serverRegistration = z.object({
  systemName: registrationText,
  company: registrationText,
  street: registrationText,
  city: registrationText,
  region: registrationText,
  postalCode: registrationText,
  country: registrationText,
  contactName: registrationText,
  contactPhone: registrationText,
  contactEmail: registrationText,
});
export type PortalServerRegistration = z.infer<typeof serverRegistration>;

/** An RMA (return of a faulty server): requested by the partner, completed by the portal. */
export const serverRma = z.object({
  reason: z.string(),
  replacementMac: compactMac,
  state: z.enum(['requested', 'completed']),
  requestedAt: isoTime,
  completedAt: isoTime.nullable(),
});

/** A server on the partner's dashboard, keyed by MAC (change-feed entity `server`, id = MAC). */
export const server = z.object({
  mac: compactMac,
  serial: z.string(),
  model: serverModel,
  /** Numeric string (`10020`); null until the portal has given one. Several servers may share a site. */
  siteId: z.string().nullable(),
  status: serverStatus,
  hidden: z.boolean(),
  addedAt: isoTime,
  updatedAt: isoTime,
  registration: serverRegistration,
  rma: serverRma.nullable(),
});
export type PortalServer = z.infer<typeof server>;

export const SERVER_HISTORY_ACTIONS = [
  'saved',
  'registered',
  'modified',
  'activated',
  'hidden',
  'unhidden',
  'rma_requested',
  'rma_completed',
] as const;
/** One record of a server's history, with the registration as it stood (entity `serverHistory`, id = `id`). */
export const serverHistoryEntry = z.object({
  id: z.string(),
  mac: compactMac,
  siteId: z.string().nullable(),
  at: isoTime,
  action: z.enum(SERVER_HISTORY_ACTIONS),
  status: serverStatus,
  model: serverModel,
  registration: serverRegistration,
  /** E.g. the RMA's reason and replacement MAC. */
  note: z.string().nullable(),
});
export type PortalServerHistoryEntry = z.infer<typeof serverHistoryEntry>;

export const change = z.discriminatedUnion('entity', [
  changeOf('sku', sku),
  changeOf('system', system),
  changeOf('featureKey', featureKey),
  changeOf('server', server),
  changeOf('serverHistory', serverHistoryEntry),
]);
export type PortalChange = z.infer<typeof change>;

export const changesQuery = z.object({
  /** The last `seq` the client applied; absent or 0 = from the beginning. Never a time. */
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export const changesResponse = z.object({
  changes: z.array(change),
  nextCursor: z.number().int().min(0),
  hasMore: z.boolean(),
  /**
   * The newest seq in the portal's change log when the page was read (v1.1, optional): with the
   * starting cursor it tells how far through the feed a sync is, so a first sync shows a real bar.
   */
  latestSeq: z.number().int().min(0).optional(),
});
export type ChangesResponse = z.infer<typeof changesResponse>;

// --- Redemptions -----------------------------------------------------------------------------

export const MAX_CODES_PER_REDEMPTION = 50;

/**
 * Codes are taken as typed (any case, dashes or not): each is judged on its own and a malformed
 * one comes back `invalid` with a message, while the others are redeemed.
 */
export const redemptionRequest = z
  .object({
    mac: z.string().max(64),
    serial: z.string().trim().max(64).optional(),
    systemName: z.string().trim().max(200).optional(),
    authCodes: z.array(z.string().max(100)).min(1).max(MAX_CODES_PER_REDEMPTION),
  })
  .strict();
export type RedemptionRequest = z.infer<typeof redemptionRequest>;

export const redemptionStatus = z.enum(['redeemed', 'already_redeemed', 'not_found', 'invalid']);
export const redemptionResult = z.object({
  /** Canonical when the code parsed; as sent when it did not. */
  authCode: z.string(),
  status: redemptionStatus,
  featureKey: z.string().optional(),
  sku: z.string().optional(),
  skuDescription: z.string().optional(),
  distributor: z.string().nullable().optional(),
  mac: compactMac.optional(),
  redeemedAt: isoTime.optional(),
  message: z.string().optional(),
});
export const redemptionResponse = z.object({ results: z.array(redemptionResult) });
export type RedemptionResult = z.infer<typeof redemptionResult>;
export type RedemptionResponse = z.infer<typeof redemptionResponse>;

export const authCodeLookupResponse = z.object({
  code: authCode,
  status: z.enum(['unredeemed', 'redeemed']),
  sku: z.string(),
  skuDescription: z.string(),
  distributor: z.string().nullable(),
  mac: compactMac.optional(),
  redeemedAt: isoTime.optional(),
});
export type AuthCodeLookup = z.infer<typeof authCodeLookupResponse>;

// --- Systems ---------------------------------------------------------------------------------

/**
 * Add a system, or rename it. `systemName` is optional (v1, additive): without it a new system is
 * added without a name and a known one keeps its name (a missing name never renames).
 */
export const systemUpsertRequest = z.object({ mac: z.string().max(64), systemName: z.string().trim().min(1).max(200).optional() }).strict();
export type SystemUpsertRequest = z.infer<typeof systemUpsertRequest>;
export const systemUpsertResponse = z.object({ system, created: z.boolean() });
export type SystemUpsertResponse = z.infer<typeof systemUpsertResponse>;
export const systemKeysResponse = z.object({ system, keys: z.array(featureKey) });

// --- Servers (v1.2) ----------------------------------------------------------------------------

/** What the serial number says (Add / Register Server fills model and MAC from it). 404 `unknown_serial`. */
export const serialLookupResponse = z.object({
  serial: z.string(),
  model: serverModel,
  mac: compactMac,
  /** The server already on the partner's dashboard under this serial, if any. */
  onDashboard: z.boolean(),
});
export type SerialLookup = z.infer<typeof serialLookupResponse>;

/**
 * Save or register a server. `POST /servers` adds one (409 `duplicate_server` when its serial or
 * MAC is already on the dashboard); `PUT /servers/{mac}` modifies or completes one (404). With
 * `action: "register"` the model must be a Connect (422 `not_registrable`) and the registration
 * complete (422 `incomplete_registration`). `siteId` null asks the portal for a new site; a given
 * one must exist (422 `unknown_site`). The serial must be one the portal knows (422
 * `unknown_serial`) and match the MAC and model it knows for it.
 */
export const serverWriteRequest = z
  .object({
    serial: z.string().trim().max(64),
    mac: z.string().max(64),
    model: serverModel,
    siteId: z.string().trim().max(20).nullable(),
    registration: serverRegistration,
    action: z.enum(['save', 'register']),
  })
  .strict();
export type ServerWriteRequest = z.infer<typeof serverWriteRequest>;
export const serverWriteResponse = z.object({ server, created: z.boolean() });
export type ServerWriteResponse = z.infer<typeof serverWriteResponse>;

/** `POST /servers/{mac}/visibility`: hide or show a server on the dashboard. */
export const serverVisibilityRequest = z.object({ hidden: z.boolean() }).strict();
/** `POST /servers/{mac}/rma`: start an RMA (409 `invalid_state` when one is already open). */
export const serverRmaRequest = z.object({ reason: z.string().trim().min(1).max(500), replacementMac: z.string().max(64) }).strict();
export type ServerRmaRequest = z.infer<typeof serverRmaRequest>;
/** The answer to visibility and RMA writes: the server as it now stands. */
export const serverResponse = z.object({ server });
export type ServerResponse = z.infer<typeof serverResponse>;

/** Idempotency-Key header: 8–200 visible ASCII characters (the app sends UUIDs). */
export const idempotencyKey = z.string().regex(/^[\x21-\x7e]{8,200}$/);

export const MAX_REQUEST_BODY_BYTES = 256 * 1024;

// --- Batch look-up of authorization codes (v1.3) ------------------------------------------------

export const MAX_CODES_PER_LOOKUP = 500;

/**
 * `POST /auth-codes/lookup`: what the portal knows of up to 500 codes at once (a distributor's
 * spreadsheet checked before anything is redeemed). Codes are taken as typed, like redemptions:
 * each is judged on its own and a malformed one comes back `invalid` with a message. A read: no
 * Idempotency-Key. More than 500 codes is refused whole with `413 too_large`.
 */
export const authCodeBatchLookupRequest = z.object({ codes: z.array(z.string().max(100)).min(1).max(MAX_CODES_PER_LOOKUP) }).strict();
export type AuthCodeBatchLookupRequest = z.infer<typeof authCodeBatchLookupRequest>;

export const authCodeBatchStatus = z.enum(['unredeemed', 'redeemed', 'not_found', 'invalid']);
export const authCodeBatchResult = z.object({
  /** Canonical when the code parsed; as sent when it did not. */
  code: z.string(),
  status: authCodeBatchStatus,
  /** For `unredeemed` and `redeemed`. */
  sku: z.string().optional(),
  skuDescription: z.string().optional(),
  distributor: z.string().nullable().optional(),
  /** For `redeemed`: where and when the code went (by any partner). */
  mac: compactMac.optional(),
  redeemedAt: isoTime.optional(),
  /** For `not_found` and `invalid`: what is wrong, for the user. */
  message: z.string().optional(),
});
/** One result per code sent, in request order (a code sent twice gets two results). */
export const authCodeBatchLookupResponse = z.object({ results: z.array(authCodeBatchResult) });
export type AuthCodeBatchResult = z.infer<typeof authCodeBatchResult>;
export type AuthCodeBatchLookupResponse = z.infer<typeof authCodeBatchLookupResponse>;
