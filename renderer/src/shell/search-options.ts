/**
 * Search from anywhere, its rules: the answer of search.all as one list of options grouped by
 * kind (Systems, Customers, Keys, in that order), where each option leads, and what Enter opens
 * when nothing is highlighted. Pure, so the table tests cover every case.
 */
import type { KeyRow } from '../../../core/keys/contract';
import type { CustomerHit, SearchResults } from '../../../core/search/contract';
import type { SystemSummary } from '../../../core/systems/contract';
import { pageHref } from '../routing/hash-route';

export type SearchOption =
  | { kind: 'system'; id: string; system: SystemSummary }
  | { kind: 'customer'; id: string; customer: CustomerHit }
  | { kind: 'key'; id: string; key: KeyRow };

export type SearchKind = SearchOption['kind'];

/** Systems first (Enter's default), then customers, then keys; ids are unique across kinds. */
export function searchOptions(results: SearchResults | null): SearchOption[] {
  if (!results) return [];
  return [
    ...results.systems.map((system): SearchOption => ({ kind: 'system', id: `system:${system.mac}`, system })),
    ...results.customers.map((customer): SearchOption => ({ kind: 'customer', id: `customer:${customer.customer}`, customer })),
    ...results.keys.map((key): SearchOption => ({ kind: 'key', id: `key:${key.authCode}`, key })),
  ];
}

/** A system opens its page; a key opens its system; a customer opens the Keys page filtered to it. */
export function optionHref(option: SearchOption): string {
  switch (option.kind) {
    case 'system':
      return systemHref(option.system.mac);
    case 'key':
      return systemHref(option.key.mac);
    case 'customer':
      return pageHref('keys', [], { by: 'customer', q: option.customer.customer });
  }
}

/**
 * Enter with nothing highlighted: the first system; with no system, the system of the first key,
 * else of the first customer (as the contract's ranking intends). Null when nothing matched.
 */
export function defaultHref(results: SearchResults | null): string | null {
  if (!results) return null;
  const mac = results.systems[0]?.mac ?? results.keys[0]?.mac ?? results.customers[0]?.mac;
  return mac ? systemHref(mac) : null;
}

/** What the search asks: the text trimmed; nothing for blank text. */
export function searchQuery(text: string): string | null {
  const query = text.trim();
  return query === '' ? null : query;
}

/** Ctrl+K, or ⌘+K on a Mac: focus the search field from anywhere. */
export function isSearchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

function systemHref(mac: string): string {
  return pageHref('systems', [mac]);
}
