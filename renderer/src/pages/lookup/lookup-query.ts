/**
 * Quick Lookup's rules, pure: what a route asks to look up, the route a lookup is recorded
 * under (so back, forward and reload land on it), and the text Copy all puts on the clipboard.
 */
import type { KeyRow } from '../../../../core/keys/contract';
import { parseMac } from '../../../../core/domain/mac';
import { pageHref } from '../../routing/hash-route';

export interface LookupQuery {
  /** 12 upper-case hex digits. */
  mac: string;
  /** As typed, trimmed; '' when not given. */
  serial: string;
}

/** What the form shows and looks up for a route (`#/lookup?mac=000ADD023F8F&serial=SN1`). */
export interface LookupRoute {
  /** The MAC field's text: canonical when it parses, else as it is in the address. */
  macText: string;
  serial: string;
  /** Null when the route names no MAC, or one that does not parse (then `macError` says why). */
  query: LookupQuery | null;
  macError: string | null;
}

export function lookupFromParams(params: URLSearchParams): LookupRoute {
  const rawMac = (params.get('mac') ?? '').trim();
  const serial = (params.get('serial') ?? '').trim();
  if (rawMac === '') return { macText: '', serial, query: null, macError: null };
  const parsed = parseMac(rawMac);
  if (!parsed.ok) return { macText: rawMac, serial, query: null, macError: parsed.message };
  return { macText: parsed.display, serial, query: { mac: parsed.mac, serial }, macError: null };
}

/** The route that records a lookup: the MAC compact (it reads the same in any format), the serial only when given. */
export function lookupHref(query: LookupQuery): string {
  return pageHref('lookup', [], { mac: query.mac, serial: query.serial || null });
}

export type LookupCheck = { ok: true; query: LookupQuery; macText: string } | { ok: false; macError: string };

/** Look up pressed: the MAC must parse (any format PRODUCT.md accepts); the serial is optional. */
export function checkLookup(macInput: string, serialInput: string): LookupCheck {
  const parsed = parseMac(macInput);
  if (!parsed.ok) return { ok: false, macError: parsed.message };
  return { ok: true, query: { mac: parsed.mac, serial: serialInput.trim() }, macText: parsed.display };
}

/** What the SKU column shows: the description (it carries the number), else the number. */
export function skuLabel(key: Pick<KeyRow, 'sku' | 'skuDescription'>): string {
  return key.skuDescription ?? key.sku;
}

/**
 * Copy all: one line per key, SKU, auth code and feature key separated by tabs, so pasting into a
 * spreadsheet fills the same columns as the table; the feature key exactly as stored.
 */
export function keysAsText(keys: readonly Pick<KeyRow, 'sku' | 'skuDescription' | 'authCode' | 'featureKey'>[]): string {
  return keys.map((key) => [skuLabel(key), key.authCode, key.featureKey].join('\t')).join('\n');
}

/** The inventory's Description column: the SKU's description without the number it repeats (`8210010 - 6x …` → `6x …`). */
export function descriptionWithoutSku(sku: string, description: string | null): string {
  if (!description) return '';
  const prefix = `${sku} - `;
  return description.startsWith(prefix) ? description.slice(prefix.length) : description;
}
