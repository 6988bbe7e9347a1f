import type { TFunction } from 'i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pageHref } from '../../routing/hash-route';
import { useRedeemSession, type RedemptionNotice } from './redeem-session';
import { displayMac } from '../../i18n/format';

/**
 * Announces a queued redemption that the portal has now answered, on whichever page is open: a
 * snackbar, and a system notification when the user has already allowed them (never asked here).
 */
export function RedemptionNotifier() {
  const { t } = useTranslation();
  const [session, { notices, shown }] = useRedeemSession();
  const announced = useRef(new Set<number>());
  const notice = notices[0] ?? null;
  const message = notice ? describeNotice(notice, t) : '';

  useEffect(() => {
    if (!notice || announced.current.has(notice.id)) return;
    announced.current.add(notice.id);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      new Notification(t('app.name'), { body: message });
    }
  }, [notice, message, t]);

  const showsIt = notice !== null && shown?.operation.id === notice.operation.id;
  return (
    <Snackbar
      key={notice?.id}
      open={notice !== null}
      onClose={(_event, reason) => reason !== 'clickaway' && notice && session.dismissNotice(notice.id)}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert
        severity={notice?.operation.status === 'done' ? 'success' : 'warning'}
        variant="filled"
        onClose={() => notice && session.dismissNotice(notice.id)}
        action={
          showsIt ? (
            <Button color="inherit" size="small" href={pageHref('redeem')} onClick={() => notice && session.dismissNotice(notice.id)}>
              {t('redeem.notice.show')}
            </Button>
          ) : undefined
        }
        sx={{ minWidth: 320 }}
      >
        {message}
      </Alert>
    </Snackbar>
  );
}

function describeNotice({ operation }: RedemptionNotice, t: TFunction): string {
  const results = operation.results ?? [];
  const redeemed = results.filter((result) => result.status === 'redeemed').length;
  const mac = displayMac(operation.request.mac);
  return operation.status === 'done'
    ? t('redeem.notice.done', { count: redeemed, mac })
    : t('redeem.notice.needsAttention', {
        mac,
        redeemed: t('redeem.notice.redeemed', { count: redeemed }),
        failed: t('redeem.notice.notRedeemed', { count: results.length - redeemed }),
      });
}
