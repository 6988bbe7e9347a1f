/** GET /changes, POST /systems, GET /systems/{mac}/keys: the change feed and the partner's systems. */
import { PortalError } from '../http-io';
import { authenticate, canonicalMac, type Handlers, idempotent, json, requireIdempotencyKey, type Sandbox } from './context';

export function catalogueHandlers(sandbox: Sandbox): Pick<Handlers, 'changes' | 'upsertSystem' | 'systemKeys'> {
  const { store } = sandbox;
  return {
    changes({ req, query }) {
      const { partner } = authenticate(sandbox, req);
      const { cursor, limit } = query();
      const page = store.changes(partner.id, cursor, limit);
      if (page.kind === 'expired') throw new PortalError(410, 'cursor_expired', page.message);
      return { status: 200, body: page.body };
    },

    async upsertSystem(ctx) {
      const { partner } = authenticate(sandbox, ctx.req);
      const key = requireIdempotencyKey(ctx.req);
      const body = await ctx.body();
      const request = { ...body, mac: canonicalMac(body.mac) };
      return idempotent(sandbox, ctx, partner, key, request, (hash) =>
        store.upsertSystem(partner.id, key, hash, request.mac, request.systemName),
      );
    },

    systemKeys({ req, param }) {
      const { partner } = authenticate(sandbox, req);
      const mac = canonicalMac(param('mac'));
      const found = store.systemKeys(partner.id, mac);
      if (!found) {
        throw new PortalError(
          404,
          'not_found',
          `There is no system ${mac.match(/.{2}/g)!.join(':')} in your account. Add it, or redeem a code on it.`,
        );
      }
      return json(200, found);
    },
  };
}
