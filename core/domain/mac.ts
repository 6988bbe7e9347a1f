/**
 * MAC addresses of phone systems. Accepted as 00:0A:DD:02:3F:8F, 00-0A-DD-02-3F-8F,
 * 000ADD023F8F, 000a.dd02.3f8f, or the last six hex digits alone (the vendor prefix 00:0A:DD is
 * added), in any case. Stored compact (000ADD023F8F), shown with colons.
 */

import type { Refusal } from './refusal';

export const VENDOR_PREFIX = '000ADD';

export type MacParse =
  | { ok: true /** 12 upper-case hex digits */; mac: string /** 00:0A:DD:02:3F:8F */; display: string; prefixAdded: boolean }
  | Refusal;

const SHAPES: { pattern: RegExp; name: string }[] = [
  { pattern: /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/i, name: 'colons' },
  { pattern: /^[0-9A-F]{2}(-[0-9A-F]{2}){5}$/i, name: 'dashes' },
  { pattern: /^[0-9A-F]{4}(\.[0-9A-F]{4}){2}$/i, name: 'dots' },
  { pattern: /^[0-9A-F]{12}$/i, name: 'plain' },
  { pattern: /^[0-9A-F]{6}$/i, name: 'suffix' },
  { pattern: /^[0-9A-F]{2}(:[0-9A-F]{2}){2}$/i, name: 'suffix' },
  { pattern: /^[0-9A-F]{2}(-[0-9A-F]{2}){2}$/i, name: 'suffix' },
];

export function parseMac(input: string): MacParse {
  const value = input.normalize('NFKC').trim();
  if (value === '') return { ok: false, code: 'mac.required', message: 'Enter a MAC address.' };
  const bad = /[^0-9A-Fa-f:.\-\s]/.exec(value);
  if (bad) {
    return {
      ok: false,
      code: 'mac.badCharacter',
      params: { character: bad[0], position: bad.index + 1 },
      message: `"${bad[0]}" (character ${bad.index + 1}) is not allowed: a MAC address has hex digits 0–9 and A–F, optionally separated by : - or .`,
    };
  }
  const shape = SHAPES.find((s) => s.pattern.test(value));
  const digits = value.replace(/[:.\-\s]/g, '').toUpperCase();
  if (!shape) {
    if (digits.length !== 12 && digits.length !== 6) {
      return {
        ok: false,
        code: 'mac.wrongLength',
        params: { digits: digits.length },
        message: `A MAC address has 12 hex digits (or the last 6, after the vendor prefix 00:0A:DD); this has ${digits.length}.`,
      };
    }
    return {
      ok: false,
      code: 'mac.badSeparators',
      message: 'The separators are misplaced: write the MAC as 00:0A:DD:02:3F:8F, 00-0A-DD-02-3F-8F, 000ADD023F8F or 000a.dd02.3f8f.',
    };
  }
  const prefixAdded = digits.length === 6;
  const mac = prefixAdded ? VENDOR_PREFIX + digits : digits;
  return { ok: true, mac, display: formatMac(mac), prefixAdded };
}

/** 000ADD023F8F → 00:0A:DD:02:3F:8F */
export function formatMac(mac: string): string {
  return mac.toUpperCase().match(/.{2}/g)!.join(':');
}

export function isCompactMac(value: string): boolean {
  return /^[0-9A-F]{12}$/.test(value);
}
