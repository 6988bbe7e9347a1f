// A running import as every import page shows it: what is read (rows or pictures counted when the
// core says), a progress bar, and Cancel.
import { Alert, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportProgress } from '../../../../core/import/contract';

export function ImportRunning(props: {
  label: string;
  progressLabel: string;
  progress: ImportProgress | null;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { progress } = props;
  const counted =
    progress && progress.done > 0
      ? progress.phase === 'pictures'
        ? t('imports.pictures', { done: progress.done, total: progress.total })
        : t('imports.rows', { count: progress.done })
      : null;
  const determinate = progress !== null && progress.total > 0;
  return (
    <Alert
      severity="info"
      role="status"
      sx={{ '& .MuiAlert-message': { flexGrow: 1 } }}
      action={
        <Button color="inherit" size="small" disabled={props.cancelling} onClick={props.onCancel}>
          {t('imports.cancel')}
        </Button>
      }
    >
      <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
        <Typography variant="body2">{props.label}</Typography>
        {counted && <Typography variant="body2">{counted}</Typography>}
      </Stack>
      <LinearProgress
        aria-label={props.progressLabel}
        variant={determinate ? 'determinate' : 'indeterminate'}
        value={determinate ? (100 * progress.done) / progress.total : undefined}
      />
    </Alert>
  );
}
