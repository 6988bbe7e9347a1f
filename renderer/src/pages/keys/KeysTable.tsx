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
import Tooltip from '@mui/material/Tooltip';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/api/errors';
import type { KeyRow, KeySortColumn } from '../../../../core/keys/contract';
import { describeApiError } from '../../components/ApiErrorAlert';
import { monospaceFontStack } from '../../theme/theme';
import { formatMac } from '../redeem/code-formats';
import type { KeyColumn, KeysView } from './keys-filter';

/** Every row is one line high, so the virtualizer needs no measuring. */
const ROW_HEIGHT = 37;
/** Ask for the next page when the last row drawn is this close to the last row loaded. */
const LOAD_AHEAD_ROWS = 30;

const features = tableFeatures({});
const column = createColumnHelper<typeof features, KeyRow>();

const WIDTHS: Record<KeyColumn, number> = {
  sku: 180,
  distributor: 120,
  // Monospaced codes whole: 27 and 29 characters at 7.2 px, the padding, and the imported mark.
  authCode: 232,
  featureKey: 228,
  mac: 142,
  systemName: 140,
  redeemedAt: 190,
  details: 76,
};

const codeCell = { fontFamily: monospaceFontStack, fontSize: '0.75rem' } as const;

export interface KeysTableProps {
  rows: KeyRow[];
  /** Rows that match the filter, when known (for assistive technology's row count). */
  totalRows: number | null;
  view: KeysView;
  /** Changes when the rows asked for change (filter or sort): the table goes back to its top. */
  scrollKey: string;
  onSort: (column: KeySortColumn) => void;
  onDetails: (authCode: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | null;
  loadMore: () => void;
  /** Shown in the body when there are no rows. */
  emptyMessage: ReactNode;
}

/**
 * The Keys table: TanStack Table for the column model, TanStack Virtual so only the rows in view
 * are in the DOM (spacer rows keep the real table's layout and semantics), and the next keyset page
 * asked for as the user nears the end of what is loaded. Sorting is the core's: a header is a button.
 */
export function KeysTable({
  rows,
  totalRows,
  view,
  scrollKey,
  onSort,
  onDetails,
  hasMore,
  loadingMore,
  moreError,
  loadMore,
  emptyMessage,
}: KeysTableProps) {
  const { t, i18n } = useTranslation();
  // The portal's numeric date with the time to the second (7/30/2026, 2:27:54 PM), in the user's zone.
  const redeemedFormat = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language, {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        second: '2-digit',
      }),
    [i18n.language],
  );
  const scrollRef = useRef<HTMLDivElement>(null);

  const headers: Record<KeyColumn, string> = {
    sku: t('keys.columns.sku'),
    distributor: t('keys.columns.distributor'),
    authCode: t('keys.columns.authCode'),
    featureKey: t('keys.columns.featureKey'),
    mac: t('keys.columns.mac'),
    systemName: t('keys.columns.systemName'),
    redeemedAt: t('keys.columns.redeemed'),
    details: t('keys.columns.details'),
  };
  const importedLabel = t('keys.table.imported');
  const detailsLabel = t('keys.table.details');

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor((row) => row.skuDescription ?? row.sku, { id: 'sku' }),
        column.accessor((row) => row.distributor ?? '', { id: 'distributor' }),
        column.accessor('authCode', {
          id: 'authCode',
          cell: (info) => (
            <>
              {info.getValue()}
              {info.row.original.origin === 'import' && (
                <Tooltip title={importedLabel}>
                  <FileUploadOutlined
                    role="img"
                    aria-label={importedLabel}
                    aria-hidden={false}
                    color="warning"
                    sx={{ fontSize: 16, ml: 0.5, verticalAlign: 'text-bottom' }}
                  />
                </Tooltip>
              )}
            </>
          ),
        }),
        column.accessor('featureKey', { id: 'featureKey' }),
        column.accessor((row) => formatMac(row.mac), { id: 'mac' }),
        column.accessor((row) => row.systemName ?? '', { id: 'systemName' }),
        column.accessor((row) => redeemedFormat.format(new Date(row.redeemedAt)), { id: 'redeemedAt' }),
        column.display({
          id: 'details',
          cell: (info) => (
            <Button
              size="small"
              sx={{ minWidth: 0, py: 0 }}
              aria-label={t('keys.table.detailsFor', { code: info.row.original.authCode })}
              onClick={() => onDetails(info.row.original.authCode)}
            >
              {detailsLabel}
            </Button>
          ),
        }),
      ]),
    [t, importedLabel, detailsLabel, onDetails, redeemedFormat],
  );

  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.authCode });
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

  const totalWidth = Object.values(WIDTHS).reduce((sum, width) => sum + width, 0);

  return (
    <TableContainer
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={t('keys.table.scrollLabel')}
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
        aria-label={t('keys.table.label')}
        aria-rowcount={totalRows !== null ? totalRows + 1 : -1}
        sx={{
          tableLayout: 'fixed',
          minWidth: totalWidth,
          '& td': { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', height: ROW_HEIGHT, py: 0, px: 0.75 },
          '& th': { px: 0.75, whiteSpace: 'nowrap' },
        }}
      >
        <colgroup>
          {table.getAllLeafColumns().map((leaf) => (
            <col key={leaf.id} style={{ width: WIDTHS[leaf.id as KeyColumn] }} />
          ))}
        </colgroup>
        <TableHead>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const id = header.column.id as KeyColumn;
                if (id === 'details') {
                  return <TableCell key={header.id}>{headers.details}</TableCell>;
                }
                const active = view.sort === id;
                return (
                  <TableCell
                    key={header.id}
                    aria-sort={active ? (view.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    sortDirection={active ? view.direction : false}
                  >
                    <TableSortLabel active={active} direction={active ? view.direction : 'asc'} onClick={() => onSort(id)}>
                      {headers[id]}
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
              <td colSpan={columns.length} style={{ padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            return (
              <TableRow key={row.id} hover aria-rowindex={item.index + 2}>
                {row.getAllCells().map((cell) => {
                  const id = cell.column.id as KeyColumn;
                  const text = id === 'details' ? undefined : String(cell.getValue() ?? '');
                  const mono = id === 'authCode' || id === 'featureKey' || id === 'mac';
                  return (
                    <TableCell key={cell.id} title={text} sx={mono ? codeCell : undefined}>
                      <table.FlexRender cell={cell} />
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden style={{ height: paddingBottom }}>
              <td colSpan={columns.length} style={{ padding: 0, border: 0 }} />
            </tr>
          )}
          {tableRows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length} sx={{ '&&': { height: 96, textAlign: 'center', color: 'text.secondary' } }}>
                {emptyMessage}
              </TableCell>
            </TableRow>
          )}
          {(loadingMore || moreError) && (
            <TableRow>
              <TableCell colSpan={columns.length} sx={{ '&&': { height: 'auto', py: 1 } }}>
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
                    {t('keys.table.loadingMore')}
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
