import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkJob, BulkJobSummary } from '../../../../core/bulk/contract';
import { useApi } from '../../api/CoreProvider';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/Section';
import { useFormatDateTime } from '../../i18n/format';
import { fitTableSx, PINNED, WRAP } from '../../components/data-table/fit-table';
import { navigate } from '../../routing/hash-route';
import type { downloadExportedFile } from '../redeem/download';
import { useStateLabel } from './bulk-labels';
import { FileDropOverlay } from '../../components/file-drop/FileDropOverlay';
import { BulkRulesSection } from './BulkRulesSection';
import { InventoryJobDialog } from './InventoryJobDialog';
import { JobAlerts } from './JobAlerts';
import { DeleteJobDialog, RenameJobDialog, StartJobDialog } from './JobDialogs';
import { JobProgress } from './JobProgress';
import { sampleFile } from './sample-file';
import { bulkHref } from './use-bulk-route';
import { useBulkFile } from './use-bulk-file';
import { useBulkJobs } from './use-bulk-jobs';
import { useJobActions } from './use-job-actions';

/** Source, Started and Completed step out below this window width (the job's own page says them). */
const WIDE_ONLY = 'fk-wide-only';
const NARROW = '@media (max-width: 1499.95px)';

type Dialog = { kind: 'rename' | 'delete' | 'start'; job: BulkJobSummary } | { kind: 'inventory' } | null;

/**
 * The jobs, newest first, each with its state and what it allows (the seed's model): a draft is
 * reviewed, renamed, started or deleted; a started job is viewed and reported. New jobs come from a
 * file (button or drop) or from the inventory; the file rules are always listed.
 */
