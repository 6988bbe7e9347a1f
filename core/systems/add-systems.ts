/**
 * Add Systems: MACs with optional names (one typed in, a range, or a file's rows) into the local
 * cache at once, and to the portal through the outbox, one operation and one idempotency key per
 * system, as redemptions go. Every row is reported: added, renamed, already known, or invalid
 * with why; a bad row never stops the good ones.
 */
import { fieldError, validationError } from '../rpc/errors';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import { messageOf } from '../domain/mac-range';
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
    throw validationError(say('portalUrl.missing').message, [fieldError('portalUrl', say('portalUrl.missing'))]);
  }

  const rows: AddSystemRow[] = systems.map(({ mac }) => ({ input: mac, mac: null, status: 'invalid', message: null, operationId: null }));
  /** Rows whose MAC parsed and is the first of its kind in the request: index → system. */
  const candidates: { index: number; mac: string; name: string }[] = [];
  const firstRowOf = new Map<string, number>();
  systems.forEach(({ mac, name }, index) => {
    const parsed = parseMac(mac);
    const row = rows[index]!;
    if (!parsed.ok) {
      row.message = messageOf(parsed);
      return;
    }
    row.mac = parsed.mac;
    const earlier = firstRowOf.get(parsed.mac);
    if (earlier !== undefined) {
      row.message = say('systems.add.repeated', { mac: parsed.display, row: earlier + 1 });
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
          row.message = known.name ? say('systems.add.renamedFrom', { name: known.name }) : null;
          requests.push({ mac, systemName: name, action: 'rename' });
        } else {
          row.status = 'known';
          const display = formatMac(mac);
          row.message =
            name !== '' && name !== known.name
              ? known.name
                ? say('systems.add.keptName', { mac: display, name: known.name, newName: name })
                : say('systems.add.notNamed', { mac: display, newName: name })
              : known.name
                ? say('systems.add.knownAs', { mac: display, name: known.name })
                : say('systems.add.known', { mac: display });
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
    if (operation?.status === 'needs_attention') row.message = say('systems.add.portalRefused', { reason: operation.lastError ?? '' });
    else if (operation?.status !== 'done') {
      queued = true;
      waiting ??= operation?.lastError ?? null;
    }
  }
  return { rows, queued, queuedReason: queued ? queuedReasonOf(waiting, push.stoppedBy, deps.sync.getState().loginNeeded) : null };
}

function queuedReasonOf(lastError: string | null, stoppedBy: Error | null, loginNeeded: boolean): Message {
  if (loginNeeded) return say('systems.queued.signIn');
  if (isPortalError(stoppedBy) && (stoppedBy.kind === 'offline' || stoppedBy.kind === 'timeout')) return say('systems.queued.offline');
  const reason = lastError ?? stoppedBy?.message;
  return reason ? say('systems.queued.failed', { reason }) : say('systems.queued.behind');
}
