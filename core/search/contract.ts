/**
 * Search from anywhere (the app bar, Ctrl+K): everything in the local cache at once — systems by
 * MAC (any format), name or serial; customers; keys by authorization code (with or without
 * dashes) or feature key. Offline, instant, never the portal.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import { method } from '../rpc/define';
import { searchText } from '../list-query/search-text';
import type { KeyRow } from '../keys/contract';
import type { SystemSummary } from '../systems/contract';
import type { Message } from '../messages/catalogue';

export interface CustomerHit {
  customer: string;
  /** How many systems the cache holds for this customer. */
  systemCount: number;
  /** One of its systems (the one Enter opens). */
  mac: string;
}

export interface SearchResults {
  /** Best match first; Enter opens `systems[0]` (or the system of the first key or customer when there is none). */
  systems: SystemSummary[];
  customers: CustomerHit[];
  keys: KeyRow[];
  /** A message when the query was answered in a narrower way than asked (1–2 characters: prefixes only; the index still building); null otherwise. */
  note: Message | null;
}

export const searchMethods = {
  /** Up to `limit` hits of each kind. Any text is searched literally (`%`, `_`, `"`, `*` and FTS syntax included). */
  'search.all': method<SearchResults>()(z.object({ query: searchText(200), limit: z.number().int().min(1).max(50).default(8) }).strict()),
};
