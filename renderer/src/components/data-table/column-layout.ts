/**
 * How a table's columns share the width it has, pure: no DOM. A table never scrolls sideways while
 * its columns fit at their narrowest: when they do not, the least important columns step out
 * ("no room", said in the column chooser); then every column shares the room, text columns
 * shrinking towards their narrowest or growing into what is left. Columns the user sized keep
 * their width while others can give; codes, keys and MACs (fixed) keep theirs.
 */

export interface LayoutColumn {
  id: string;
  /** The width wanted: the user's, or the column's own. */
  width: number;
  /** The narrowest the column may be drawn. */
  minWidth: number;
  /** Higher stays longer when the room is short. */
  importance: number;
  /** Never steps out for room (row actions, a row's selector). */
  required: boolean;
  /** Drawn at its width exactly: it neither shrinks nor grows (codes, buttons). */
  fixed: boolean;
  /** The user set this width (it gives way last). */
  userSized: boolean;
}

export interface ColumnLayout {
  /** Drawn widths of the columns shown, in their order. */
  widths: Map<string, number>;
  /** Columns the user wants that step out because the room is short. */
  noRoom: string[];
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Lays out `columns` (those the user wants shown, in order) in `room` px. With no room known yet
 * (not measured), every column is drawn at its wanted width.
 */
export function layoutColumns(columns: LayoutColumn[], room: number | null): ColumnLayout {
  const wanted = (column: LayoutColumn) => Math.max(column.minWidth, column.width);
  if (room === null || room <= 0) return { widths: new Map(columns.map((column) => [column.id, wanted(column)])), noRoom: [] };

  const floor = (column: LayoutColumn) => (column.fixed ? wanted(column) : column.minWidth);
  let shown = [...columns];
  const noRoom: string[] = [];
  while (sum(shown.map(floor)) > room) {
    // The least important optional column steps out; of equals, the one furthest right.
    let leaving: LayoutColumn | null = null;
    for (const column of shown) if (!column.required && (!leaving || column.importance <= leaving.importance)) leaving = column;
    if (!leaving) break;
    noRoom.push(leaving.id);
    shown = shown.filter((column) => column !== leaving);
  }

  const widths = new Map(shown.map((column) => [column.id, wanted(column)]));
  let gap = room - sum([...widths.values()]);

  if (gap < 0) {
    // Take from the columns the user did not size first, each in proportion to what it can give.
    for (const givers of [shown.filter((c) => !c.fixed && !c.userSized), shown.filter((c) => !c.fixed && c.userSized)]) {
      const slack = sum(givers.map((column) => widths.get(column.id)! - column.minWidth));
      if (slack <= 0) continue;
      const take = Math.min(-gap, slack);
      for (const column of givers) {
        const width = widths.get(column.id)!;
        widths.set(column.id, width - ((width - column.minWidth) / slack) * take);
      }
      gap += take;
      if (gap >= 0) break;
    }
  } else if (gap > 0) {
    // Give what is left to text columns the user did not size, else to any column that may grow.
    const takers = [
      shown.filter((c) => !c.fixed && !c.userSized && !c.required),
      shown.filter((c) => !c.fixed && !c.userSized),
      shown.filter((c) => !c.fixed),
    ].find((group) => group.length > 0);
    if (takers) {
      const base = sum(takers.map((column) => widths.get(column.id)!));
      for (const column of takers) {
        const width = widths.get(column.id)!;
        widths.set(column.id, width + (width / base) * gap);
      }
    }
  }

  // Whole pixels that add up to what the fractions did.
  const exact = sum([...widths.values()]);
  for (const [id, width] of widths) widths.set(id, Math.floor(width));
  const firstFlexible = shown.find((column) => !column.fixed);
  if (firstFlexible) widths.set(firstFlexible.id, widths.get(firstFlexible.id)! + Math.round(exact - sum([...widths.values()])));
  return { widths, noRoom };
}
