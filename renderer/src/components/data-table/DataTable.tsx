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
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import { monospaceFontStack } from '../../theme/theme';
import { describeApiError } from '../ApiErrorAlert';
import { ColumnChooser } from './ColumnChooser';
import { layoutColumns, type LayoutColumn } from './column-layout';
import { useTablePrefs } from './table-prefs';
import { visuallyHiddenSx } from './fit-table';
import { useContentWidth } from './use-content-width';

/** Every row is one line high, so the virtualizer needs no measuring. */
const ROW_HEIGHT = 37;
/** Ask for the next page when the last row drawn is this close to the last row loaded. */
const LOAD_AHEAD_ROWS = 30;
/** Text columns may shrink to this (their text ends in an ellipsis, the whole of it on hover). */
const TEXT_MIN_WIDTH = 80;
/** The widest a column may be made by hand. */
const MAX_WIDTH = 1000;
/** One arrow key press on a column's resize handle, and with Shift. */
const RESIZE_STEP = 8;
const RESIZE_STEP_LARGE = 40;
/** The header row's height, which the resize handles span. */
const HEADER_HEIGHT = 37;

const features = tableFeatures({});
const codeCell = { fontFamily: monospaceFontStack, fontSize: '0.75rem' } as const;

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
  /** Codes, keys and MACs in the monospaced face; drawn at `width` whole (never narrower), never broken. */
  monospace?: boolean;
  /** The narrowest a text column is drawn when room is short (80 px unless said). */
  minWidth?: number;
  /** Higher stays longer when the table has no room for every column; by default, earlier columns stay longer. */
  importance?: number;
  /** Always shown: not in the column chooser, never leaves for room (a row's selector). */
  required?: boolean;
  /** The row's actions: always shown, at its width, held at the right edge. */
  pinned?: boolean;
}

export interface DataTableSort<Id extends string> {
  column: Id;
  direction: 'asc' | 'desc';
}

