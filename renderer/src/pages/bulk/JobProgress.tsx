import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { BulkJobSummary } from '../../../../core/bulk/contract';
import { useSay } from '../../i18n/messages';

/** A started job's progress: a bar of the codes answered, the counts, and what it waits on. */
export function JobProgress({ job }: { job: Pick<BulkJobSummary, 'name' | 'progress' | 'waitingFor'> }) {
  const { t } = useTranslation();
  const say = useSay();
  const { total, redeemed, refused, waiting } = job.progress;
  const answered = redeemed + refused;
  const percent = total === 0 ? 100 : Math.round((answered / total) * 100);
  return (
    <Box sx={{ minWidth: 200 }}>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={t('bulk.progress.label', { name: job.name })}
        aria-valuetext={t('bulk.progress.valueText', { answered, count: total })}
        sx={{ height: 8, borderRadius: 1, mb: 0.5 }}
      />
      <Typography variant="body2">
        {t('bulk.progress.counts', {
          redeemed: t('bulk.progress.redeemed', { count: redeemed }),
          refused: t('bulk.progress.refused', { count: refused }),
          waiting: t('bulk.progress.waiting', { count: waiting }),
        })}
      </Typography>
      {job.waitingFor && (
        <Typography variant="body2" color="warning.main">
          {say(job.waitingFor)}
        </Typography>
      )}
    </Box>
  );
}
