import type { HandlersOf } from '../rpc/define';
import type { redeemMethods, CodePreview, RedeemSubmitResult } from './contract';
import { ApiError, fieldError, validationError, describeFields, type ValidationField } from '../rpc/errors';
import type { Db } from '../db/database';
import { parseAuthCode } from '../domain/auth-code';
import { parseMac } from '../domain/mac';
import { exportRedemption } from './redemption-file';
import type { Language } from '../messages/language';
import type { SyncEngine } from '../sync/engine';
import type { OutboxStore } from '../sync/outbox';
import type { PortalClient } from '../portal/client';
import { isPortalError } from '../portal/errors';

type RedeemHandlers = Pick<HandlersOf<typeof redeemMethods>, 'redeem.submit' | 'redeem.preview' | 'redeem.export'>;

export interface RedeemHandlerDeps {
  db: Db;
  outbox: OutboxStore;
  sync: SyncEngine;
  now: () => Date;
  portalUrl: () => string | null;
  client: (portalUrl: string) => PortalClient;
  hasToken: (portalUrl: string) => Promise<boolean>;
  /** The language of exported files (the user's choice; default English). */
  language?: () => Language;
}

/** Portal look-ups made at once by a preview. */
const PREVIEW_CONCURRENCY = 4;

export function createRedeemHandlers(deps: RedeemHandlerDeps): RedeemHandlers {
  const cachedKey = deps.db.prepare<
    [string],
    {
      feature_key: string;
      sku: string;
      description: string | null;
      distributor: string | null;
      mac: string;
      name: string | null;
      redeemed_at: string;
    }
  >(
    `SELECT k.feature_key, k.sku, s.description, k.distributor, k.mac, y.name, k.redeemed_at
       FROM feature_keys k LEFT JOIN skus s ON s.sku = k.sku LEFT JOIN systems y ON y.mac = k.mac
      WHERE k.auth_code = ?`,
  );

  const systemName = prepareSystemName(deps.db);

  return {
    'redeem.submit': async ({ mac, serial, systemName, authCodes }) => {
      const request = validateRedemption(mac, authCodes);
      const portalUrl = deps.portalUrl();
      if (!portalUrl) {
        throw validationError('No portal is configured: enter the portal address in Settings and sign in.', [
          fieldError('portalUrl', 'portalUrl.missing', 'no portal is configured'),
        ]);
      }
      const queuedOperation = deps.outbox.enqueueRedemption({
        portalUrl,
        request: { mac: request.mac, serial: serial || null, systemName: systemName || null, authCodes: request.authCodes },
        now: deps.now(),
      });
      const push = await deps.sync.pushNow();
      const operation = deps.outbox.getRedemption(queuedOperation.id)!;
      const answered = operation.status === 'done' || operation.status === 'needs_attention';
      const result: RedeemSubmitResult = {
        operation,
        queued: !answered,
        queuedReason: answered ? null : queuedReasonOf(operation.lastError, push.stoppedBy, deps.sync.getState().loginNeeded),
      };
      return result;
    },

    'redeem.preview': async ({ authCodes }) => {
      const previews: CodePreview[] = authCodes.map((input) => {
        const parsed = parseAuthCode(input);
        if (!parsed.ok) return { authCode: input, state: 'invalid', source: null, message: parsed.message };
        const known = cachedKey.get(parsed.compact);
        if (known) {
          return {
            authCode: parsed.code,
            state: 'redeemed',
            source: 'cache',
            sku: known.sku,
            skuDescription: known.description ?? known.sku,
            distributor: known.distributor,
            mac: known.mac,
            systemName: known.name,
            redeemedAt: known.redeemed_at,
          };
        }
        if (deps.outbox.heldCodes([parsed.compact]).length > 0) return { authCode: parsed.code, state: 'queued', source: 'outbox' };
        return { authCode: parsed.code, state: 'unchecked', source: null };
      });
      await askPortal(
        previews.filter((p) => p.state === 'unchecked'),
        deps,
        systemName,
      );
      return { codes: previews };
    },

    'redeem.export': ({ operationId, format }) => {
      const operation = deps.outbox.getRedemption(operationId);
      if (!operation) throw new ApiError('NOT_FOUND', `There is no redemption ${operationId}.`);
      if (!operation.results)
        throw new ApiError('CONFLICT', 'The portal has not answered this redemption yet, so there are no feature keys to export.');
      return exportRedemption(operation.results, format, deps.now(), { mac: operation.request.mac, language: deps.language?.() });
    },
  };
}

