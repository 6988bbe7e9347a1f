/**
 * Add Systems: MACs with optional names (one typed in, a range, or a file's rows) into the local
 * cache at once, and to the portal through the outbox, one operation and one idempotency key per
 * system, as redemptions go. Every row is reported: added, renamed, already known, or invalid
 * with why; a bad row never stops the good ones.
 */
import { fieldError, validationError } from '../rpc/errors';
import type { Db } from '../db/database';
import { formatMac, parseMac } from '../domain/mac';
import type { SyncEngine } from '../sync/engine';
import type { OutboxStore } from '../sync/outbox';
import type { SystemRequestSummary } from '../sync/contract';
import { isPortalError } from '../portal/errors';
import type { AddSystemRow, AddSystemsResult, SystemRename } from './contract';

export interface AddSystemsDeps {
  db: Db;
  outbox: OutboxStore;
  sync: Pick<SyncEngine, 'pushNow' | 'getState'>;
  now: () => Date;
  portalUrl: () => string | null;
}

export interface SystemToAdd {
  /** Any accepted MAC format. */
  mac: string;
  /** Trimmed; '' adds without a name and never renames. */
  name: string;
}

/**
 * The known systems the request would rename: a MAC the cache holds, given a name that is not
 * empty and not the one it has. Malformed MACs and repeats are left to addSystems' report.
 */
export function plannedRenames(db: Db, systems: readonly SystemToAdd[]): SystemRename[] {
  const cachedName = db.prepare<[string], { name: string | null }>('SELECT name FROM systems WHERE mac = ?');
  const seen = new Set<string>();
  const renames: SystemRename[] = [];
  for (const { mac, name } of systems) {
    const parsed = parseMac(mac);
    if (!parsed.ok || seen.has(parsed.mac)) continue;
    seen.add(parsed.mac);
    const newName = name.trim();
    const known = cachedName.get(parsed.mac);
    if (known && newName !== '' && newName !== known.name) renames.push({ mac: parsed.mac, currentName: known.name, newName });
  }
  return renames;
}

export async function addSystems(
  deps: AddSystemsDeps,
  systems: readonly SystemToAdd[],
  renames: 'keep' | 'rename' = 'keep',
): Promise<AddSystemsResult> {
  const portalUrl = deps.portalUrl();
  if (!portalUrl) {
    throw validationError('No portal is configured: enter the portal address in Settings and sign in.', [
      fieldError('portalUrl', 'portalUrl.missing', 'no portal is configured'),
    ]);
  }

  const rows: AddSystemRow[] = systems.map(({ mac }) => ({ input: mac, mac: null, status: 'invalid', message: null, operationId: null }));
  /** Rows whose MAC parsed and is the first of its kind in the request: index → system. */
  const candidates: { index: number; mac: string; name: string }[] = [];
  const firstRowOf = new Map<string, number>();
  systems.forEach(({ mac, name }, index) => {
    const parsed = parseMac(mac);
    const row = rows[index]!;
    if (!parsed.ok) {
      row.message = parsed.message;
      return;
    }
    row.mac = parsed.mac;
    const earlier = firstRowOf.get(parsed.mac);
    if (earlier !== undefined) {
      row.message = `${parsed.display} is already in this list (row ${earlier + 1}).`;
      return;
    }
    firstRowOf.set(parsed.mac, index);
    candidates.push({ index, mac: parsed.mac, name: name.trim() });
  });

  const cachedName = deps.db.prepare<[string], { name: string | null }>('SELECT name FROM systems WHERE mac = ?');
  /** Row index of each operation planned, in the order planned. */
  const plannedRows: number[] = [];
  const operations = deps.outbox.enqueueSystems({
    portalUrl,
    now: deps.now(),
    // Inside the transaction: what the cache knows cannot change between reading and writing.
    plan: () => {
      const requests: SystemRequestSummary[] = [];
      for (const { index, mac, name } of candidates) {
        const row = rows[index]!;
        const known = cachedName.get(mac);
        if (!known) {
          row.status = 'added';
          requests.push({ mac, systemName: name || null, action: 'add' });
        } else if (name !== '' && name !== known.name && renames === 'rename') {
          row.status = 'renamed';
          row.message = known.name ? `Renamed from “${known.name}”.` : null;
          requests.push({ mac, systemName: name, action: 'rename' });
        } else {
          row.status = 'known';
          row.message =
            name !== '' && name !== known.name
              ? known.name
                ? `${formatMac(mac)} kept its name “${known.name}” (not renamed to “${name}”).`
                : `${formatMac(mac)} is already known; it was not given the name “${name}”.`
              : known.name
                ? `${formatMac(mac)} is already known as “${known.name}”.`
                : `${formatMac(mac)} is already known.`;
          continue;
        }
        plannedRows.push(index);
      }
      return requests;
    },
  });
  operations.forEach((operation, i) => {
    rows[plannedRows[i]!]!.operationId = operation.id;
  });
  if (operations.length === 0) return { rows, queued: false, queuedReason: null };

  // As redeem.submit: send at once when the portal can be reached; otherwise it stays queued.
  const push = await deps.sync.pushNow();
  let waiting: string | null = null;
  let queued = false;
  for (const index of plannedRows) {
    const row = rows[index]!;
    const operation = deps.outbox.get(row.operationId!);
    if (operation?.status === 'needs_attention') row.message = operation.lastError;
    else if (operation?.status !== 'done') {
      queued = true;
      waiting ??= operation?.lastError ?? null;
    }
  }
  return { rows, queued, queuedReason: queued ? queuedReasonOf(waiting, push.stoppedBy, deps.sync.getState().loginNeeded) : null };
}

function queuedReasonOf(lastError: string | null, stoppedBy: Error | null, loginNeeded: boolean): string {
  if (loginNeeded) return 'Sign in to the portal again; the systems are sent as soon as you do.';
  if (isPortalError(stoppedBy) && (stoppedBy.kind === 'offline' || stoppedBy.kind === 'timeout')) {
    return 'The portal cannot be reached right now. The systems are saved on this computer and sent as soon as the portal can be reached.';
  }
  return lastError ?? stoppedBy?.message ?? 'Other changes are being sent first; these follow.';
}
