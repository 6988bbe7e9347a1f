import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { CodeRow, CodeSortColumn, CodeStatus } from '../../../../core/codes/contract';
import { DataTable, type DataColumn } from '../../components/data-table/DataTable';
import type { CodesView } from './codes-filter';
import { displayMac, useFormatDateTime } from '../../i18n/format';

type CodeColumn = CodeSortColumn | 'description' | 'source';
const SORTABLE: ReadonlySet<string> = new Set<CodeSortColumn>(['importedAt', 'code', 'sku', 'status', 'distributor', 'lastCheckedAt']);

export interface CodesTableProps {
  rows: CodeRow[];
  totalRows: number | null;
  view: CodesView;
  scrollKey: string;
  onSort: (column: CodeSortColumn) => void;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | null;
  loadMore: () => void;
  emptyMessage: ReactNode;
}

/** The human name of an inventory status. */
export function useStatusLabel() {
  const { t } = useTranslation();
  return (status: CodeStatus): string => {
    switch (status) {
      case 'unchecked':
        return t('codes.status.unchecked');
      case 'available':
        return t('codes.status.available');
      case 'redeemed':
        return t('codes.status.redeemed');
      case 'queued':
        return t('codes.status.queued');
      case 'unknown':
        return t('codes.status.unknown');
    }
  };
}

/** The code inventory in the shared DataTable: every column but Description and Source sorts on the core. */
export function CodesTable({ view, onSort, ...list }: CodesTableProps) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const formatDateTime = useFormatDateTime();

  const columns = useMemo((): DataColumn<CodeRow, CodeColumn>[] => {
    const date = (value: string | null) => (value ? formatDateTime(value) : '');
    const kind = (row: CodeRow) =>
      row.sourceKind === 'both'
        ? t('codes.source.both')
        : row.sourceKind === 'picture'
          ? t('codes.source.picture')
          : t('codes.source.text');
    return [
      { id: 'code', header: t('codes.columns.code'), width: 216, importance: 10, sortable: true, monospace: true, text: (row) => row.code },
      { id: 'sku', header: t('codes.columns.sku'), width: 110, importance: 8, sortable: true, text: (row) => row.sku ?? '' },
      {
        id: 'description',
        header: t('codes.columns.description'),
        width: 180,
        minWidth: 100,
        importance: 7,
        sortable: false,
        text: (row) => row.description ?? '',
      },
      {
        id: 'distributor',
        header: t('codes.columns.distributor'),
        width: 150,
        importance: 5,
        sortable: true,
        text: (row) => row.distributor ?? '',
      },
      {
        id: 'status',
        header: t('codes.columns.status'),
        width: 210,
        minWidth: 110,
        importance: 9,
        sortable: true,
        text: (row) =>
          row.status === 'redeemed' && row.redeemedMac
            ? t('codes.status.redeemedTo', { mac: displayMac(row.redeemedMac), date: date(row.redeemedAt) })
            : statusLabel(row.status),
      },
      {
        id: 'source',
        header: t('codes.columns.source'),
        width: 220,
        minWidth: 100,
        importance: 3,
        sortable: false,
        text: (row) =>
          row.sourceFile
            ? t('codes.source.place', {
                file: row.sourceFile,
                sheet: row.sourceSheet ?? '',
                row: row.sourceRow ?? '',
                kind: kind(row),
              })
            : kind(row),
      },
      {
        id: 'importedAt',
        header: t('codes.columns.imported'),
        width: 170,
        minWidth: 110,
        importance: 6,
        sortable: true,
        text: (row) => date(row.importedAt),
      },
      {
        id: 'lastCheckedAt',
        header: t('codes.columns.lastChecked'),
        width: 170,
        minWidth: 110,
        importance: 4,
        sortable: true,
        text: (row) => date(row.lastCheckedAt),
      },
    ];
  }, [t, formatDateTime, statusLabel]);

  return (
    <DataTable
      {...list}
      label={t('codes.table.label')}
      tableId="codes"
      scrollLabel={t('codes.table.scrollLabel')}
      loadingMoreText={t('codes.table.loadingMore')}
      columns={columns}
      getRowId={(row) => row.code}
      sort={{ column: view.sort, direction: view.direction }}
      onSort={(column) => {
        if (SORTABLE.has(column)) onSort(column as CodeSortColumn);
      }}
    />
  );
}
