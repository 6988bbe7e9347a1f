import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyDetails } from '../../../../core/keys/contract';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Fact, FactList } from '../../components/FactList';
import { displayMac, useFormatDateTime } from '../../i18n/format';
import { pageHref } from '../../routing/hash-route';
import { useKeyDetails } from './use-key-details';
import { useSay } from '../../i18n/messages';

/** Details of one key over the list (`#/keys/<AUTH CODE>`): the key, its system and customer, its history. */
export function KeyDetailsDialog({ authCode, onClose }: { authCode: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { state, retry } = useKeyDetails(authCode);
  const titleId = useId();

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>{t('keys.details.title', { code: authCode })}</DialogTitle>
      <DialogContent>
        {state.status === 'loading' && <LinearProgress aria-label={t('keys.details.loading')} />}
        {state.status === 'missing' && (
          <Alert severity="info" role="status">
            {t('keys.details.missing')}
          </Alert>
        )}
        {state.status === 'failed' && (
          <ApiErrorAlert
            title={t('keys.details.loadFailed')}
            error={state.error}
            action={
              <Button color="inherit" size="small" onClick={() => void retry()}>
                {t('common.retry')}
              </Button>
            }
          />
        )}
        {state.status === 'found' && <KeyDetailsContent details={state.details} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('keys.details.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

function KeyDetailsContent({ details }: { details: KeyDetails }) {
  const { t } = useTranslation();
  const say = useSay();
  const formatDateTime = useFormatDateTime();
  const { key, system, history } = details;
  const mac = displayMac(key.mac);
  return (
    <Stack spacing={3}>
      <FactList>
        <Fact label={t('keys.details.authCode')} monospace copyText={key.authCode}>
          {key.authCode}
        </Fact>
        <Fact label={t('keys.details.featureKey')} monospace copyText={key.featureKey}>
          {key.featureKey}
        </Fact>
        <Fact label={t('keys.details.sku')}>{key.skuDescription ?? key.sku}</Fact>
        {key.distributor && <Fact label={t('keys.details.distributor')}>{key.distributor}</Fact>}
        <Fact label={t('keys.details.redeemed')}>{formatDateTime(key.redeemedAt)}</Fact>
        <Fact label={t('keys.details.origin')}>
          {key.origin === 'import' ? t('keys.details.originImport') : t('keys.details.originPortal')}
        </Fact>
      </FactList>
      <section aria-label={t('keys.details.system')}>
        <Typography variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600, mb: 1 }}>
          {t('keys.details.system')}
        </Typography>
        <FactList>
          <Fact label={t('keys.details.mac')} monospace>
            <Link href={pageHref('systems', [key.mac])}>{mac}</Link>
          </Fact>
          <Fact label={t('keys.details.systemName')}>{system?.name ?? key.systemName ?? t('keys.details.none')}</Fact>
          <Fact label={t('keys.details.customer')}>{system?.customer ?? key.customer ?? t('keys.details.none')}</Fact>
          {system?.serial && <Fact label={t('keys.details.serial')}>{system.serial}</Fact>}
          {system && <Fact label={t('keys.details.keyCount')}>{system.keyCount}</Fact>}
        </FactList>
      </section>
      <section aria-label={t('keys.details.history')}>
        <Typography variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600, mb: 0.5 }}>
          {t('keys.details.history')}
        </Typography>
        {history.length === 0 ? (
          <Typography color="text.secondary">{t('keys.details.noHistory')}</Typography>
        ) : (
          <List dense disablePadding>
            {history.map((entry) => (
              <ListItem key={`${entry.at}-${entry.event}`} disableGutters>
                <ListItemText primary={say(entry.description)} secondary={formatDateTime(entry.at)} />
              </ListItem>
            ))}
          </List>
        )}
      </section>
    </Stack>
  );
}
