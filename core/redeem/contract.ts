/**
 * Redeeming authorization codes: every redemption goes through the sync engine's durable outbox,
 * so a dropped connection or a crash can neither lose it nor send it twice. Also the preview of
 * codes before redeeming and the export of a redemption's results.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import type { ExportedFile } from '../export/contract';
import type { Message } from '../messages/catalogue';
import { method } from '../rpc/define';
import { MAX_CODES_PER_REDEMPTION } from '../portal-api/schemas';
import type { RedemptionOperation } from '../sync/contract';

export interface RedeemSubmitResult {
  operation: RedemptionOperation;
  /**
   * True when the portal has not answered yet (offline, no session, busy, or the answer was lost
   * in transit): the redemption waits in the outbox and completes by itself; watch `sync.outbox`.
   */
  queued: boolean;
  /** Why it is queued; null when the portal answered. */
  queuedReason: Message | null;
}

/** What FieldKey knows about a code before it is redeemed. */
export type CodePreviewState =
  /** Not an authorization code; `message` says why. */
  | 'invalid'
  /** The portal knows it and it can be redeemed. */
  | 'unredeemed'
  /** Already redeemed (to `mac`, `systemName`, at `redeemedAt`). */
  | 'redeemed'
  /** The portal does not know this code. */
  | 'not_found'
  /** Already waiting in the outbox (or in doubt): it cannot be queued again. */
  | 'queued'
  /** Not in the local cache and the portal could not be asked (offline or signed out). */
  | 'unchecked';

export interface CodePreview {
  /** Canonical when the code parsed; as given otherwise. */
  authCode: string;
  state: CodePreviewState;
  /** Where the answer came from. */
  source: 'cache' | 'outbox' | 'portal' | null;
  sku?: string;
  skuDescription?: string;
  distributor?: string | null;
  /** 12 hex digits, for `redeemed`. */
  mac?: string;
  systemName?: string | null;
  redeemedAt?: string;
  /** For `invalid` (the parser's refusal, `code.*`) and `unchecked` (`redeem.preview.*`): why. */
  message?: Message;
}

const authCodeList = z.array(z.string().max(100)).min(1).max(MAX_CODES_PER_REDEMPTION);

export const redeemMethods = {
  /**
   * Queues one redemption (one MAC, 1–50 codes) in the outbox and sends it at once when it can.
   * Resolves when the portal answered or the first attempt ended. Errors: VALIDATION (the field
   * is `mac` or `authCodes.<index>` with the precise reason; duplicates in the list too),
   * CONFLICT (`details.authCodes`: codes already waiting in the outbox).
   */
  'redeem.submit': method<RedeemSubmitResult>()(
    z
      .object({
        mac: z.string().max(64),
        serial: z.string().trim().max(64).optional(),
        systemName: z.string().trim().max(200).optional(),
        authCodes: authCodeList,
      })
      .strict(),
  ),
  /**
   * What each code is, from the local cache and outbox first, then the portal when it can be
   * reached. Never fails for portal trouble: such codes come back `unchecked`.
   */
  'redeem.preview': method<{ codes: CodePreview[] }>()(z.object({ authCodes: authCodeList }).strict()),
  /**
   * A redemption's results as a file: `xlsx` (Authorization, Feature Key, SKU Description, MAC,
   * Redeemed; header styled and frozen; dates as dates; codes and keys as text) or `txt`.
   * Errors: NOT_FOUND, CONFLICT (the portal has not answered it yet).
   */
  'redeem.export': method<ExportedFile>()(z.object({ operationId: z.number().int().positive(), format: z.enum(['xlsx', 'txt']) }).strict()),
};
