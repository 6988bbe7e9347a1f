import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import { createColumnHelper, tableFeatures, useTable, type RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/api/errors';
import { monospaceFontStack } from '../../theme/theme';
import { describeApiError } from '../ApiErrorAlert';

/** Every row is one line high, so the virtualizer needs no measuring. */
const ROW_HEIGHT = 37;
/** Ask for the next page when the last row drawn is this close to the last row loaded. */
const LOAD_AHEAD_ROWS = 30;

const features = tableFeatures({});
const codeCell = { fontFamily: monospaceFontStack, fontSize: '0.75rem' } as const;
/** Read by assistive technology, not drawn. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** One column of a DataTable. */
export interface DataColumn<Row, Id extends string> {
  id: Id;
  header: string;
  /** Width in px (the table is laid out fixed, so long text ends in an ellipsis). */
  width: number;
  /** The cell's text: drawn when there is no `cell`, and its tooltip. */
  text?: (row: Row) => string;
  /** What the cell draws instead of its text (a button, a mark beside the text); `selected`: the row is the selected one. */
  cell?: (row: Row, selected: boolean) => ReactNode;
  /** A header that sorts on the core (a button with aria-sort); false for button columns. */
  sortable: boolean;
  /** The header's name is for assistive technology only (a column of radio buttons). */
  headerHidden?: boolean;
  /** Codes, keys and MACs in the monospaced face. */
  monospace?: boolean;
}

export interface DataTableSort<Id extends string> {
  column: Id;
  direction: 'asc' | 'desc';
}

export interface DataTableProps<Row, Id extends string> {
  /** The table's accessible name. */
  label: string;
  /** The scroller's accessible name (it is focusable, so the keyboard scrolls it). */
  scrollLabel: string;
  /** Said while the next page is read. */
  loadingMoreText: string;
  columns: DataColumn<Row, Id>[];
  rows: Row[];
  getRowId: (row: Row) => string;
  sort: DataTableSort<Id>;
  onSort: (column: Id) => void;
  /** Rows that match the filter, when known (for assistive technology's row count). */
  totalRows: number | null;
  /** Changes when the rows asked for change (filter or sort): the table goes back to its top. */
  scrollKey: string;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | null;
  loadMore: () => void;
  /** Shown in the body when there are no rows. */
  emptyMessage: ReactNode;
  /** The row drawn as selected (aria-selected), if any. */
  selectedId?: string | null;
  /** A click anywhere on a row (e.g. selects it). */
  onRowClick?: (row: Row) => void;
}

/**
 * A list the core sorts and pages: TanStack Table for the column model, TanStack Virtual so only
 * the rows in view are in the DOM (spacer rows keep the real table's layout and semantics), and the
 * next keyset page asked for as the user nears the end of what is loaded. A sortable header is a
 * button; its column's aria-sort says the order. The Keys and Servers pages both draw theirs here.
 */
export function DataTable<Row extends RowData, Id extends string>({
  label,
  scrollLabel,
  loadingMoreText,
  columns: specs,
  rows,
  getRowId,
  sort,
  onSort,
  totalRows,
  scrollKey,
  hasMore,
  loadingMore,
  moreError,
  loadMore,
  emptyMessage,
  selectedId = null,
  onRowClick,
}: DataTableProps<Row, Id>) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);

  const columns = useMemo(() => {
    const column = createColumnHelper<typeof features, Row>();
    return column.columns(specs.map((spec) => column.accessor((row) => spec.text?.(row) ?? '', { id: spec.id })));
  }, [specs]);
  const specById = useMemo(() => new Map(specs.map((spec) => [spec.id as string, spec])), [specs]);

  const table = useTable({ features, columns, data: rows, getRowId });
  const tableRows = table.getRowModel().rows;

  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));

  useEffect(() => {
    if (hasMore && !loadingMore && !moreError && lastShown >= tableRows.length - LOAD_AHEAD_ROWS) loadMore();
  }, [hasMore, loadingMore, moreError, lastShown, tableRows.length, loadMore]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter or sort starts at the top
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [scrollKey]);

  const totalWidth = specs.reduce((sum, spec) => sum + spec.width, 0);

  return (
    <TableContainer
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={scrollLabel}
      sx={{
        maxHeight: 'calc(100vh - 300px)',
        minHeight: 320,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineOffset: 2 },
      }}
    >
      <Table
        stickyHeader
        size="small"
        aria-label={label}
        aria-rowcount={totalRows !== null ? totalRows + 1 : -1}
        sx={{
          tableLayout: 'fixed',
          minWidth: totalWidth,
          '& td': { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', height: ROW_HEIGHT, py: 0, px: 0.75 },
          '& th': { px: 0.75, whiteSpace: 'nowrap' },
        }}
      >
        <colgroup>
          {specs.map((spec) => (
            <col key={spec.id} style={{ width: spec.width }} />
          ))}
        </colgroup>
        <TableHead>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const spec = specById.get(header.column.id);
                if (!spec) return null;
                if (!spec.sortable) {
                  return (
                    <TableCell key={header.id}>{spec.headerHidden ? <Box sx={visuallyHidden}>{spec.header}</Box> : spec.header}</TableCell>
                  );
                }
                const active = sort.column === spec.id;
                return (
                  <TableCell
                    key={header.id}
                    aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    sortDirection={active ? sort.direction : false}
                  >
                    <TableSortLabel active={active} direction={active ? sort.direction : 'asc'} onClick={() => onSort(spec.id)}>
                      {spec.header}
                    </TableSortLabel>
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableHead>
        <TableBody>
          {paddingTop > 0 && (
            <tr aria-hidden style={{ height: paddingTop }}>
              <td colSpan={specs.length} style={{ padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            const selected = selectedId !== null && row.id === selectedId;
            return (
              <TableRow
                key={row.id}
                hover
                selected={selected}
                aria-selected={onRowClick ? selected : undefined}
                aria-rowindex={item.index + 2}
                onClick={onRowClick ? () => onRowClick(row.original) : undefined}
                sx={onRowClick ? { cursor: 'pointer' } : undefined}
              >
                {row.getAllCells().map((cell) => {
                  const spec = specById.get(cell.column.id);
                  const text = spec?.text ? String(cell.getValue() ?? '') : undefined;
                  return (
                    <TableCell key={cell.id} title={text} sx={spec?.monospace ? codeCell : undefined}>
                      {spec?.cell ? spec.cell(row.original, selected) : text}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden style={{ height: paddingBottom }}>
              <td colSpan={specs.length} style={{ padding: 0, border: 0 }} />
            </tr>
          )}
          {tableRows.length === 0 && (
            <TableRow>
              <TableCell colSpan={specs.length} sx={{ '&&': { height: 96, textAlign: 'center', color: 'text.secondary' } }}>
                {emptyMessage}
              </TableCell>
            </TableRow>
          )}
          {(loadingMore || moreError) && (
            <TableRow>
              <TableCell colSpan={specs.length} sx={{ '&&': { height: 'auto', py: 1 } }}>
                {moreError ? (
                  <Alert
                    severity="error"
                    action={
                      <Button color="inherit" size="small" onClick={loadMore}>
                        {t('common.retry')}
                      </Button>
                    }
                  >
                    {describeApiError(moreError, t)}
                  </Alert>
                ) : (
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary' }}>
                    <CircularProgress size={16} aria-hidden />
                    {loadingMoreText}
                  </Box>
                )}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
