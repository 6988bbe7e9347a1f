import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { KeyRow, KeySortColumn } from '../../../../core/keys/contract';
import { DataTable, type DataColumn } from '../../components/data-table/DataTable';
import { displayMac, useFormatDateTime } from '../../i18n/format';
import type { KeyColumn, KeysView } from './keys-filter';

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
 * The Keys table: the portal's View Codes columns and a Details button per key (pinned: always in
 * view), in the shared DataTable. When room is short Distributor steps out first, then System Name.
 */
export function KeysTable({ view, onSort, onDetails, ...list }: KeysTableProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();

  const columns = useMemo((): DataColumn<KeyRow, KeyColumn>[] => {
    const importedLabel = t('keys.table.imported');
    return [
      {
        id: 'sku',
        header: t('keys.columns.sku'),
        width: 180,
        minWidth: 110,
        importance: 7,
        sortable: true,
        text: (row) => row.skuDescription ?? row.sku,
      },
      {
        id: 'distributor',
        header: t('keys.columns.distributor'),
        width: 120,
        importance: 3,
        sortable: true,
        text: (row) => row.distributor ?? '',
      },
      {
        id: 'authCode',
        header: t('keys.columns.authCode'),
        // Monospaced codes whole: 27 and 29 characters at 7.2 px, the padding, and the imported mark.
        width: 232,
        importance: 10,
        sortable: true,
        monospace: true,
        text: (row) => row.authCode,
        cell: (row) => (
          <>
            {row.authCode}
            {row.origin === 'import' && (
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
      },
      {
        id: 'featureKey',
        header: t('keys.columns.featureKey'),
        width: 228,
        importance: 9,
        sortable: true,
        monospace: true,
        text: (row) => row.featureKey,
      },
      {
        id: 'mac',
        header: t('keys.columns.mac'),
        width: 142,
        importance: 6,
        sortable: true,
        monospace: true,
        text: (row) => displayMac(row.mac),
      },
      {
        id: 'systemName',
        header: t('keys.columns.systemName'),
        width: 140,
        minWidth: 100,
        importance: 4,
        sortable: true,
        text: (row) => row.systemName ?? '',
      },
      {
        id: 'redeemedAt',
        header: t('keys.columns.redeemed'),
        width: 190,
        minWidth: 140,
        importance: 5,
        sortable: true,
        text: (row) => formatDateTime(row.redeemedAt),
      },
      {
        id: 'details',
        header: t('keys.columns.details'),
        width: 76,
        pinned: true,
        sortable: false,
        cell: (row) => (
          <Button
            size="small"
            sx={{ minWidth: 0, py: 0 }}
            aria-label={t('keys.table.detailsFor', { code: row.authCode })}
            onClick={() => onDetails(row.authCode)}
          >
            {t('keys.table.details')}
          </Button>
        ),
      },
    ];
  }, [t, onDetails, formatDateTime]);

  return (
    <DataTable
      {...list}
      label={t('keys.table.label')}
      tableId="keys"
      scrollLabel={t('keys.table.scrollLabel')}
      loadingMoreText={t('keys.table.loadingMore')}
      columns={columns}
      getRowId={(row) => row.authCode}
      sort={{ column: view.sort, direction: view.direction }}
      onSort={(column) => {
        if (column !== 'details') onSort(column);
      }}
    />
  );
}
