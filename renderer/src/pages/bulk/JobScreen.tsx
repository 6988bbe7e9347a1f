import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ArrowBack from '@mui/icons-material/ArrowBack';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkJob } from '../../../../core/bulk/contract';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Fact, FactList } from '../../components/FactList';
import { useFormatDateTime } from '../../i18n/format';
import { useStateLabel } from './bulk-labels';
import { bulkHref } from './use-bulk-route';

/** A job's screen below the list: Back to jobs, its name as the heading, its facts, then `children`. */
export function JobScreen({
  title,
  job,
  error,
  actions,
  children,
}: {
  title: string;
  job: BulkJob | null;
  error: ApiError | null;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const stateLabel = useStateLabel();
  const formatDateTime = useFormatDateTime();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Box sx={{ maxWidth: 1480, mx: 'auto', px: { xs: 2, sm: 4 }, py: { xs: 3, sm: 4 } }}>
      <Link href={bulkHref({ kind: 'list' })} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mb: 2 }}>
        <ArrowBack fontSize="small" />
        {t('bulk.back')}
      </Link>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' }, mb: 3 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h1" tabIndex={-1} data-page-heading sx={{ outline: 'none', mb: 1 }}>
            {title}
          </Typography>
          {job && (
            <Chip
              size="small"
              label={stateLabel(job.state)}
              color={job.state === 'completed' ? 'success' : job.state === 'in_progress' ? 'info' : 'default'}
              variant={job.state === 'draft' ? 'outlined' : 'filled'}
            />
          )}
        </Box>
        {actions && (
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', flexShrink: 0 }}>
            {actions}
          </Stack>
        )}
      </Stack>
      <Stack spacing={2.5}>
        {error && <ApiErrorAlert title={t('bulk.job.loadFailed')} error={error} />}
        {!job && !error && <LinearProgress aria-label={t('bulk.job.loading')} />}
        {job && (
          <FactList>
            <Fact label={t('bulk.jobs.source')}>{job.source === 'inventory' ? t('bulk.jobs.fromInventory') : (job.fileName ?? '')}</Fact>
            <Fact label={t('bulk.jobs.macs')}>{number.format(job.macs)}</Fact>
            <Fact label={t('bulk.jobs.codes')}>{number.format(job.progress.total)}</Fact>
            <Fact label={t('bulk.jobs.created')}>{formatDateTime(job.createdAt)}</Fact>
            {job.startedAt && <Fact label={t('bulk.jobs.started')}>{formatDateTime(job.startedAt)}</Fact>}
            {job.completedAt && <Fact label={t('bulk.jobs.completed')}>{formatDateTime(job.completedAt)}</Fact>}
          </FactList>
        )}
        {children}
      </Stack>
    </Box>
  );
}
