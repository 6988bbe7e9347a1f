/** A real cache in a temporary folder, and quick ways to fill it, for the export and import tests. */
import type { Db } from '../../../core/db/database';
import { addKey, addSku, addSystem, openTestDb } from '../keys/cache-fixture';

export { addKey, addSku, addSystem };
export const openCache = openTestDb;

/** A 24-character code made from a number (unique per number). */
export function codeFor(n: number): string {
  const compact = `K${n.toString(36).toUpperCase().padStart(23, '0')}`;
  return [0, 6, 12, 18].map((start) => compact.slice(start, start + 6)).join('-');
}

/** `count` keys over systems of 10 keys each, one minute apart from 2026-01-01, mixed SKUs. */
export function fillCache(db: Db, count: number, options: { firstKey?: (n: number) => string } = {}): void {
  addSku(db, '8210010', '8210010 - 6x Internet Call Access Key');
  addSku(db, '8210027', '8210027 - 6x User Upgrade 31-60 Users');
  db.transaction(() => {
    for (let n = 0; n < count; n++) {
      const mac = `000ADD${Math.floor(n / 10)
        .toString(16)
        .toUpperCase()
        .padStart(6, '0')}`;
      if (n % 10 === 0) addSystem(db, mac, `System ${n / 10}`, `Customer ${n % 7}`);
      addKey(db, {
        authCode: codeFor(n),
        featureKey: options.firstKey?.(n) ?? `aB$${n % 10}-ncjw-Foeb-l8H8-ic0d-${n.toString(36).padStart(4, '0')}`,
        sku: n % 3 === 0 ? '8210027' : '8210010',
        mac,
        distributor: n % 2 ? 'Allworx Corp.' : null,
        redeemedAt: new Date(Date.parse('2026-01-01T00:00:00.000Z') + n * 60_000).toISOString(),
      });
    }
  })();
}
