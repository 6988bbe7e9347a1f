import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import GridOnOutlined from '@mui/icons-material/GridOnOutlined';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkCodeOutcome } from '../../../../core/bulk/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { navigate, pageHref, useRoute } from '../../routing/hash-route';
import type { downloadExportedFile } from '../redeem/download';
import { JobProgress } from './JobProgress';
import { JobRowsTable } from './JobRowsTable';
import { JobScreen } from './JobScreen';
import { useBulkJob } from './use-bulk-job';

type OutcomeFilter = BulkCodeOutcome | 'all';
const FILTERS: readonly OutcomeFilter[] = ['all', 'redeemed', 'refused', 'waiting'];

/**
 * A started job's report: every code with its MAC, system name and outcome — redeemed with its
 * feature key, refused with the portal's reason, or waiting — filtered by outcome (kept in the URL),
 * live as answers arrive, and exported to Excel by the core.
 */
export function BulkReport({ jobId, save }: { jobId: number; save: typeof downloadExportedFile }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const route = useRoute('bulk');
  const asked = route.params.get('outcome');
  const filter: OutcomeFilter = (FILTERS as readonly string[]).includes(asked ?? '') ? (asked as OutcomeFilter) : 'all';
  const { job, error } = useBulkJob(jobId);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const number = new Intl.NumberFormat(i18n.language);

  const rows = useMemo(() => (job ? (filter === 'all' ? job.rows : job.rows.filter((row) => row.outcome === filter)) : []), [job, filter]);
  const count = (outcome: OutcomeFilter) =>
    job
      ? outcome === 'all'
        ? job.progress.total
        : outcome === 'redeemed'
          ? job.progress.redeemed
          : outcome === 'refused'
            ? job.progress.refused
            : job.progress.waiting
      : 0;
  const filterLabel = (outcome: OutcomeFilter) =>
    outcome === 'all'
      ? t('bulk.report.all', { n: number.format(count(outcome)) })
      : outcome === 'redeemed'
        ? t('bulk.report.redeemed', { n: number.format(count(outcome)) })
        : outcome === 'refused'
          ? t('bulk.report.refused', { n: number.format(count(outcome)) })
          : t('bulk.report.waiting', { n: number.format(count(outcome)) });

  const exportReport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      save(await api.invoke('bulk.export', { jobId }));
    } catch (err) {
      setExportError(toApiError(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <JobScreen
      title={job ? t('bulk.report.title', { name: job.name }) : t('bulk.report.titleLoading')}
      job={job}
      error={error}
      actions={
        job &&
        job.state !== 'draft' && (
          <Button variant="contained" startIcon={<GridOnOutlined />} disabled={exporting} onClick={() => void exportReport()}>
            {t('bulk.report.export')}
          </Button>
        )
      }
    >
      {job?.state === 'draft' && <Alert severity="info">{t('bulk.report.notStarted')}</Alert>}
      {job && job.state !== 'draft' && <JobProgress job={job} />}
      {exporting && <LinearProgress aria-label={t('bulk.report.exporting')} />}
      {exportError && <ApiErrorAlert title={t('bulk.report.exportFailed')} error={exportError} onClose={() => setExportError(null)} />}
      {job && (
        <>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={filter}
            aria-label={t('bulk.report.filter')}
            onChange={(_event, next: OutcomeFilter | null) => {
              if (next) navigate(pageHref('bulk', [String(jobId), 'report'], { outcome: next === 'all' ? null : next }), { replace: true });
            }}
          >
            {FILTERS.map((outcome) => (
              <ToggleButton key={outcome} value={outcome}>
                {filterLabel(outcome)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <JobRowsTable
            label={t('bulk.report.codes')}
            rows={rows}
            columns={['row', 'mac', 'systemName', 'authCode', 'outcome', 'featureKey', 'reason']}
            emptyMessage={t('bulk.report.none')}
            scrollKey={`${jobId}:${filter}`}
          />
        </>
      )}
    </JobScreen>
  );
}
