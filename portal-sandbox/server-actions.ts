/**
 * What the vendor portal does on its own and the sandbox offers as switches (sandbox-routes.ts):
 * activating a registered server, completing an RMA. Each runs in its own transaction.
 */
import type { Db } from '../core/db/database';
import { formatMac } from '../core/domain/mac';
import { registrationProblems, SERVER_STATUS_LABELS, statusAfter } from '../core/domain/servers';
import type { PortalFeatureKey, PortalServer } from '../core/portal-api/schemas';
import { PortalError } from './http-io';
import {
  existingServer,
  insertServer,
  knownMac,
  logServer,
  registrationOf,
  type ServerRow,
  serverRow,
  toPortalServer,
  updateServer,
} from './server-rows';
import type { SandboxStore } from './store';

/** The partner whose server this is: the one named, or the only one that has it. */
export function resolvePartner(db: Db, mac: string, username: string | null): string {
  if (username !== null) {
    const id = db.prepare('SELECT id FROM partners WHERE username = ?').pluck().get(username) as string | undefined;
    if (!id) throw new PortalError(404, 'not_found', `There is no partner "${username}".`);
    return id;
  }
  const ids = db.prepare('SELECT partner_id FROM servers WHERE mac = ?').pluck().all(mac) as string[];
  if (ids.length === 0) throw new PortalError(404, 'not_found', `No partner has a server ${formatMac(mac)}.`);
  if (ids.length > 1)
    throw new PortalError(409, 'conflict', `Several partners have ${formatMac(mac)}: name one with ?partner=<user name>.`);
  return ids[0]!;
}

/** Activates a registered Connect server (what the real portal does once the server calls home). */
export function activateServer(
  store: SandboxStore,
  now: () => Date,
  mac: string,
  username: string | null,
): { server: PortalServer; changed: boolean } {
  const db = store.db;
  return db
    .transaction(() => {
      const row = existingServer(db, resolvePartner(db, mac, username), mac);
      const ruling = statusAfter(row.model, row.status, { kind: 'activate' });
      if (!ruling.ok) {
        throw ruling.reason === 'not_registrable'
          ? new PortalError(422, 'not_registrable', ruling.message)
          : new PortalError(409, 'invalid_state', `${ruling.message} ${formatMac(mac)} is ${SERVER_STATUS_LABELS[row.status]}.`);
      }
      if (row.status === ruling.status) return { server: toPortalServer(row), changed: false };
      const at = now().toISOString();
      const updated: ServerRow = { ...row, status: ruling.status, updated_at: at };
      updateServer(db, updated);
      return { server: logServer(store, updated, 'activated', null, at), changed: true };
    })
    .immediate();
}

/**
 * Completes a requested RMA: the replacement server joins the dashboard with the registration
 * and site of the one it replaces (status per the rules for a replacement), the feature keys
 * move to it (issued anew for its MAC), and the RMA is marked completed.
 */
export function completeRma(
  store: SandboxStore,
  now: () => Date,
  mac: string,
  username: string | null,
): { server: PortalServer; replacement: PortalServer; movedKeys: PortalFeatureKey[] } {
  const db = store.db;
  return db
    .transaction(() => {
      const partnerId = resolvePartner(db, mac, username);
      const row = existingServer(db, partnerId, mac);
      if (row.rma_state !== 'requested') {
        throw new PortalError(
          409,
          'invalid_state',
          row.rma_state === 'completed'
            ? `The RMA of ${formatMac(mac)} is already completed.`
            : `${formatMac(mac)} has no RMA to complete.`,
        );
      }
      const replacementMac = row.rma_replacement_mac!;
      if (serverRow(db, partnerId, replacementMac)) {
        throw new PortalError(409, 'duplicate_server', `The replacement ${formatMac(replacementMac)} is already on the dashboard.`);
      }
      // The portal made the replacement: a MAC it did not know gets a serial of the same model.
      let known = knownMac(db, replacementMac);
      if (!known) {
        known = { serial: `RMA-${replacementMac}`, model: row.model, mac: replacementMac };
        db.prepare('INSERT INTO known_serials (serial, model, mac) VALUES (?, ?, ?)').run(known.serial, known.model, known.mac);
      }
      const at = now().toISOString();
      const registration = registrationOf(row);
      const ruling = statusAfter(known.model, null, {
        kind: 'rmaReplacement',
        complete: registrationProblems(registration).length === 0,
      });
      const status = ruling.ok ? ruling.status : 'saved';

      store.saveSystem(partnerId, replacementMac, {
        serial: known.serial,
        name: registration.systemName ?? undefined,
        customer: registration.company ?? undefined,
      });
      const movedKeys = store.moveFeatureKeys(partnerId, mac, replacementMac);

      const original: ServerRow = { ...row, rma_state: 'completed', rma_completed_at: at, updated_at: at };
      updateServer(db, original);
      const server = logServer(
        store,
        original,
        'rma_completed',
        `Replaced by ${formatMac(replacementMac)} (serial ${known.serial}); ${movedKeys.length} feature key${movedKeys.length === 1 ? '' : 's'} moved.`,
        at,
      );
      const replacementRow: ServerRow = {
        ...row,
        mac: replacementMac,
        serial: known.serial,
        model: known.model,
        status,
        hidden: 0,
        rma_state: null,
        rma_reason: null,
        rma_replacement_mac: null,
        rma_requested_at: null,
        rma_completed_at: null,
        added_at: at,
        updated_at: at,
      };
      insertServer(db, replacementRow);
      const replacement = logServer(
        store,
        replacementRow,
        'rma_completed',
        `Replaces ${formatMac(mac)} (serial ${row.serial}), RMA: ${row.rma_reason ?? ''}`,
        at,
      );
      return { server, replacement, movedKeys };
    })
    .immediate();
}
