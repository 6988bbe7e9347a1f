import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined';
import StorageOutlined from '@mui/icons-material/StorageOutlined';
import SyncOutlined from '@mui/icons-material/SyncOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import { useSession, useSync } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Fact, FactList } from '../../components/FactList';
import { Page } from '../../components/Page';
import { useSay } from '../../i18n/messages';
import { Section } from '../../components/Section';
import { useFormatDateTime } from '../../i18n/format';
import { LogoutButton } from '../../shell/LogoutButton';
import { OutboxSection } from './OutboxSection';
import { pageHref } from '../../routing/hash-route';

/** The sync engine as the user sees it: where it syncs, when it last did, what waits for the portal, what the cache holds. */
export function SyncPage() {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const { sync, progress, syncNow } = useSync();
  const { session } = useSession();
  const formatDateTime = useFormatDateTime();
  const [starting, setStarting] = useState(false);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const number = new Intl.NumberFormat(i18n.language);

  const running = Boolean(sync?.running) || starting;
  const onSyncNow = async () => {
    setStarting(true);
    setRunError(null);
    try {
      await syncNow();
    } catch (err) {
      setRunError(toApiError(err));
    } finally {
      setStarting(false);
    }
  };

  const loginNeeded = Boolean(sync?.loginNeeded) || sync?.lastError?.kind === 'login_needed';
  const value = (content: string | null | undefined) => (sync ? content : <Skeleton width={140} />);

  return (
    <Page title={t('sync.title')} description={t('sync.description')} wide>
      {runError && <ApiErrorAlert title={t('sync.runFailed')} error={runError} onClose={() => setRunError(null)} />}
      {sync?.lastError && !running && (
        <Alert
          severity={sync.lastError.kind === 'offline' || sync.lastError.kind === 'retry_later' ? 'warning' : 'error'}
          action={
            loginNeeded ? (
              <Button color="inherit" size="small" href={pageHref('sign-in')}>
                {t('sync.signInAgain')}
              </Button>
            ) : undefined
          }
        >
          <AlertTitle>{t('sync.lastErrorTitle')}</AlertTitle>
          {say(sync.lastError.said)}
        </Alert>
      )}
      {!sync?.lastError && loginNeeded && !running && (
        <Alert
          severity="info"
          role="status"
          action={
            <Button color="inherit" size="small" href={pageHref('sign-in')}>
              {t('sync.signIn')}
            </Button>
          }
        >
          {t('sync.loginNeeded')}
        </Alert>
      )}

      <Section
        title={t('sync.status.title')}
        icon={<CloudSyncOutlined />}
        action={
          <Stack direction="row" spacing={1}>
            {session?.loggedIn && <LogoutButton variant="outlined" />}
            <Button
              variant="contained"
              size="small"
              onClick={() => void onSyncNow()}
              disabled={running || !sync}
              startIcon={running ? <CircularProgress size={14} color="inherit" aria-hidden /> : <SyncOutlined />}
            >
              {t('sync.syncNow')}
            </Button>
          </Stack>
        }
      >
        <div role="status" aria-live="polite">
          {running && (
            <Stack spacing={1} sx={{ mb: 2.5 }}>
              {progress?.fraction === undefined ? (
                <LinearProgress aria-label={t('sync.progress.label')} />
              ) : (
                <LinearProgress aria-label={t('sync.progress.label')} variant="determinate" value={Math.round(progress.fraction * 100)} />
              )}
              <Typography variant="body2" color="text.secondary">
                {progress?.phase === 'full_resync'
                  ? t('sync.progress.fullResync', { count: number.format(progress.applied) })
                  : t('sync.progress.applied', { count: number.format(progress?.applied ?? 0) })}
              </Typography>
            </Stack>
          )}
        </div>
        <FactList>
          <Fact label={t('sync.status.online')}>
            {sync ? (
              <Chip
                size="small"
                color={sync.online ? 'success' : 'default'}
                variant={sync.online ? 'filled' : 'outlined'}
                label={sync.online ? t('onlineBadge.online') : t('onlineBadge.offline')}
              />
            ) : (
              <Skeleton width={140} />
            )}
          </Fact>
          <Fact label={t('sync.status.portal')}>{value(sync?.portalUrl ?? t('about.portal.notConfigured'))}</Fact>
          <Fact label={t('sync.status.user')}>
            {session ? session.loggedIn ? (session.username ?? '') : t('sync.status.notSignedIn') : <Skeleton width={140} />}
          </Fact>
          <Fact label={t('sync.status.lastSuccess')}>
            {value(sync?.lastSuccessAt ? formatDateTime(sync.lastSuccessAt) : t('sync.status.never'))}
          </Fact>
          {sync?.nextPullAt && <Fact label={t('sync.status.nextPull')}>{formatDateTime(sync.nextPullAt)}</Fact>}
        </FactList>
      </Section>

      <OutboxSection />

      <Section title={t('sync.cache.title')} icon={<StorageOutlined />}>
        <FactList>
          <Fact label={t('sync.cache.skus')}>{value(sync ? number.format(sync.cached.skus) : null)}</Fact>
          <Fact label={t('sync.cache.systems')}>{value(sync ? number.format(sync.cached.systems) : null)}</Fact>
          <Fact label={t('sync.cache.featureKeys')}>{value(sync ? number.format(sync.cached.featureKeys) : null)}</Fact>
        </FactList>
      </Section>
    </Page>
  );
}