export interface DataTableProps<Row, Id extends string> {
  /** The table's accessible name. */
  label: string;
  /** Where the user's columns and widths for this table are remembered; without it they last while it is shown. */
  tableId?: string;
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
 * button; its column's aria-sort says the order. The table fits the width it has (see
 * column-layout.ts): no sideways scrolling, row actions always in view; the user chooses its columns
 * (Columns) and their widths (a handle on each header's edge, dragged or moved with the arrow keys),
 * remembered per table. Keys, Servers, Codes and bulk jobs draw theirs here.
 */
export function DataTable<Row extends RowData, Id extends string>({
  label,
  tableId,
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
  const [prefs, updatePrefs] = useTablePrefs(tableId);
  const room = useContentWidth(scrollRef);

  const isRequired = (spec: DataColumn<Row, Id>) => spec.required === true || spec.pinned === true;
  const wantedSpecs = useMemo(
    () => specs.filter((spec) => spec.required || spec.pinned || !prefs.hidden.includes(spec.id)),
    [specs, prefs.hidden],
  );
  const layout = useMemo(
    () =>
      layoutColumns(
        wantedSpecs.map(
          (spec): LayoutColumn => ({
            id: spec.id,
            width: prefs.widths[spec.id] ?? spec.width,
            minWidth: spec.monospace || spec.pinned ? spec.width : Math.min(spec.width, spec.minWidth ?? TEXT_MIN_WIDTH),
            importance: spec.importance ?? specs.length - specs.indexOf(spec),
            required: spec.required === true || spec.pinned === true,
            fixed: spec.monospace === true || spec.pinned === true,
            userSized: prefs.widths[spec.id] !== undefined,
          }),
        ),
        room,
      ),
    [wantedSpecs, specs, prefs.widths, room],
  );
  const shownSpecs = useMemo(() => wantedSpecs.filter((spec) => layout.widths.has(spec.id)), [wantedSpecs, layout]);
  const widthOf = (spec: DataColumn<Row, Id>) => layout.widths.get(spec.id) ?? spec.width;

  const columns = useMemo(() => {
    const column = createColumnHelper<typeof features, Row>();
    return column.columns(shownSpecs.map((spec) => column.accessor((row) => spec.text?.(row) ?? '', { id: spec.id })));
  }, [shownSpecs]);
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

  const setWidth = useCallback(
    (spec: DataColumn<Row, Id>, width: number) => {
      const min = spec.monospace ? spec.width : Math.min(spec.width, spec.minWidth ?? TEXT_MIN_WIDTH);
      const clamped = Math.round(Math.min(MAX_WIDTH, Math.max(min, width)));
      updatePrefs((current) => ({ ...current, widths: { ...current.widths, [spec.id]: clamped } }));
    },
    [updatePrefs],
  );
  const resetWidth = (spec: DataColumn<Row, Id>) =>
    updatePrefs((current) => ({ ...current, widths: Object.fromEntries(Object.entries(current.widths).filter(([id]) => id !== spec.id)) }));

  const totalWidth = shownSpecs.reduce((sum, spec) => sum + widthOf(spec), 0);
  const chooserColumns = specs
    .filter((spec) => !isRequired(spec))
    .map((spec) => ({
      id: spec.id,
      header: spec.header,
      shown: !prefs.hidden.includes(spec.id),
      noRoom: layout.noRoom.includes(spec.id),
    }));
  // Where each resizable column's right edge is, for its handle.
  let edge = 0;
  const handles = shownSpecs.flatMap((spec) => {
    edge += widthOf(spec);
    return spec.pinned || spec.required ? [] : [{ spec, edge }];
  });

  return (
    <Box>
      {chooserColumns.length > 0 && (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 0.5 }}>
          <ColumnChooser
            tableLabel={label}
            columns={chooserColumns}
            onToggle={(id) =>
              updatePrefs((current) => ({
                ...current,
                hidden: current.hidden.includes(id) ? current.hidden.filter((hidden) => hidden !== id) : [...current.hidden, id],
              }))
            }
            onReset={() => updatePrefs(() => ({ hidden: [], widths: {} }))}
          />
        </Box>
      )}
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
        {/* The resize handles sit over the header's edges, outside the cells, so a header's name stays its text. */}
        <Box sx={{ position: 'sticky', top: 0, height: 0, zIndex: 4 }}>
          {handles.map(({ spec, edge: right }) => (
            <ResizeHandle
              key={spec.id}
              label={t('table.columns.resize', { column: spec.header })}
              left={right}
              width={widthOf(spec)}
              min={spec.monospace ? spec.width : Math.min(spec.width, spec.minWidth ?? TEXT_MIN_WIDTH)}
              onWidth={(width) => setWidth(spec, width)}
              onReset={() => resetWidth(spec)}
            />
          ))}
        </Box>
        <Table
          stickyHeader
          size="small"
          aria-label={label}
          aria-rowcount={totalRows !== null ? totalRows + 1 : -1}
          style={{ width: totalWidth }}
          sx={{
            tableLayout: 'fixed',
            '& td': { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', height: ROW_HEIGHT, py: 0, px: 0.75 },
            '& th': { px: 0.75, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
            '& .fk-pinned': { position: 'sticky', right: 0, bgcolor: 'background.paper', zIndex: 1 },
            '& th.fk-pinned': { zIndex: 3 },
          }}
        >
          <colgroup>
            {shownSpecs.map((spec) => (
              <col key={spec.id} style={{ width: widthOf(spec) }} />
            ))}
          </colgroup>
          <TableHead>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => {
                  const spec = specById.get(header.column.id);
                  if (!spec) return null;
                  const className = spec.pinned ? 'fk-pinned' : undefined;
                  if (!spec.sortable) {
                    return (
                      <TableCell key={header.id} className={className} title={spec.headerHidden ? undefined : spec.header}>
                        {spec.headerHidden ? <Box sx={visuallyHiddenSx}>{spec.header}</Box> : spec.header}
                      </TableCell>
                    );
                  }
                  const active = sort.column === spec.id;
                  return (
                    <TableCell
                      key={header.id}
                      className={className}
                      title={spec.header}
                      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                      sortDirection={active ? sort.direction : false}
                    >
                      <TableSortLabel
                        active={active}
                        direction={active ? sort.direction : 'asc'}
                        onClick={() => onSort(spec.id)}
                        sx={{ maxWidth: '100%' }}
                      >
                        <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                          {spec.header}
                        </Box>
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
                <td colSpan={shownSpecs.length} style={{ padding: 0, border: 0 }} />
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
                      <TableCell
                        key={cell.id}
                        title={text}
                        className={spec?.pinned ? 'fk-pinned' : undefined}
                        sx={spec?.monospace ? codeCell : undefined}
                      >
                        {spec?.cell ? spec.cell(row.original, selected) : text}
                      </TableCell>
                    );
                  })}
                </TableRow>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden style={{ height: paddingBottom }}>
                <td colSpan={shownSpecs.length} style={{ padding: 0, border: 0 }} />
              </tr>
            )}
            {tableRows.length === 0 && (
              <TableRow>
                <TableCell
                  colSpan={shownSpecs.length}
                  sx={{ '&&': { height: 96, textAlign: 'center', color: 'text.secondary', whiteSpace: 'normal' } }}
                >
                  {emptyMessage}
                </TableCell>
              </TableRow>
            )}
            {(loadingMore || moreError) && (
              <TableRow>
                <TableCell colSpan={shownSpecs.length} sx={{ '&&': { height: 'auto', py: 1, whiteSpace: 'normal' } }}>
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
    </Box>
  );
}

/**
 * A column's resize handle: a focusable vertical separator on the header's right edge (the window
 * splitter pattern). Drag it, or focus it and use ←/→ (Shift: larger steps), Home for the
 * narrowest; a double click gives the column its own width back.
 */
function ResizeHandle({
  label,
  left,
  width,
  min,
  onWidth,
  onReset,
}: {
  label: string;
  left: number;
  width: number;
  min: number;
  onWidth: (width: number) => void;
  onReset: () => void;
}) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? RESIZE_STEP_LARGE : RESIZE_STEP;
    if (event.key === 'ArrowRight') onWidth(width + step);
    else if (event.key === 'ArrowLeft') onWidth(width - step);
    else if (event.key === 'Home') onWidth(min);
    else return;
    event.preventDefault();
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = { x: event.clientX, width };
    event.preventDefault();
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onWidth(drag.current.width + event.clientX - drag.current.x);
  };
  const endDrag = () => {
    drag.current = null;
  };
  return (
    <Box
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(width)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={MAX_WIDTH}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={onReset}
      onClick={(event) => event.stopPropagation()}
      sx={{
        position: 'absolute',
        top: 0,
        // Inside the column, so the last one's handle never widens the table.
        left: left - 9,
        width: 9,
        height: HEADER_HEIGHT,
        cursor: 'col-resize',
        touchAction: 'none',
        outline: 'none',
        '&::after': {
          content: '""',
          position: 'absolute',
          right: 0,
          top: 8,
          bottom: 8,
          width: 3,
          borderRadius: 1,
          bgcolor: 'divider',
          opacity: 0,
        },
        '&:hover::after, &:focus-visible::after': { opacity: 1, bgcolor: 'primary.main', top: 2, bottom: 2 },
      }}
    />
  );
}
