import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../ApiErrorAlert';
import type { ExportJob } from './use-export-job';

/**
 * A list export's state under its button: the rows written so far with Cancel while it runs,
 * "cancelled" after a Cancel, and the core's refusal (titled `failedTitle`) when it failed.
 */
export function ExportJobAlerts({ exporter, failedTitle }: { exporter: ExportJob; failedTitle: string }) {
  const { t } = useTranslation();
  const { job } = exporter;
  return (
    <>
      {job && (
        <Alert
          severity="info"
          role="status"
          action={
            <Button color="inherit" size="small" disabled={job.cancelling} onClick={() => void exporter.cancel()}>
              {t('exportJob.cancel')}
            </Button>
          }
          sx={{ '& .MuiAlert-message': { flexGrow: 1 } }}
        >
          <Typography variant="body2" sx={{ mb: 1 }}>
            {job.totalRows !== null && job.rowsWritten !== null
              ? t('exportJob.progress', { written: job.rowsWritten, count: job.totalRows })
              : t('exportJob.starting')}
          </Typography>
          {job.totalRows ? (
            <LinearProgress
              aria-label={t('exportJob.progressLabel')}
              variant="determinate"
              value={Math.min(100, Math.round(((job.rowsWritten ?? 0) / job.totalRows) * 100))}
            />
          ) : (
            <LinearProgress aria-label={t('exportJob.progressLabel')} />
          )}
        </Alert>
      )}
      {exporter.cancelled && (
        <Alert severity="info" role="status" onClose={exporter.dismiss}>
          {t('exportJob.cancelled')}
        </Alert>
      )}
      {exporter.error && <ApiErrorAlert title={failedTitle} error={exporter.error} onClose={exporter.dismiss} />}
    </>
  );
}
