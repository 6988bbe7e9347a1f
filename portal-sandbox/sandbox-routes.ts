import type http from 'node:http';
import { FAULT_KINDS, type FaultSpec, type FaultSwitches } from './faults';
import { BodyTooLarge, PortalError, readBody } from './http-io';
import { presentedSandboxSecret, sandboxSecretMatches } from './access';
import { parseMac } from '../core/domain/mac';
import { decodePathPart } from '../core/http/request-target';
import { SandboxServers } from './servers';
import type { SandboxStore } from './store';

export type SandboxReply = { status: number; body: string | Buffer; contentType?: string; headers?: Record<string, string> };

export interface SandboxAccess {
  /** When set, every /sandbox/ request must present it (the embedded copy makes one per launch). */
  secret: string | null;
  /** The fault switches and change-log compaction: for tests and development only. */
  enableFaults: boolean;
}

const FAULT_ROUTES = new Set(['GET /sandbox/faults', 'POST /sandbox/faults', 'DELETE /sandbox/faults', 'POST /sandbox/compact-changes']);

/** The portal's own actions on a server, by MAC: `POST /sandbox/servers/{mac}/activate` and `…/complete-rma`. */
const SERVER_SWITCH = /^\/sandbox\/servers\/([^/]+)\/(activate|complete-rma)$/;

/**
 * Endpoints only the sandbox has, for demos and tests; the app never calls them (a real portal
 * has none of this): the unredeemed codes, a distributor spreadsheet of them, the known serial
 * numbers, the portal's own actions on servers (activation, RMA completion), fault switches and
 * change-log compaction.
 */
export function createSandboxRoutes(store: SandboxStore, faults: FaultSwitches, now: () => Date, access: SandboxAccess) {
  const servers = new SandboxServers(store, now);
  return async function handleSandbox(req: http.IncomingMessage, url: URL): Promise<SandboxReply> {
    const route = `${req.method} ${url.pathname}`;
    if (access.secret !== null && !sandboxSecretMatches(presentedSandboxSecret(req, url), access.secret)) {
      throw new PortalError(
        401,
        'unauthorized',
        'This sandbox endpoint needs the secret printed when FieldKey started (X-Sandbox-Secret header or ?secret=).',
      );
    }
    if (!access.enableFaults && FAULT_ROUTES.has(route)) {
      // Any local page or process could otherwise stall the app's sync for an hour.
      throw new PortalError(404, 'not_found', `${route} is switched off in this sandbox portal; \`npm run portal\` has it.`);
    }
    const serverSwitch = SERVER_SWITCH.exec(url.pathname);
    if (serverSwitch) {
      if (req.method !== 'POST') throw new PortalError(405, 'bad_request', `Only POST is allowed on ${url.pathname}.`, { Allow: 'POST' });
      req.resume();
      const decoded = decodePathPart(serverSwitch[1]!);
      const mac = decoded === null ? null : parseMac(decoded);
      if (mac === null || !mac.ok) throw new PortalError(400, 'invalid_mac', mac?.message ?? 'The MAC is not valid percent-encoding.');
      const partner = url.searchParams.get('partner');
      const result = serverSwitch[2] === 'activate' ? servers.activate(mac.mac, partner) : servers.completeRma(mac.mac, partner);
      return { status: 200, body: JSON.stringify(result) };
    }
    switch (route) {
      case 'GET /sandbox/serials': {
        const filter = url.searchParams.get('onDashboard');
        if (filter !== null && filter !== 'true' && filter !== 'false') {
          throw new PortalError(400, 'bad_request', 'onDashboard is true or false (or absent for every serial).');
        }
        const serials = servers.listSerials(filter === null ? null : filter === 'true');
        return { status: 200, body: JSON.stringify({ serials }) };
      }
      case 'GET /sandbox/auth-codes': {
        const status = url.searchParams.get('status') ?? 'unredeemed';
        if (status !== 'unredeemed') throw new PortalError(400, 'bad_request', 'Only status=unredeemed is offered.');
        const authCodes = store.unredeemedAuthCodes().map(({ code, sku }) => ({ code, sku }));
        return { status: 200, body: JSON.stringify({ authCodes }) };
      }
      case 'GET /sandbox/distributor-sheet.xlsx': {
        // Loaded on demand: exceljs is large, and an embedded sandbox rarely serves the sheet.
        const { distributorSheet } = await import('./distributor-sheet');
        return {
          status: 200,
          body: await distributorSheet(store.unredeemedAuthCodes(), now()),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          headers: { 'Content-Disposition': 'attachment; filename="distributor-sheet.xlsx"' },
        };
      }
      case 'GET /sandbox/faults':
        return { status: 200, body: JSON.stringify({ pending: faults.pending() }) };
      case 'POST /sandbox/faults': {
        const spec = await readJson(req);
        try {
          faults.arm(spec as FaultSpec);
        } catch (err) {
          throw new PortalError(400, 'bad_request', `${(err as Error).message} Kinds: ${FAULT_KINDS.join(', ')}.`);
        }
        return { status: 200, body: JSON.stringify({ pending: faults.pending() }) };
      }
      case 'DELETE /sandbox/faults':
        faults.clear();
        return { status: 204, body: '' };
      case 'POST /sandbox/compact-changes':
        return { status: 200, body: JSON.stringify(faults.compactChanges()) };
      default:
        throw new PortalError(404, 'not_found', `No such sandbox endpoint: ${route}.`);
    }
  };
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  try {
    const value: unknown = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    return value;
  } catch (err) {
    if (err instanceof BodyTooLarge) throw new PortalError(413, 'too_large', 'The request body is too large.');
    throw new PortalError(400, 'bad_request', 'The request body must be a JSON object.');
  }
}
