import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import AssessmentOutlined from '@mui/icons-material/AssessmentOutlined';
import PlayArrowOutlined from '@mui/icons-material/PlayArrowOutlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/CoreProvider';
import { navigate } from '../../routing/hash-route';
import { FileDropOverlay } from '../../components/file-drop/FileDropOverlay';
import { BulkRulesSection } from './BulkRulesSection';
import { JobAlerts } from './JobAlerts';
import { RenameJobDialog, StartJobDialog } from './JobDialogs';
import { JobProgress } from './JobProgress';
import { JobRowsTable } from './JobRowsTable';
import { JobScreen } from './JobScreen';
import { bulkHref } from './use-bulk-route';
import { useBulkFile } from './use-bulk-file';
import { useBulkJob } from './use-bulk-job';
import { useJobActions } from './use-job-actions';

/**
 * A job's rows. A draft is reviewed here, back and forth: its file replaced (a refused file leaves
 * the draft as it was), renamed, started. A started job's rows are read only, with its progress.
 */
export function BulkJobView({ jobId }: { jobId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { job, error, replace } = useBulkJob(jobId);
  const [renaming, setRenaming] = useState(false);
  const [starting, setStarting] = useState(false);
  const actions = useJobActions();
  const draft = job?.state === 'draft';
  const file = useBulkFile({
    send: (args) => api.invoke('bulk.replaceFile', { jobId, ...args }),
    sent: (next) => replace(next),
  });
  const empty = job !== null && job.progress.total === 0;

  const start = async () => {
    const started = await actions.start(jobId);
    setStarting(false);
    if (started) navigate(bulkHref({ kind: 'report', jobId }));
  };

  return (
    <JobScreen
      title={job ? job.name : t('bulk.job.title')}
      job={job}
      error={error}
      actions={
        job &&
        (draft ? (
          <>
            <Button variant="outlined" startIcon={<UploadFileOutlined />} disabled={file.sending !== null} onClick={file.choose}>
              {t('bulk.job.replaceFile')}
            </Button>
            <Button variant="outlined" onClick={() => setRenaming(true)}>
              {t('bulk.actions.rename')}
            </Button>
            <Button
              variant="contained"
              startIcon={<PlayArrowOutlined />}
              disabled={empty || actions.busy}
              aria-describedby={empty ? 'bulk-job-start-reason' : undefined}
              onClick={() => setStarting(true)}
            >
              {t('bulk.job.start')}
            </Button>
          </>
        ) : (
          <Button variant="contained" startIcon={<AssessmentOutlined />} href={bulkHref({ kind: 'report', jobId })}>
            {t('bulk.actions.report')}
          </Button>
        ))
      }
    >
      <input {...file.fileInputProps} aria-label={t('bulk.job.replaceFile')} data-testid="bulk-replace-input" />
      {empty && draft && (
        <Typography id="bulk-job-start-reason" color="text.secondary">
          {t('bulk.actions.emptyReason')}
        </Typography>
      )}
      {job && !draft && <JobProgress job={job} />}
      {job && !draft && (
        <Alert severity="info" role="note">
          {t('bulk.job.readOnly')}
        </Alert>
      )}
      <JobAlerts
        file={file}
        actions={actions}
        fileRefusedTitle={(fileName) => t('bulk.problems.replaceRefused', { fileName })}
        fileFailedTitle={t('bulk.replaceFailed')}
      />
      {job && (
        <JobRowsTable
          label={t('bulk.job.rows')}
          rows={job.rows}
          columns={draft ? ['row', 'mac', 'systemName', 'authCode', 'sku'] : ['row', 'mac', 'systemName', 'authCode', 'sku', 'outcome']}
          emptyMessage={t('bulk.job.noRows')}
          scrollKey={String(jobId)}
        />
      )}
      {draft && <BulkRulesSection />}
      {draft && file.dragging && <FileDropOverlay text={t('bulk.job.dropHere')} />}
      {starting && job && <StartJobDialog job={job} busy={actions.busy} onClose={() => setStarting(false)} onStart={() => void start()} />}
      {renaming && job && (
        <RenameJobDialog
          job={job}
          busy={actions.busy}
          onClose={() => setRenaming(false)}
          onRename={async (name) => {
            if (await actions.rename(jobId, name)) setRenaming(false);
          }}
        />
      )}
    </JobScreen>
  );
}
