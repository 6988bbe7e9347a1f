import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import GridOnOutlined from '@mui/icons-material/GridOnOutlined';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyCount, KeySortColumn } from '../../../../core/keys/contract';
import { LastSynced } from '../../components/data-table/LastSynced';
import { ListFrame, tableListProps } from '../../components/data-table/ListFrame';
import { OutsideDates } from '../../components/data-table/OutsideDates';
import { ExportJobAlerts } from '../../components/export-job/ExportJobAlerts';
import { downloadExportedFile } from '../redeem/download';
import { FileDropOverlay } from '../../components/file-drop/FileDropOverlay';
import { ImportProblemAlert } from './ImportProblemAlert';
import { ImportReportDialog } from './ImportReportDialog';
import { KeyDetailsDialog } from './KeyDetailsDialog';
import { KeysFilterForm } from './KeysFilterForm';
import { KeysTable } from './KeysTable';
import { dateRangeProblem, filterFromView, nextSort } from './keys-filter';
import { useKeyExport } from './use-key-export';
import { useKeyImport } from './use-key-import';
import { ImportRunning } from '../../components/file-import/ImportRunning';
import { useKeyPages } from './use-key-pages';
import { useInvalidate } from '../../api/queries';
import { useKeysRoute } from './use-keys-route';

const systemClock = () => new Date();

export interface KeysPageProps {
  /** The clock (the default dates, "synced 5 minutes ago"); tests pass a fixed one. */
  now?: () => Date;
  /** Saves an exported file; tests pass a recorder. */
  save?: typeof downloadExportedFile;
}

/**
 * The portal's View Codes, from the local cache: search by dates and a field, every column sorted
 * by the core, a million keys read page by page as the user scrolls; a key's details over the list;
 * Export List to Excel; and Import portal export (button or drop) to fill the cache without a portal.
 */
export function KeysPage({ now = systemClock, save = downloadExportedFile }: KeysPageProps) {
  const { t } = useTranslation();
  const { view, detailCode, update, openDetails, closeDetails } = useKeysRoute(now);
  const searchable = dateRangeProblem(view) === null;
  const filter = useMemo(() => (searchable ? filterFromView(view) : null), [searchable, view]);
  const keys = useKeyPages(filter);
  const exporter = useKeyExport(save);
  const invalidate = useInvalidate();
  const importer = useKeyImport({ imported: () => void invalidate('keys.changed') });

  const onSort = useCallback((column: KeySortColumn) => update(nextSort(view, column), 'step'), [update, view]);

  return (
    <Box sx={{ maxWidth: 1480, mx: 'auto', px: { xs: 2, sm: 4 }, py: { xs: 3, sm: 4 } }}>
      <Typography variant="h1" tabIndex={-1} data-page-heading sx={{ outline: 'none', mb: 0.5 }}>
        {t('keys.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t('keys.description')}
      </Typography>

      <Stack spacing={2}>
        <KeysFilterForm view={view} onChange={update} />

        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} useFlexGap sx={{ alignItems: { md: 'center' }, flexWrap: 'wrap' }}>
          <Box sx={{ flexGrow: 1 }} role="status" aria-live="polite">
            <Typography component="span" sx={{ fontWeight: 600, mr: 2 }}>
              {keys.loading && keys.total === null ? (
                <Skeleton width={120} sx={{ display: 'inline-block' }} />
              ) : (
                <CountText total={keys.total} />
              )}
            </Typography>
            {!keys.loading && !keys.error && (
              <OutsideDates outside={keys.outsideDates} onInclude={() => update({ ...view, from: null, to: null }, 'step')} />
            )}
            {!keys.loading && !keys.error && <LastSynced at={keys.lastSyncedAt} now={now} never={t('keys.neverSynced')} />}
          </Box>
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hidden
            {...importer.fileInputProps}
          />
          <Button variant="outlined" startIcon={<FileUploadOutlined />} disabled={importer.importing !== null} onClick={importer.choose}>
            {t('keys.import.button')}
          </Button>
          <Button
            variant="outlined"
            startIcon={<GridOnOutlined />}
            disabled={exporter.job !== null || !filter || keys.loading || keys.rows.length === 0}
            onClick={() => filter && void exporter.start(filter)}
          >
            {t('keys.export.button')}
          </Button>
        </Stack>

        <ExportJobAlerts exporter={exporter} failedTitle={t('keys.export.failed')} />

        {importer.importing !== null && (
          <ImportRunning
            label={t('keys.import.importing', { file: importer.importing })}
            progressLabel={t('keys.import.progressLabel')}
            progress={importer.running.progress}
            cancelling={importer.running.cancelling}
            onCancel={() => void importer.running.cancel()}
          />
        )}
        {importer.running.cancelled && (
          <Alert severity="info" role="status" onClose={importer.running.dismissCancelled}>
            {t('imports.cancelled', { file: importer.running.cancelled })}
          </Alert>
        )}
        <ImportProblemAlert
          error={importer.error}
          refusal={importer.refusal}
          unreadable={importer.unreadable}
          onClose={importer.dismissProblem}
        />

        <ListFrame pages={keys} loadFailedTitle={t('keys.loadFailed')} loadingLabel={t('keys.table.loading')}>
          <KeysTable
            {...tableListProps(keys)}
            view={view}
            scrollKey={JSON.stringify(filter)}
            onSort={onSort}
            onDetails={openDetails}
            emptyMessage={keys.loading ? t('keys.table.loading') : !searchable ? t('keys.filter.reversed') : t('keys.table.empty')}
          />
        </ListFrame>
      </Stack>

      {importer.dragging && <FileDropOverlay text={t('keys.import.dropHere')} />}
      {detailCode && <KeyDetailsDialog authCode={detailCode} onClose={closeDetails} />}
      {importer.report && (
        <ImportReportDialog
          report={importer.report}
          onClose={importer.closeReport}
          onShowKeys={(range) => {
            importer.closeReport();
            update({ ...view, ...range, by: 'all', contains: '', sort: 'redeemedAt', direction: 'desc' }, 'step');
          }}
        />
      )}
    </Box>
  );
}

function CountText({ total }: { total: KeyCount | null }) {
  const { t } = useTranslation();
  if (!total) return null;
  if (!total.exact) return <>{t('keys.count.moreThan', { count: total.count })}</>;
  return <>{t('keys.count.keys', { count: total.count })}</>;
}
