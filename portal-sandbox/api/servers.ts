/** The Server Management Dashboard (v1.2): serial look-up, add, modify, hide, RMA. */
import { formatMac, parseMac } from '../../core/domain/mac';
import { parseSiteId } from '../../core/domain/servers';
import type { ServerWriteRequest } from '../../core/portal-api/schemas';
import { PortalError } from '../http-io';
import { normalizeRegistration } from '../server-rows';
import type { ServerWrite } from '../servers';
import { authenticate, canonicalMac, type Handlers, idempotent, json, requireIdempotencyKey, type Sandbox, serialParam } from './context';

/** A server write in canonical form; what is malformed is refused here (400), before the key is used. */
function serverWrite(body: ServerWriteRequest, pathMac: string | null): ServerWrite {
  const mac = canonicalMac(body.mac);
  if (pathMac !== null && mac !== pathMac) {
    throw new PortalError(400, 'bad_request', `The body's MAC ${formatMac(mac)} is not the server's ${formatMac(pathMac)} in the path.`);
  }
  let siteId: string | null = null;
  if (body.siteId !== null) {
    const parsed = parseSiteId(body.siteId);
    if (!parsed.ok) throw new PortalError(400, 'bad_request', `siteId: ${parsed.message}`);
    siteId = parsed.siteId;
  }
  return {
    serial: serialParam(body.serial),
    mac,
    model: body.model,
    siteId,
    registration: normalizeRegistration(body.registration),
    action: body.action,
  };
}

export function serverHandlers(
  sandbox: Sandbox,
): Pick<Handlers, 'lookupSerial' | 'addServer' | 'modifyServer' | 'setServerHidden' | 'requestRma'> {
  const { servers } = sandbox;
  return {
    lookupSerial({ req, param }) {
      const { partner } = authenticate(sandbox, req);
      const serial = serialParam(param('serial'));
      const found = servers.lookupSerial(partner.id, serial);
      if (!found) {
        throw new PortalError(
          404,
          'unknown_serial',
          `No server with serial number ${serial} is known to the portal. Check the serial number on the server's label.`,
        );
      }
      return json(200, found);
    },

    async addServer(ctx) {
      const { partner } = authenticate(sandbox, ctx.req);
      const key = requireIdempotencyKey(ctx.req);
      const request = serverWrite(await ctx.body(), null);
      return idempotent(sandbox, ctx, partner, key, request, (hash) => servers.write(partner.id, key, hash, 'add', request));
    },

    async modifyServer(ctx) {
      const { partner } = authenticate(sandbox, ctx.req);
      const key = requireIdempotencyKey(ctx.req);
      const mac = canonicalMac(ctx.param('mac'));
      const request = serverWrite(await ctx.body(), mac);
      return idempotent(sandbox, ctx, partner, key, request, (hash) => servers.write(partner.id, key, hash, 'modify', request));
    },

    async setServerHidden(ctx) {
      const { partner } = authenticate(sandbox, ctx.req);
      const key = requireIdempotencyKey(ctx.req);
      const mac = canonicalMac(ctx.param('mac'));
      const body = await ctx.body();
      const request = { mac, hidden: body.hidden };
      return idempotent(sandbox, ctx, partner, key, request, (hash) => servers.setHidden(partner.id, key, hash, mac, body.hidden));
    },

    async requestRma(ctx) {
      const { partner } = authenticate(sandbox, ctx.req);
      const key = requireIdempotencyKey(ctx.req);
      const mac = canonicalMac(ctx.param('mac'));
      const body = await ctx.body();
      const replacement = parseMac(body.replacementMac);
      if (!replacement.ok) throw new PortalError(422, 'invalid_mac', `replacementMac: ${replacement.message}`);
      if (replacement.mac === mac) {
        throw new PortalError(422, 'invalid_mac', 'replacementMac: the replacement must be another server, not the one being returned.');
      }
      const request = { mac, reason: body.reason, replacementMac: replacement.mac };
      return idempotent(sandbox, ctx, partner, key, request, (hash) => servers.requestRma(partner.id, key, hash, mac, request));
    },
  };
}