/** The MAC and codes, normalised; VALIDATION naming every field that is wrong. */
function validateRedemption(mac: string, authCodes: string[]): { mac: string; authCodes: string[] } {
  const fields: ValidationField[] = [];
  const parsedMac = parseMac(mac);
  if (!parsedMac.ok) fields.push(fieldError('mac', parsedMac));
  const codes: string[] = [];
  const firstIndex = new Map<string, number>();
  authCodes.forEach((input, index) => {
    const parsed = parseAuthCode(input);
    if (!parsed.ok) {
      fields.push(fieldError(`authCodes.${index}`, parsed));
      return;
    }
    const earlier = firstIndex.get(parsed.compact);
    if (earlier !== undefined) {
      fields.push(fieldError(`authCodes.${index}`, 'code.duplicate', `Same code as Auth Code ${earlier + 1}.`, { of: earlier + 1 }));
      return;
    }
    firstIndex.set(parsed.compact, index);
    codes.push(parsed.code);
  });
  if (fields.length > 0 || !parsedMac.ok) {
    throw validationError(`Cannot redeem: ${describeFields(fields)}`, fields);
  }
  return { mac: parsedMac.mac, authCodes: codes };
}

function queuedReasonOf(lastError: string | null, stoppedBy: Error | null, loginNeeded: boolean): string {
  if (loginNeeded) return 'Sign in to the portal again; the redemption is sent as soon as you do.';
  if (isPortalError(stoppedBy) && (stoppedBy.kind === 'offline' || stoppedBy.kind === 'timeout')) {
    return 'The portal cannot be reached right now. The redemption is saved and is sent as soon as the portal can be reached.';
  }
  return lastError ?? stoppedBy?.message ?? 'Another redemption is being sent first; this one follows.';
}

/** Fills `unchecked` previews from the portal; on the first sign of no connection the rest stay unchecked. */
async function askPortal(previews: CodePreview[], deps: RedeemHandlerDeps, systemName: SystemNameStatement): Promise<void> {
  if (previews.length === 0) return;
  const portalUrl = deps.portalUrl();
  const offlineMessage = 'Not checked: the portal cannot be reached.';
  if (!portalUrl || !(await deps.hasToken(portalUrl))) {
    for (const p of previews) p.message = 'Not checked: sign in to the portal to check codes.';
    return;
  }
  const client = deps.client(portalUrl);
  let unreachable = false;
  const queue = [...previews];
  const worker = async () => {
    for (let preview = queue.shift(); preview; preview = queue.shift()) {
      if (unreachable) {
        preview.message = offlineMessage;
        continue;
      }
      try {
        const found = await client.lookupAuthCode(preview.authCode);
        Object.assign(preview, {
          state: found.status,
          source: 'portal',
          sku: found.sku,
          skuDescription: found.skuDescription,
          distributor: found.distributor,
          ...(found.mac ? { mac: found.mac } : {}),
          ...(found.redeemedAt ? { redeemedAt: found.redeemedAt } : {}),
        } satisfies Partial<CodePreview>);
        if (found.mac) preview.systemName = systemName.get(found.mac) ?? null;
      } catch (err) {
        if (isPortalError(err) && err.kind === 'rejected' && err.code === 'not_found') {
          Object.assign(preview, { state: 'not_found', source: 'portal' } satisfies Partial<CodePreview>);
        } else {
          if (!isPortalError(err) || err.kind === 'offline' || err.kind === 'timeout') unreachable = true;
          preview.message =
            isPortalError(err) && err.kind !== 'offline' && err.kind !== 'timeout' ? `Not checked: ${err.message}` : offlineMessage;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PREVIEW_CONCURRENCY, previews.length) }, worker));
}

type SystemNameStatement = ReturnType<typeof prepareSystemName>;

function prepareSystemName(db: Db) {
  return db.prepare<[string], string | null>('SELECT name FROM systems WHERE mac = ?').pluck();
}