export function BulkJobsList({ save }: { save: typeof downloadExportedFile }) {
  const { t } = useTranslation();
  const api = useApi();
  const { jobs, error, reload } = useBulkJobs();
  const [dialog, setDialog] = useState<Dialog>(null);
  const actions = useJobActions();
  const open = (job: BulkJob) => navigate(bulkHref({ kind: 'job', jobId: job.id }));
  const file = useBulkFile({ send: (args) => api.invoke('bulk.createFromFile', args), sent: open });

  return (
    <Box sx={{ maxWidth: 1480, mx: 'auto', px: { xs: 2, sm: 4 }, py: { xs: 3, sm: 4 } }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' }, mb: 3 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h1" tabIndex={-1} data-page-heading sx={{ outline: 'none', mb: 0.5 }}>
            {t('bulk.title')}
          </Typography>
          <Typography color="text.secondary">{t('bulk.description')}</Typography>
        </Box>
        <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', justifyContent: { md: 'flex-end' } }}>
          <Button variant="contained" startIcon={<UploadFileOutlined />} disabled={file.sending !== null} onClick={file.choose}>
            {t('bulk.newFromFile')}
          </Button>
          <Button variant="outlined" startIcon={<Inventory2Outlined />} onClick={() => setDialog({ kind: 'inventory' })}>
            {t('bulk.newFromInventory')}
          </Button>
          <Button variant="text" startIcon={<FileDownloadOutlined />} onClick={() => save(sampleFile(t('bulk.sampleFileName')))}>
            {t('bulk.downloadSample')}
          </Button>
        </Stack>
      </Stack>
      <input {...file.fileInputProps} aria-label={t('bulk.newFromFile')} data-testid="bulk-file-input" />

      <Stack spacing={2.5}>
        <Typography color="text.secondary">{t('bulk.dropHint')}</Typography>
        <JobAlerts
          file={file}
          actions={actions}
          fileRefusedTitle={(fileName) => t('bulk.problems.fileRefused', { fileName })}
          fileFailedTitle={t('bulk.createFailed')}
        />

        <Section title={t('bulk.jobs.title')}>
          {error && (
            <ApiErrorAlert
              title={t('bulk.jobs.loadFailed')}
              error={error}
              action={
                <Button color="inherit" size="small" onClick={() => void reload()}>
                  {t('common.retry')}
                </Button>
              }
            />
          )}
          {jobs === null && !error && <LinearProgress aria-label={t('bulk.jobs.loading')} />}
          {jobs && (
            <JobsTable
              jobs={jobs}
              busy={actions.busy}
              onRename={(job) => setDialog({ kind: 'rename', job })}
              onDelete={(job) => setDialog({ kind: 'delete', job })}
              onStart={(job) => setDialog({ kind: 'start', job })}
            />
          )}
        </Section>
        <BulkRulesSection />
      </Stack>

      {file.dragging && <FileDropOverlay text={t('bulk.dropHere')} />}
      {dialog?.kind === 'rename' && (
        <RenameJobDialog
          job={dialog.job}
          busy={actions.busy}
          onClose={() => setDialog(null)}
          onRename={async (name) => {
            if (await actions.rename(dialog.job.id, name)) setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteJobDialog
          job={dialog.job}
          busy={actions.busy}
          onClose={() => setDialog(null)}
          onDelete={async () => {
            await actions.remove(dialog.job.id);
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'start' && (
        <StartJobDialog
          job={dialog.job}
          busy={actions.busy}
          onClose={() => setDialog(null)}
          onStart={async () => {
            await actions.start(dialog.job.id);
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'inventory' && <InventoryJobDialog onClose={() => setDialog(null)} onCreated={open} />}
    </Box>
  );
}

function JobsTable({
  jobs,
  busy,
  onRename,
  onDelete,
  onStart,
}: {
  jobs: BulkJobSummary[];
  busy: boolean;
  onRename: (job: BulkJobSummary) => void;
  onDelete: (job: BulkJobSummary) => void;
  onStart: (job: BulkJobSummary) => void;
}) {
  const { t, i18n } = useTranslation();
  const stateLabel = useStateLabel();
  const formatDateTime = useFormatDateTime();
  const number = new Intl.NumberFormat(i18n.language);
  if (jobs.length === 0) return <Typography color="text.secondary">{t('bulk.jobs.empty')}</Typography>;
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
  return (
    <TableContainer>
      {/* Fixed widths on the header cells (not a colgroup), so Started and Completed can step out on a narrower window. */}
      <Table size="small" aria-label={t('bulk.jobs.title')} sx={{ ...fitTableSx, [`& .${WIDE_ONLY}`]: { [NARROW]: { display: 'none' } } }}>
        <TableHead>
          <TableRow>
            <TableCell title={t('bulk.jobs.name')}>{t('bulk.jobs.name')}</TableCell>
            <TableCell className={WIDE_ONLY} title={t('bulk.jobs.source')}>
              {t('bulk.jobs.source')}
            </TableCell>
            <TableCell align="right" sx={{ width: 64 }}>
              {t('bulk.jobs.macs')}
            </TableCell>
            <TableCell align="right" sx={{ width: 72 }}>
              {t('bulk.jobs.codes')}
            </TableCell>
            <TableCell sx={{ width: 128 }}>{t('bulk.jobs.state')}</TableCell>
            <TableCell sx={{ width: 176 }}>{t('bulk.jobs.created')}</TableCell>
            <TableCell className={WIDE_ONLY} sx={{ width: 176 }}>
              {t('bulk.jobs.started')}
            </TableCell>
            <TableCell className={WIDE_ONLY} sx={{ width: 176 }}>
              {t('bulk.jobs.completed')}
            </TableCell>
            <TableCell className={PINNED} sx={{ width: 300, '&&': { textAlign: 'left' } }}>
              {t('bulk.jobs.actions')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {jobs.map((job) => {
            const empty = job.progress.total === 0;
            const reasonId = `bulk-start-reason-${job.id}`;
            const source = job.source === 'inventory' ? t('bulk.jobs.fromInventory') : (job.fileName ?? '');
            return (
              <TableRow key={job.id} aria-label={job.name}>
                <TableCell sx={{ fontWeight: 600 }} title={job.name}>
                  {job.name}
                </TableCell>
                <TableCell className={WIDE_ONLY} title={source}>
                  {source}
                </TableCell>
                <TableCell align="right">{number.format(job.macs)}</TableCell>
                <TableCell align="right">{number.format(job.progress.total)}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={stateLabel(job.state)}
                    color={job.state === 'completed' ? 'success' : job.state === 'in_progress' ? 'info' : 'default'}
                    variant={job.state === 'draft' ? 'outlined' : 'filled'}
                    sx={{ mb: job.state === 'in_progress' ? 1 : 0, maxWidth: '100%' }}
                  />
                  {job.state === 'in_progress' && <JobProgress job={job} />}
                </TableCell>
                <TableCell title={when(job.createdAt)}>{when(job.createdAt)}</TableCell>
                <TableCell className={WIDE_ONLY} title={when(job.startedAt)}>
                  {when(job.startedAt)}
                </TableCell>
                <TableCell className={WIDE_ONLY} title={when(job.completedAt)}>
                  {when(job.completedAt)}
                </TableCell>
                <TableCell className={`${PINNED} ${WRAP}`} sx={{ '&&': { textAlign: 'left' } }}>
                  <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
                    {job.state === 'draft' && (
                      <>
                        <Button size="small" variant="outlined" href={bulkHref({ kind: 'job', jobId: job.id })}>
                          {t('bulk.actions.review')}
                        </Button>
                        <Button size="small" onClick={() => onRename(job)}>
                          {t('bulk.actions.rename')}
                        </Button>
                        <Button
                          size="small"
                          variant="contained"
                          disabled={empty || busy}
                          aria-describedby={empty ? reasonId : undefined}
                          onClick={() => onStart(job)}
                        >
                          {t('bulk.actions.start')}
                        </Button>
                        <Button size="small" color="error" onClick={() => onDelete(job)}>
                          {t('bulk.actions.delete')}
                        </Button>
                        {empty && (
                          <Typography id={reasonId} variant="caption" color="text.secondary">
                            {t('bulk.actions.emptyReason')}
                          </Typography>
                        )}
                      </>
                    )}
                    {job.state === 'in_progress' && (
                      <Button size="small" variant="outlined" href={bulkHref({ kind: 'job', jobId: job.id })}>
                        {t('bulk.actions.view')}
                      </Button>
                    )}
                    {job.state !== 'draft' && (
                      <Button size="small" variant="outlined" href={bulkHref({ kind: 'report', jobId: job.id })}>
                        {t('bulk.actions.report')}
                      </Button>
                    )}
                  </Stack>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
