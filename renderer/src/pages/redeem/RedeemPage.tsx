import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Fact, FactList } from '../../components/FactList';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { QueuedRedemption } from './QueuedRedemption';
import { RedeemForm } from './RedeemForm';
import { RedemptionResults } from './RedemptionResults';
import { useRedeemSession, type RedeemSession, type ShownRedemption } from './redeem-session';
import { defaultScanningTools, type ScanningTools } from './scanning';
import { displayMac } from '../../i18n/format';
import { useSay } from '../../i18n/messages';

/**
 * Redeem authorization codes: the portal's form, then its results (or, offline, the redemption
 * waiting in the outbox). The draft and the shown redemption live in the Redeem session, so a
 * visit to another page loses nothing.
 */
export function RedeemPage({ scanning = defaultScanningTools }: { scanning?: ScanningTools }) {
  const { t } = useTranslation();
  const [session, state] = useRedeemSession();
  const [copied, setCopied] = useState<string | null>(null);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  /** Set by a Redeem of this page: its outcome's heading takes the focus when it appears. */
  const focusOutcome = useRef(false);
  const shownId = state.shown?.operation.id ?? null;

  useEffect(() => {
    void session.refreshShown();
  }, [session]);

  // After Redeem (button or Ctrl+Enter) the form is gone: the focus goes to the heading of what
  // replaced it, which screen readers announce, instead of falling to the page's body.
  useEffect(() => {
    if (shownId === null || !focusOutcome.current) return;
    focusOutcome.current = false;
    outcomeHeading.current?.focus();
  }, [shownId]);

  return (
    <Page title={t('redeem.title')} description={t('redeem.description')} wide={Boolean(state.shown)}>
      {state.shown ? (
        <RedemptionOutcome session={session} shown={state.shown} onCopied={setCopied} headingRef={outcomeHeading} />
      ) : (
        <RedeemForm
          session={session}
          state={state}
          scanning={scanning}
          onRedeemed={() => {
            focusOutcome.current = true;
          }}
        />
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
  headingRef,
}: {
  session: RedeemSession;
  shown: ShownRedemption;
  onCopied: (message: string) => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const { operation } = shown;
  const { request } = operation;
  return (
    <Section
      title={shown.queued ? t('redeem.queued.sectionTitle') : t('redeem.results.title')}
      icon={<ReceiptLongOutlined />}
      headingRef={headingRef}
      action={
        <Button variant="contained" size="small" onClick={() => session.redeemMore()}>
          {t('redeem.results.redeemMore')}
        </Button>
      }
    >
      <FactList>
        <Fact label={t('redeem.results.system')}>
          {displayMac(request.mac)}
          {request.systemName ? ` · ${request.systemName}` : ''}
          {request.serial ? ` · ${t('redeem.results.serial', { serial: request.serial })}` : ''}
        </Fact>
      </FactList>
      {shown.queued || !operation.results ? (
        <QueuedRedemption operation={operation} reason={shown.queuedReason ? say(shown.queuedReason) : operation.lastError} />
      ) : (
        <RedemptionResults operation={operation} onCopied={onCopied} />
      )}
    </Section>
  );
}
