/** `servers.lookupSerial`: the cache first; the portal only for a serial the cache does not know, when signed in. */
import type { Db } from '../db/database';
import { parseSerial } from '../domain/servers';
import type { PortalClient } from '../portal/client';
import { isPortalError } from '../portal/errors';
import { invalidArgument } from '../rpc/errors';
import { say } from '../messages/say';
import type { SerialLookupResult, ServerDetails } from './contract';

export interface SerialLookupDeps {
  db: Db;
  portalUrl: () => string | null;
  client: (portalUrl: string) => PortalClient;
  hasToken: (portalUrl: string) => Promise<boolean>;
}

export function serialLookup(deps: SerialLookupDeps): (serial: string) => Promise<SerialLookupResult> {
  const bySerial = deps.db.prepare<[string], { mac: string; model: ServerDetails['model']; serial: string }>(
    'SELECT mac, model, serial FROM servers WHERE serial = ? LIMIT 1',
  );
  return async (serial: string): Promise<SerialLookupResult> => {
    const parsed = parseSerial(serial);
    if (!parsed.ok) throw invalidArgument('servers.lookupSerial', 'serial', parsed);
    const cached = bySerial.get(parsed.serial);
    if (cached) return { status: 'known', serial: parsed.serial, model: cached.model, mac: cached.mac, source: 'cache', onDashboard: true };
    const portalUrl = deps.portalUrl();
    if (!portalUrl || !(await deps.hasToken(portalUrl))) {
      return {
        status: 'unchecked',
        serial: parsed.serial,
        message: say('servers.serial.signIn'),
      };
    }
    try {
      const found = await deps.client(portalUrl).lookupSerial(parsed.serial);
      return {
        status: 'known',
        serial: found.serial,
        model: found.model,
        mac: found.mac,
        source: 'portal',
        onDashboard: found.onDashboard,
      };
    } catch (err) {
      if (isPortalError(err) && err.kind === 'rejected' && (err.code === 'unknown_serial' || err.code === 'not_found')) {
        return { status: 'unknown', serial: parsed.serial, message: say('servers.serial.unknown', { reason: err.message }) };
      }
      return {
        status: 'unchecked',
        serial: parsed.serial,
        message:
          isPortalError(err) && err.kind !== 'offline' && err.kind !== 'timeout'
            ? say('servers.serial.failed', { reason: err.message })
            : say('servers.serial.offline'),
      };
    }
  };
}
