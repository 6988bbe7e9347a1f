// The rows of a job in the shared virtualised grid (a job holds up to 15,000), sorted here: the
// job is read whole, so every column sorts in memory.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkJobRow } from '../../../../core/bulk/contract';
import { DataTable, type DataColumn, type DataTableSort } from '../../components/data-table/DataTable';
import { useOutcomeLabel } from './bulk-labels';
import { displayMac } from '../../i18n/format';
import { useSay } from '../../i18n/messages';

export type JobColumnId = 'row' | 'mac' | 'systemName' | 'authCode' | 'sku' | 'outcome' | 'featureKey' | 'reason';

const noop = () => {};

export function JobRowsTable({
  label,
  rows,
  columns: shown,
  emptyMessage,
  scrollKey,
}: {
  label: string;
  rows: BulkJobRow[];
  columns: JobColumnId[];
  emptyMessage: string;
  scrollKey: string;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const outcomeLabel = useOutcomeLabel();
  const [sort, setSort] = useState<DataTableSort<JobColumnId>>({ column: 'row', direction: 'asc' });

  const columns = useMemo(() => {
    const all: Record<JobColumnId, DataColumn<BulkJobRow, JobColumnId>> = {
      row: {
        id: 'row',
        header: t('bulk.rows.row'),
        width: 64,
        minWidth: 56,
        importance: 9,
        text: (row) => String(row.row),
        sortable: true,
      },
      mac: {
        id: 'mac',
        header: t('bulk.rows.mac'),
        width: 140,
        importance: 8,
        text: (row) => displayMac(row.mac),
        sortable: true,
        monospace: true,
      },
      systemName: {
        id: 'systemName',
        header: t('bulk.rows.systemName'),
        width: 200,
        minWidth: 100,
        importance: 3,
        text: (row) => row.systemName ?? '',
        sortable: true,
      },
      authCode: {
        id: 'authCode',
        header: t('bulk.rows.authCode'),
        width: 216,
        importance: 10,
        text: (row) => row.authCode,
        sortable: true,
        monospace: true,
      },
      sku: { id: 'sku', header: t('bulk.rows.sku'), width: 110, importance: 4, text: (row) => row.sku ?? '', sortable: true },
      outcome: {
        id: 'outcome',
        header: t('bulk.rows.outcome'),
        width: 120,
        importance: 7,
        text: (row) => outcomeLabel(row.outcome),
        sortable: true,
      },
      featureKey: {
        id: 'featureKey',
        header: t('bulk.rows.featureKey'),
        width: 228,
        importance: 6,
        text: (row) => row.featureKey ?? '',
        sortable: true,
        monospace: true,
      },
      reason: {
        id: 'reason',
        header: t('bulk.rows.reason'),
        width: 320,
        minWidth: 120,
        importance: 5,
        // The portal's words as it sent them, marked as its own; else FieldKey's message.
        text: (row) => (row.reason !== null ? t('bulk.rows.portalSaid', { reason: row.reason }) : row.refusal ? say(row.refusal) : ''),
        sortable: true,
      },
    };
    return shown.map((id) => all[id]);
  }, [shown, t, outcomeLabel, say]);

  const sorted = useMemo(() => {
    const spec = columns.find((column) => column.id === sort.column);
    const sign = sort.direction === 'asc' ? 1 : -1;
    if (!spec || sort.column === 'row') return sort.direction === 'asc' ? rows : [...rows].reverse();
    const text = spec.text ?? (() => '');
    return [...rows].sort((a, b) => sign * text(a).localeCompare(text(b)) || a.row - b.row);
  }, [rows, columns, sort]);

  return (
    <DataTable
      label={label}
      tableId="bulk-rows"
      scrollLabel={label}
      loadingMoreText=""
      columns={columns}
      rows={sorted}
      getRowId={(row) => String(row.row)}
      sort={sort}
      onSort={(column) =>
        setSort((current) =>
          current.column === column ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' },
        )
      }
      totalRows={rows.length}
      scrollKey={`${scrollKey}:${sort.column}:${sort.direction}`}
      hasMore={false}
      loadingMore={false}
      moreError={null}
      loadMore={noop}
      emptyMessage={emptyMessage}
    />
  );
}
