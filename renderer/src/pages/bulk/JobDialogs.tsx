import Button from '@mui/material/Button';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkJobSummary } from '../../../../core/bulk/contract';

/** Rename: the job's new name (1–100 characters); Enter saves, Escape cancels. */
export function RenameJobDialog({
  job,
  busy,
  onRename,
  onClose,
}: {
  job: BulkJobSummary;
  busy: boolean;
  onRename: (name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(job.name);
  const trimmed = name.trim();
  return (
    <Dialog open onClose={onClose} aria-labelledby="bulk-rename-title" fullWidth maxWidth="sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed && !busy) onRename(trimmed);
        }}
      >
        <DialogTitle id="bulk-rename-title">{t('bulk.rename.title')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            label={t('bulk.rename.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={trimmed === ''}
            helperText={trimmed === '' ? t('bulk.rename.required') : ' '}
            slotProps={{ htmlInput: { maxLength: 100, autoComplete: 'off' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('bulk.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!trimmed || busy}>
            {t('bulk.rename.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Delete a draft, after saying what is lost (the job, not the codes: they stay in the inventory). */
export function DeleteJobDialog({
  job,
  busy,
  onDelete,
  onClose,
}: {
  job: BulkJobSummary;
  busy: boolean;
  onDelete: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open onClose={onClose} aria-labelledby="bulk-delete-title" aria-describedby="bulk-delete-text">
      <DialogTitle id="bulk-delete-title">{t('bulk.delete.title', { name: job.name })}</DialogTitle>
      <DialogContent>
        <DialogContentText id="bulk-delete-text">{t('bulk.delete.text')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('bulk.cancel')}
        </Button>
        <Button color="error" variant="contained" disabled={busy} onClick={onDelete}>
          {t('bulk.delete.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Start, after saying what cannot be taken back: how many codes are redeemed on how many systems.
 * Cancel has the focus, so Enter or a double click does not spend the codes.
 */
export function StartJobDialog({
  job,
  busy,
  onStart,
  onClose,
}: {
  job: BulkJobSummary;
  busy: boolean;
  onStart: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const codes = t('bulk.start.codes', { count: job.progress.total });
  const systems = t('bulk.start.systems', { count: job.macs });
  return (
    <Dialog open onClose={onClose} aria-labelledby="bulk-start-title" aria-describedby="bulk-start-text">
      <DialogTitle id="bulk-start-title">{t('bulk.start.title', { name: job.name })}</DialogTitle>
      <DialogContent>
        <DialogContentText id="bulk-start-text">{t('bulk.start.text', { codes, systems })}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('bulk.cancel')}
        </Button>
        <Button variant="contained" disabled={busy} onClick={onStart}>
          {t('bulk.start.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
