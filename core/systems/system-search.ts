import type { Db } from '../db/database';
import { parseMac, VENDOR_PREFIX } from '../domain/mac';
import { anyPhrase, likePattern, prefixHigh } from '../list-query/text';
import type { SystemSummary } from './contract';

/**
 * Finds systems in the local cache for pickers: by MAC (any format, or a fragment such as `3f8f`
 * or `02:3F`), name or customer. Built to stay fast at hundreds of thousands of systems: prefix
 * matches walk the primary key and the name/customer indexes; the "contains" fallback (3+
 * characters through the trigram index `systems_fts`, shorter text or a first sync still building
 * that index by a scan that stops at the limit) runs only when the prefix matches did not fill it.
 */
export class SystemSearch {
  private readonly statements;

  constructor(db: Db) {
    // `?` ranges instead of LIKE: the columns have BINARY collation, so LIKE could not use the
    // NOCASE indexes; `>= x COLLATE NOCASE AND < x || U+10FFFF` can.
    const prefixOn = (column: 'name' | 'customer') =>
      db
        .prepare<[string, string, number], string>(
          `SELECT mac FROM systems
           WHERE ${column} >= ? COLLATE NOCASE AND ${column} < ? COLLATE NOCASE
           ORDER BY ${column} COLLATE NOCASE LIMIT ?`,
        )
        .pluck();
    this.statements = {
      macRange: db
        .prepare<[string, string, number], string>('SELECT mac FROM systems WHERE mac >= ? AND mac < ? ORDER BY mac LIMIT ?')
        .pluck(),
      namePrefix: prefixOn('name'),
      customerPrefix: prefixOn('customer'),
      contains: db.prepare<[{ hex: string; like: string; limit: number }], { mac: string; name: string | null; customer: string | null }>(
        `SELECT mac, name, customer FROM systems
         WHERE (@hex <> '' AND instr(mac, @hex) > 0) OR name LIKE @like ESCAPE '\\' OR customer LIKE @like ESCAPE '\\'
         LIMIT @limit`,
      ),
      // 3+ characters: the trigram index instead of a scan (the text as one literal phrase).
      containsIndexed: db.prepare<[{ query: string; limit: number }], { mac: string; name: string | null; customer: string | null }>(
        `SELECT y.mac, y.name, y.customer FROM systems_fts f JOIN systems y ON y.rowid = f.rowid
         WHERE systems_fts MATCH @query LIMIT @limit`,
      ),
      indexDeferred: db.prepare<[], number>('SELECT deferred FROM search_index WHERE id = 1').pluck(),
      recentlyRedeemed: db.prepare<[], string>('SELECT mac FROM feature_keys ORDER BY redeemed_at DESC').pluck(),
      recentlyAdded: db.prepare<[number], string>('SELECT mac FROM systems ORDER BY rowid DESC LIMIT ?').pluck(),
      summary: db.prepare<[string], SystemSummary>(
        `SELECT mac, serial, name, customer, (SELECT count(*) FROM feature_keys k WHERE k.mac = s.mac) AS keyCount
         FROM systems s WHERE mac = ?`,
      ),
    };
  }

  /** Best matches first: exact MAC, MAC prefix, name prefix, customer prefix, then contains. */
  search(query: string, limit: number): SystemSummary[] {
    const text = query.normalize('NFKC').trim();
    const found = new Set<string>();
    const take = (macs: Iterable<string>) => {
      for (const mac of macs) {
        if (found.size >= limit) return;
        found.add(mac);
      }
    };

    if (text === '') {
      this.recent(limit, take);
      return this.summaries(found);
    }

    const hex = macFragment(text);
    const exact = parseMac(text);
    if (exact.ok && this.statements.summary.get(exact.mac)) {
      // A whole MAC (or its last six digits) the cache knows: nothing else is a better answer.
      take([exact.mac]);
    }
    if (hex) {
      // A full MAC, then the digits as the start of a MAC, then as what follows the vendor prefix.
      take(this.statements.macRange.all(hex, `${hex}G`, limit));
      if (hex.length <= 6) take(this.statements.macRange.all(VENDOR_PREFIX + hex, `${VENDOR_PREFIX}${hex}G`, limit));
    }
    const upper = prefixHigh(text);
    if (found.size < limit) take(this.statements.namePrefix.all(text, upper, limit));
    if (found.size < limit) take(this.statements.customerPrefix.all(text, upper, limit));
    if (found.size < limit && !(exact.ok && found.has(exact.mac))) {
      const indexed = [...text].length >= 3 && (hex === null || hex.length >= 3) && this.statements.indexDeferred.get() === 0;
      const rows = indexed
        ? this.statements.containsIndexed.all({
            query: `{mac name customer} : (${anyPhrase([text, ...(hex ? [hex] : [])])})`,
            limit: limit * 2,
          })
        : this.statements.contains.all({ hex: hex ?? '', like: likePattern(text), limit: limit * 2 });
      const needle = text.toLowerCase();
      const rank = (row: (typeof rows)[number]) => (hex && row.mac.includes(hex) ? 0 : row.name?.toLowerCase().includes(needle) ? 1 : 2);
      take(rows.sort((a, b) => rank(a) - rank(b)).map((row) => row.mac));
    }
    return this.summaries(found);
  }

  /** One system by its compact MAC, or null. */
  get(mac: string): SystemSummary | null {
    return this.statements.summary.get(mac) ?? null;
  }

  /** Systems that got keys most recently, then the ones added most recently. */
  private recent(limit: number, take: (macs: Iterable<string>) => void): void {
    const macs = new Set<string>();
    // Walks the redeemed_at index newest first and stops as soon as enough systems are seen.
    let seen = 0;
    for (const mac of this.statements.recentlyRedeemed.iterate()) {
      macs.add(mac);
      if (macs.size >= limit || ++seen >= limit * 50) break;
    }
    take(macs);
    take(this.statements.recentlyAdded.all(limit + macs.size));
  }

  private summaries(macs: Set<string>): SystemSummary[] {
    return [...macs].map((mac) => this.statements.summary.get(mac)).filter((row): row is SystemSummary => row !== undefined);
  }
}

/**
 * The hex digits of a query that could be (part of) a MAC: only hex digits and the separators
 * : - . and spaces, at least two digits. `02:3F` → `023F`; `Office 2` → null.
 */
export function macFragment(text: string): string | null {
  if (!/^[0-9A-Fa-f:.\-\s]+$/.test(text)) return null;
  const digits = text.replace(/[:.\-\s]/g, '').toUpperCase();
  return digits.length >= 2 && digits.length <= 12 ? digits : null;
}
