import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { BulkProblemsTable } from './BulkProblemsTable';
import type { useBulkFile } from './use-bulk-file';
import type { useJobActions } from './use-job-actions';

/**
 * What a file being read and the job actions have to say, shared by the jobs list (a new job's
 * file) and a draft's review (its replacement file): the file being read, its refusal with every
 * problem or its failure, a start refused with its problems, an action that failed.
 */
export function JobAlerts({
  file,
  actions,
  fileRefusedTitle,
  fileFailedTitle,
}: {
  file: ReturnType<typeof useBulkFile>;
  actions: ReturnType<typeof useJobActions>;
  fileRefusedTitle: (fileName: string) => string;
  fileFailedTitle: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {file.running.cancelled && (
        <Alert severity="info" role="status" onClose={file.running.dismissCancelled}>
          {t('imports.cancelled', { file: file.running.cancelled })}
        </Alert>
      )}
      {file.sending && (
        <Alert
          severity="info"
          role="status"
          sx={{ '& .MuiAlert-message': { flexGrow: 1 } }}
          action={
            <Button color="inherit" size="small" disabled={file.running.cancelling} onClick={() => void file.running.cancel()}>
              {t('imports.cancel')}
            </Button>
          }
        >
          {t('bulk.reading', { fileName: file.sending })}
          <LinearProgress aria-label={t('bulk.reading', { fileName: file.sending })} sx={{ mt: 1 }} />
        </Alert>
      )}
      {file.problems && (
        <BulkProblemsTable title={fileRefusedTitle(file.problems.fileName)} problems={file.problems.problems} onClose={file.dismiss} />
      )}
      {file.error && <ApiErrorAlert title={fileFailedTitle} error={file.error} onClose={file.dismiss} />}
      {actions.startProblems && (
        <BulkProblemsTable title={t('bulk.problems.startRefused')} problems={actions.startProblems} onClose={actions.dismiss} />
      )}
      {actions.error && <ApiErrorAlert title={t('bulk.actionFailed')} error={actions.error} onClose={actions.dismiss} />}
    </>
  );
}
