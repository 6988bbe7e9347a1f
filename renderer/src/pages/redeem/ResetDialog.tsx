import Button from '@mui/material/Button';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Asked before Reset throws away typed codes; Esc or Cancel keeps them. */
export function ResetDialog({ open, onCancel, onConfirm }: { open: boolean; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const textId = useId();
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={titleId} aria-describedby={textId}>
      <DialogTitle id={titleId}>{t('redeem.reset.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id={textId}>{t('redeem.reset.text')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          {t('redeem.reset.cancel')}
        </Button>
        <Button onClick={onConfirm} color="error">
          {t('redeem.reset.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
