import type { HandlersOf } from '../rpc/define';
import type { redeemMethods, CodePreview, RedeemSubmitResult } from './contract';
import { ApiError, fieldError, validationError, describeFields, type ValidationField } from '../rpc/errors';
import type { Db } from '../db/database';
import { parseAuthCode } from '../domain/auth-code';
import { parseMac } from '../domain/mac';
import { messageOf } from '../domain/mac-range';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
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
        throw validationError(say('portalUrl.missing').message, [fieldError('portalUrl', say('portalUrl.missing'))]);
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
        if (!parsed.ok) return { authCode: input, state: 'invalid', source: null, message: messageOf(parsed) };
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
      if (!operation) throw new ApiError('NOT_FOUND', say('redeem.export.notFound', { id: operationId }));
      if (!operation.results) throw new ApiError('CONFLICT', say('redeem.export.notAnswered'));
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
      fields.push(fieldError(`authCodes.${index}`, say('code.duplicate', { of: earlier + 1 })));
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

function queuedReasonOf(lastError: string | null, stoppedBy: Error | null, loginNeeded: boolean): Message {
  if (loginNeeded) return say('redeem.queued.signIn');
  if (isPortalError(stoppedBy) && (stoppedBy.kind === 'offline' || stoppedBy.kind === 'timeout')) return say('redeem.queued.offline');
  const reason = lastError ?? stoppedBy?.message;
  return reason ? say('redeem.queued.failed', { reason }) : say('redeem.queued.behind');
}

/** Fills `unchecked` previews from the portal; on the first sign of no connection the rest stay unchecked. */
async function askPortal(previews: CodePreview[], deps: RedeemHandlerDeps, systemName: SystemNameStatement): Promise<void> {
  if (previews.length === 0) return;
  const portalUrl = deps.portalUrl();
  const offlineMessage = say('redeem.preview.offline');
  if (!portalUrl || !(await deps.hasToken(portalUrl))) {
    for (const p of previews) p.message = say('redeem.preview.signIn');
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
            isPortalError(err) && err.kind !== 'offline' && err.kind !== 'timeout'
              ? say('redeem.preview.failed', { reason: err.message })
              : offlineMessage;
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
