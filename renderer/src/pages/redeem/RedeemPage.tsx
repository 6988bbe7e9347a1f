import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Fact, FactList } from '../../components/FactList';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { formatMac } from './code-formats';
import { QueuedRedemption } from './QueuedRedemption';
import { RedeemForm } from './RedeemForm';
import { RedemptionResults } from './RedemptionResults';
import { useRedeemSession, type RedeemSession, type ShownRedemption } from './redeem-session';
import { defaultScanningTools, type ScanningTools } from './scanning';

/**
 * Redeem authorization codes: the portal's form, then its results (or, offline, the redemption
 * waiting in the outbox). The draft and the shown redemption live in the Redeem session, so a
 * visit to another page loses nothing.
 */
export function RedeemPage({ scanning = defaultScanningTools }: { scanning?: ScanningTools }) {
  const { t } = useTranslation();
  const [session, state] = useRedeemSession();
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    void session.refreshShown();
  }, [session]);

  return (
    <Page title={t('redeem.title')} description={t('redeem.description')}>
      {state.shown ? (
        <RedemptionOutcome session={session} shown={state.shown} onCopied={setCopied} />
      ) : (
        <RedeemForm session={session} state={state} scanning={scanning} />
      )}
      <Snackbar
        open={copied !== null}
        autoHideDuration={3000}
        onClose={(_event, reason) => reason !== 'clickaway' && setCopied(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setCopied(null)} sx={{ minWidth: 280 }}>
          {copied}
        </Alert>
      </Snackbar>
    </Page>
  );
}

function RedemptionOutcome({
  session,
  shown,
  onCopied,
}: {
  session: RedeemSession;
  shown: ShownRedemption;
  onCopied: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { operation } = shown;
  const { request } = operation;
  return (
    <Section
      title={shown.queued ? t('redeem.queued.sectionTitle') : t('redeem.results.title')}
      icon={<ReceiptLongOutlined />}
      action={
        <Button variant="contained" size="small" onClick={() => session.redeemMore()}>
          {t('redeem.results.redeemMore')}
        </Button>
      }
    >
      <FactList>
        <Fact label={t('redeem.results.system')}>
          {formatMac(request.mac)}
          {request.systemName ? ` · ${request.systemName}` : ''}
          {request.serial ? ` · ${t('redeem.results.serial', { serial: request.serial })}` : ''}
        </Fact>
      </FactList>
      {shown.queued || !operation.results ? (
        <QueuedRedemption operation={operation} reason={shown.queuedReason ?? operation.lastError} />
      ) : (
        <RedemptionResults operation={operation} onCopied={onCopied} />
      )}
    </Section>
  );
}
