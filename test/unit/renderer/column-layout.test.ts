import { layoutColumns, type LayoutColumn } from '../../../renderer/src/components/data-table/column-layout';

const column = (id: string, width: number, options: Partial<LayoutColumn> = {}): LayoutColumn => ({
  id,
  width,
  minWidth: options.fixed ? width : 80,
  importance: 1,
  required: false,
  fixed: false,
  userSized: false,
  ...options,
});

/** A Keys-like table: text, codes (monospace, fixed), a date, and the pinned Details. */
const keysLike = (): LayoutColumn[] => [
  column('sku', 180, { minWidth: 110, importance: 7 }),
  column('distributor', 120, { importance: 3 }),
  column('authCode', 232, { fixed: true, importance: 10 }),
  column('featureKey', 228, { fixed: true, importance: 9 }),
  column('mac', 142, { fixed: true, importance: 6 }),
  column('systemName', 140, { minWidth: 100, importance: 4 }),
  column('redeemedAt', 190, { minWidth: 140, importance: 5 }),
  column('details', 76, { fixed: true, required: true }),
];

const total = (widths: Map<string, number>) => [...widths.values()].reduce((sum, width) => sum + width, 0);

describe('layoutColumns', () => {
  it('draws every column at its wanted width while the room is not measured', () => {
    const { widths, noRoom } = layoutColumns(keysLike(), null);
    expect(noRoom).toEqual([]);
    expect(widths.get('sku')).toBe(180);
    expect(widths.get('details')).toBe(76);
    expect(total(widths)).toBe(1308);
  });

  it('with room for every column at its wanted width, fills the room exactly: text columns grow, codes and actions keep theirs', () => {
    const { widths, noRoom } = layoutColumns(keysLike(), 1600);
    expect(noRoom).toEqual([]);
    expect(total(widths)).toBe(1600);
    expect(widths.get('authCode')).toBe(232);
    expect(widths.get('featureKey')).toBe(228);
    expect(widths.get('mac')).toBe(142);
    expect(widths.get('details')).toBe(76);
    expect(widths.get('sku')).toBeGreaterThan(180);
    expect(widths.get('systemName')).toBeGreaterThan(140);
  });

  it('short of room, text columns shrink towards their narrowest before any column steps out', () => {
    // Wanted 1308, narrowest 1108: 1200 fits with every column, shrunk.
    const { widths, noRoom } = layoutColumns(keysLike(), 1200);
    expect(noRoom).toEqual([]);
    expect(total(widths)).toBe(1200);
    expect(widths.get('sku')).toBeLessThan(180);
    expect(widths.get('sku')).toBeGreaterThanOrEqual(110);
    expect(widths.get('redeemedAt')).toBeGreaterThanOrEqual(140);
    expect(widths.get('authCode')).toBe(232);
    expect(widths.get('mac')).toBe(142);
  });

  it('steps the least important columns out, in order, as the room narrows; the pinned actions always stay', () => {
    // 1366×768 with the sidebar open: about 1052 px for the table.
    expect(layoutColumns(keysLike(), 1052).noRoom).toEqual(['distributor']);
    // Narrowest without those two: 928 px; one pixel less and the date steps out too.
    expect(layoutColumns(keysLike(), 928).noRoom).toEqual(['distributor', 'systemName']);
    expect(layoutColumns(keysLike(), 927).noRoom).toEqual(['distributor', 'systemName', 'redeemedAt']);
    expect(layoutColumns(keysLike(), 700).noRoom).toEqual(['distributor', 'systemName', 'redeemedAt', 'mac']);
    const narrowest = layoutColumns(keysLike(), 300);
    expect(narrowest.widths.has('details')).toBe(true);
    expect(narrowest.widths.get('details')).toBe(76);
    expect(narrowest.noRoom).not.toContain('details');
  });

  it('never draws more than the room while the columns left fit at their narrowest', () => {
    for (let room = 560; room <= 1700; room += 7) {
      const { widths, noRoom } = layoutColumns(keysLike(), room);
      expect(total(widths), `room ${room}`).toBeLessThanOrEqual(room);
      for (const [id, width] of widths) {
        const spec = keysLike().find((c) => c.id === id)!;
        expect(width, `${id} at ${room}`).toBeGreaterThanOrEqual(spec.fixed ? spec.width : spec.minWidth);
      }
      // A column steps out only when the rest would not fit at their narrowest with it.
      for (const id of noRoom) expect(widths.has(id)).toBe(false);
    }
  });

  it('monospace (fixed) columns are never narrowed, even when that makes a column step out', () => {
    const columns = [column('code', 300, { fixed: true, importance: 10 }), column('note', 200, { importance: 1 })];
    const { widths, noRoom } = layoutColumns(columns, 350);
    expect(noRoom).toEqual(['note']);
    expect(widths.get('code')).toBe(300);
  });

  it('of equally important columns, the one furthest right steps out first; earlier importance wins over position', () => {
    const equal = [column('a', 100), column('b', 100), column('c', 100)];
    expect(layoutColumns(equal, 200).noRoom).toEqual(['c']);
    const ranked = [column('a', 100, { importance: 1 }), column('b', 100, { importance: 5 }), column('c', 100, { importance: 3 })];
    expect(layoutColumns(ranked, 200).noRoom).toEqual(['a']);
  });

  it('a width the user set is kept while other text columns can give, and does not grow', () => {
    const columns = [column('a', 300, { userSized: true }), column('b', 200), column('c', 200)];
    const short = layoutColumns(columns, 600);
    expect(short.widths.get('a')).toBe(300);
    expect(total(short.widths)).toBe(600);
    const wide = layoutColumns(columns, 1000);
    expect(wide.widths.get('a')).toBe(300);
    expect(total(wide.widths)).toBe(1000);
  });

  it('a required column without a fixed width (a row selector) never steps out', () => {
    const columns = [column('select', 48, { required: true, importance: 0 }), column('a', 200, { importance: 5 }), column('b', 200)];
    const { widths, noRoom } = layoutColumns(columns, 150);
    expect(widths.has('select')).toBe(true);
    expect(noRoom).toEqual(['b', 'a']);
  });
});
