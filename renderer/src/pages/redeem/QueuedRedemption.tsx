import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import { useTranslation } from 'react-i18next';
import type { RedemptionOperation } from '../../../../core/sync/contract';
import { pageHref } from '../../routing/hash-route';
import { monospaceFontStack } from '../../theme/theme';

/** A redemption waiting in the outbox: said plainly, with where to follow it and what it holds. */
export function QueuedRedemption({ operation, reason }: { operation: RedemptionOperation; reason: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      <Alert
        severity="info"
        role="status"
        action={
          <Button color="inherit" size="small" href={pageHref('sync')} sx={{ whiteSpace: 'nowrap' }}>
            {t('redeem.queued.openSync')}
          </Button>
        }
      >
        <AlertTitle>{t('redeem.queued.title')}</AlertTitle>
        {reason && `${reason} `}
        {t('redeem.queued.explanation')}
      </Alert>
      <List dense aria-label={t('redeem.queued.codesLabel')}>
        {operation.request.authCodes.map((code) => (
          <ListItem key={code} disableGutters>
            <ListItemText
              primary={code}
              slotProps={{ primary: { sx: { fontFamily: monospaceFontStack } } }}
              secondary={t('redeem.queued.waiting')}
            />
          </ListItem>
        ))}
      </List>
    </Stack>
  );
}
