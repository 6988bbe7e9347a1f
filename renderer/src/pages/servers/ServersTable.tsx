import Chip from '@mui/material/Chip';
import Radio from '@mui/material/Radio';
import Stack from '@mui/material/Stack';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { ServerRow, ServerSortColumn } from '../../../../core/servers/contract';
import { DataTable, type DataColumn } from '../../components/data-table/DataTable';
import { pageHref } from '../../routing/hash-route';
import type { ServersView } from './servers-filter';
import { usePendingLabel, useStatusLabel } from './server-labels';
import { displayMac, useFormatDate } from '../../i18n/format';

type ServerColumn = 'select' | ServerSortColumn;

export interface ServersTableProps {
  rows: ServerRow[];
  totalRows: number | null;
  view: ServersView;
  scrollKey: string;
  onSort: (column: ServerSortColumn) => void;
  /** The server the Management Function acts on. */
  selectedMac: string | null;
  onSelect: (server: ServerRow) => void;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | null;
  loadMore: () => void;
  emptyMessage: ReactNode;
}

/**
 * The dashboard's list: a radio button to select the server to manage (as the portal's), the
 * portal's columns, each sorting on the core, and on the Status cell each change still waiting for
 * the portal (or refused by it, with a link to the Sync page) and the RMA state.
 */
export function ServersTable({ view, onSort, selectedMac, onSelect, ...list }: ServersTableProps) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const pendingLabel = usePendingLabel();
  const formatDate = useFormatDate();

  const columns = useMemo((): DataColumn<ServerRow, ServerColumn>[] => {
    const text = (value: string | null) => value ?? '';
    return [
      {
        id: 'select',
        header: t('servers.table.select'),
        headerHidden: true,
        width: 48,
        required: true,
        sortable: false,
        cell: (row, selected) => (
          <Radio
            size="small"
            name="server-to-manage"
            value={row.mac}
            checked={selected}
            onChange={() => onSelect(row)}
            slotProps={{ input: { 'aria-label': t('servers.table.selectServer', { mac: displayMac(row.mac) }) } }}
            sx={{ p: 0.5 }}
          />
        ),
      },
      {
        id: 'mac',
        header: t('servers.columns.mac'),
        width: 140,
        importance: 9,
        sortable: true,
        monospace: true,
        text: (row) => displayMac(row.mac),
      },
      { id: 'model', header: t('servers.columns.model'), width: 120, importance: 5, sortable: true, text: (row) => row.model },
      {
        id: 'systemName',
        header: t('servers.columns.systemName'),
        width: 170,
        minWidth: 100,
        importance: 8,
        sortable: true,
        text: (row) => text(row.systemName),
      },
      {
        id: 'company',
        header: t('servers.columns.company'),
        width: 200,
        minWidth: 110,
        importance: 6,
        sortable: true,
        text: (row) => text(row.company),
      },
      { id: 'siteId', header: t('servers.columns.siteId'), width: 120, importance: 3, sortable: true, text: (row) => text(row.siteId) },
      {
        id: 'status',
        header: t('servers.columns.status'),
        width: 330,
        minWidth: 140,
        importance: 7,
        sortable: true,
        text: (row) => statusLabel(row.status),
        cell: (row) => (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', overflow: 'hidden' }}>
            <span>{statusLabel(row.status)}</span>
            {row.rma && (
              <Chip
                size="small"
                color={row.rma.state === 'requested' ? 'warning' : 'default'}
                label={row.rma.state === 'requested' ? t('servers.rma.underRma') : t('servers.rma.completed')}
              />
            )}
            {row.pending.map((change) =>
              change.status === 'needs_attention' ? (
                <Chip
                  key={change.operationId}
                  size="small"
                  color="error"
                  component="a"
                  href={pageHref('sync')}
                  clickable
                  label={pendingLabel(change)}
                  title={t('servers.pending.openSync')}
                  onClick={(event: { stopPropagation: () => void }) => event.stopPropagation()}
                />
              ) : (
                <Chip key={change.operationId} size="small" color="info" variant="outlined" label={pendingLabel(change)} />
              ),
            )}
          </Stack>
        ),
      },
      {
        id: 'addedAt',
        header: t('servers.columns.added'),
        width: 130,
        minWidth: 100,
        importance: 4,
        sortable: true,
        text: (row) => formatDate(row.addedAt),
      },
    ];
  }, [t, onSelect, statusLabel, pendingLabel, formatDate]);

  return (
    <DataTable
      {...list}
      label={t('servers.table.label')}
      tableId="servers"
      scrollLabel={t('servers.table.scrollLabel')}
      loadingMoreText={t('servers.table.loadingMore')}
      columns={columns}
      getRowId={(row) => row.mac}
      sort={{ column: view.sort, direction: view.direction }}
      onSort={(column) => {
        if (column !== 'select') onSort(column);
      }}
      selectedId={selectedMac}
      onRowClick={onSelect}
    />
  );
}
