/**
 * The customer systems FieldKey knows (from the local cache), for pickers and lookups.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import type { Message } from '../messages/catalogue';
import { method } from '../rpc/define';
import { searchText } from '../list-query/search-text';
import { MAX_MACS_PER_ADD } from '../domain/mac-range';

export interface SystemSummary {
  /** 12 upper-case hex digits. */
  mac: string;
  serial: string | null;
  name: string | null;
  customer: string | null;
  /** Feature keys the cache holds for it. */
  keyCount: number;
}

/** How one MAC of an Add Systems request ended. */
export interface AddSystemRow {
  /** The MAC as given (a range or file row as read). */
  input: string;
  /** 12 upper-case hex digits, when it parsed. */
  mac: string | null;
  /**
   * `added`: new in the cache and queued for the portal; `renamed`: known, its name changed and
   * the rename queued; `known`: already in the cache with this name (nothing queued);
   * `invalid`: not added, `message` says why.
   */
  status: 'added' | 'renamed' | 'known' | 'invalid';
  /**
   * A sentence for the user: why an invalid row was refused (a malformed MAC, a MAC already in
   * this list), the name a known system has, the name a renamed one had, or the portal's reason
   * when it refused an added or renamed one (then the operation needs attention on the Sync page;
   * code `systems.add.portalRefused`, params.reason the portal's own words).
   */
  message: Message | null;
  /** The outbox operation carrying it to the portal (added and renamed). */
  operationId: number | null;
}

export interface AddSystemsResult {
  rows: AddSystemRow[];
  /** True when at least one operation is still waiting in the outbox (offline, signed out, busy). */
  queued: boolean;
  /** Why they wait; null when nothing waits. */
  queuedReason: Message | null;
}

/** A known system whose name an Add Systems request would change (the preview lists each). */
export interface SystemRename {
  /** 12 upper-case hex digits. */
  mac: string;
  /** The name the cache holds (null: it has none). */
  currentName: string | null;
  /** The name the request gives it. */
  newName: string;
}

/** At most this many systems per Add Systems request (a range or a file). */
export const MAX_SYSTEMS_PER_ADD = MAX_MACS_PER_ADD;

/** The systems of an Add Systems request: a MAC in any accepted format and a name (may be empty). */
const addSystemsList = z
  .array(z.object({ mac: z.string().max(64), name: z.string().trim().max(200).default('') }).strict())
  .min(1)
  .max(MAX_SYSTEMS_PER_ADD);

export const systemsMethods = {
  /**
   * Systems whose MAC (any format, or part of one), name or customer contains `query`; best
   * matches first (MAC prefix, then name, then customer). An empty query lists recent systems.
   */
  'systems.search': method<{ systems: SystemSummary[] }>()(
    z.object({ query: searchText(200), limit: z.number().int().min(1).max(100).default(20) }).strict(),
  ),
  /** One system by MAC (any accepted format); null when the cache does not know it. VALIDATION for a malformed MAC. */
  'systems.get': method<SystemSummary | null>()(z.object({ mac: z.string().max(64) }).strict()),
  /**
   * Adds systems (or, with `renames: 'rename'`, renames known ones) in the cache and queues each
   * for the portal through the outbox with its own idempotency key, in one transaction; sends at
   * once when it can. Every row is reported, invalid ones included (nothing else is refused for
   * one bad row). `name` may be empty for rows of a range or a file without names: the system is
   * added without a name. A known system keeps its name unless the request says `rename`: a range
   * or a file never renames one silently.
   */
  'systems.add': method<AddSystemsResult>()(
    z
      .object({
        systems: addSystemsList,
        /** What happens to a known system given another name: `keep` (the default) leaves it as it is. */
        renames: z.enum(['keep', 'rename']).default('keep'),
      })
      .strict(),
  ),
  /** The known systems whose names `systems.add` with `renames: 'rename'` would change: the preview of a range or a file. */
  'systems.renamesFor': method<{ renames: SystemRename[] }>()(z.object({ systems: addSystemsList }).strict()),
};
