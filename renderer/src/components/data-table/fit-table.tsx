/**
 * The DataTable's rules for the small tables that are not paged lists (reports, the outbox, the
 * jobs): laid out fixed in the width they have, so they are never wider than their box; a cell's
 * text stays on one line and ends in an ellipsis (give the cell a `title` with the whole of it);
 * codes, keys and MACs never break; the row's actions sit in a last column held at the right
 * edge (`className={PINNED}`). A cell that may wrap (a sentence worth reading whole) says so with
 * `className={WRAP}`.
 */
export const PINNED = 'fk-pinned';
export const WRAP = 'fk-wrap';

export const fitTableSx = {
  tableLayout: 'fixed',
  width: '100%',
  '& td, & th': { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', px: 0.75 },
  // A block inside a cell (a caption under a MAC) ends in an ellipsis too.
  '& td > p, & td > span.MuiTypography-root, & td > div.fk-clip': {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  [`& td.${WRAP}`]: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  [`& td.${WRAP} > p, & td.${WRAP} > span.MuiTypography-root`]: { whiteSpace: 'normal' },
  [`& .${PINNED}`]: { position: 'sticky', right: 0, bgcolor: 'background.paper', zIndex: 1, textAlign: 'right' },
  [`& th.${PINNED}`]: { zIndex: 3 },
} as const;

/**
 * The columns' widths: a number (px) for a column drawn at its width (codes, chips, buttons),
 * undefined for a text column that shares what is left.
 */
export function FitColumns({ widths }: { widths: readonly (number | undefined)[] }) {
  return (
    <colgroup>
      {widths.map((width, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a table
        <col key={index} style={width === undefined ? undefined : { width }} />
      ))}
    </colgroup>
  );
}

/** Read by assistive technology, not drawn (a header that names a column of buttons). */
export const visuallyHiddenSx = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
