import { compactAuthCode } from '../domain/auth-code';
import type { CoreDeps, Feature } from '../feature/core-deps';
import type { OutboxOperation } from '../sync/contract';
import { createRedeemHandlers } from './handlers';

/**
 * The codes the portal redeemed in a redemption's stored answer (done, or refused in part and
 * needing attention), compact; null when the operation is not such an answer.
 */
export function redeemedByAnswer(operation: OutboxOperation | null): string[] | null {
  if (operation?.kind !== 'redemption') return null;
  if (operation.status !== 'done' && operation.status !== 'needs_attention') return null;
  return (operation.results ?? []).filter((result) => result.status === 'redeemed').map((result) => compactAuthCode(result.authCode));
}

/** `redeem.*`; announces every stored answer as `redemption.answered` (its keys are then in the cache). */
export function createRedeemFeature(deps: CoreDeps): Feature<ReturnType<typeof createRedeemHandlers>> {
  deps.domain.on('outbox.changed', ({ operation }) => {
    const redeemed = redeemedByAnswer(operation);
    if (operation && redeemed) deps.domain.emit('redemption.answered', { operationId: operation.id, redeemed });
  });
  return {
    handlers: createRedeemHandlers({
      db: deps.db,
      outbox: deps.outbox,
      sync: deps.sync,
      now: deps.now,
      language: deps.language,
      portalUrl: () => deps.portal.url(),
      client: (url) => deps.portal.client(url),
      hasToken: (url) => deps.portal.hasToken(url),
    }),
  };
}
