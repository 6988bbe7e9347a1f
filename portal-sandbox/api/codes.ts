/** POST /redemptions, POST /auth-codes/lookup, GET /auth-codes/{code}: redeeming and looking up auth codes. */
import { parseAuthCode } from '../../core/domain/auth-code';
import { MAX_CODES_PER_LOOKUP } from '../../core/portal-api/schemas';
import { PortalError } from '../http-io';
import { authenticate, canonicalMac, type Handlers, idempotent, json, requireIdempotencyKey, type Sandbox } from './context';

export function codeHandlers(sandbox: Sandbox): Pick<Handlers, 'redeem' | 'lookupAuthCodes' | 'lookupAuthCode'> {
  const { store } = sandbox;
  return {
    async redeem(ctx) {
      const { partner } = authenticate(sandbox, ctx.req);
      const key = requireIdempotencyKey(ctx.req);
      const body = await ctx.body();
      const request = { ...body, mac: canonicalMac(body.mac) };
      return idempotent(sandbox, ctx, partner, key, request, (hash) => store.redeem(partner.id, key, hash, request));
    },

    async lookupAuthCodes({ req, body }) {
      authenticate(sandbox, req);
      const request = await body((value) => {
        const codes = (value as { codes?: unknown } | null)?.codes;
        if (Array.isArray(codes) && codes.length > MAX_CODES_PER_LOOKUP) {
          throw new PortalError(
            413,
            'too_large',
            `At most ${MAX_CODES_PER_LOOKUP} codes can be looked up at once; this request has ${codes.length}. Send them in several requests.`,
          );
        }
      });
      return json(200, { results: store.lookupAuthCodes(request.codes) });
    },

    lookupAuthCode({ req, param }) {
      authenticate(sandbox, req);
      const parsed = parseAuthCode(param('code'));
      if (!parsed.ok) throw new PortalError(400, 'bad_request', parsed.message);
      const found = store.lookupAuthCode(parsed.code);
      if (!found) throw new PortalError(404, 'not_found', `No authorization code ${parsed.code} exists.`);
      return json(200, found);
    },
  };
}
