import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import AppsOutlined from '@mui/icons-material/AppsOutlined';
import CloudOutlined from '@mui/icons-material/CloudOutlined';
import RefreshOutlined from '@mui/icons-material/RefreshOutlined';
import SaveAltOutlined from '@mui/icons-material/SaveAltOutlined';
import SupportOutlined from '@mui/icons-material/SupportOutlined';
import Typography from '@mui/material/Typography';
import StorageOutlined from '@mui/icons-material/StorageOutlined';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import { useAppInfo, useOnlineState } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Fact, FactList } from '../../components/FactList';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { useFormatDateTime } from '../../i18n/format';
import { navigate, pageHref, useRoute } from '../../routing/hash-route';
import type { downloadExportedFile } from '../redeem/download';
import { useSaveDiagnostics } from './use-save-diagnostics';

/** What runs, where its data lives, and whether the portal answers; Save diagnostics for support. */
export function AboutPage({ save }: { save?: typeof downloadExportedFile } = {}) {
  const { t } = useTranslation();
  const diagnostics = useSaveDiagnostics(save);
  const route = useRoute();
  const startDiagnostics = diagnostics.start;

  // The desktop app's Help → Save diagnostics opens `#/about?action=diagnostics`: start the save
  // once and drop the parameter, so reload or Back does not save again.
  const diagnosticsAsked = route.page === 'about' && route.params.get('action') === 'diagnostics';
  useEffect(() => {
    if (!diagnosticsAsked) return;
    navigate(pageHref('about'), { replace: true });
    void startDiagnostics();
  }, [diagnosticsAsked, startDiagnostics]);
  const { appInfo, reload } = useAppInfo();
  const { online, checkNow } = useOnlineState();
  const formatDateTime = useFormatDateTime();
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<ApiError | null>(null);

  // Fresh facts on every later visit: the last periodic check may be newer than what we hold.
  // (The first load is the store's own; loading twice at start would only race it.)
  const loadedBeforeVisit = useRef(appInfo !== null);
  useEffect(() => {
    if (loadedBeforeVisit.current) void reload();
  }, [reload]);

  const onCheckNow = async () => {
    setChecking(true);
    setCheckError(null);
    try {
      await checkNow();
    } catch (err) {
      setCheckError(toApiError(err));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Page title={t('about.title')} description={t('about.description')}>
      <Section title={t('about.application.title')} icon={<AppsOutlined />}>
        <FactList>
          <Fact label={t('about.application.version')}>{appInfo ? appInfo.version : <ValueSkeleton />}</Fact>
          <Fact label={t('about.application.host')}>
            {appInfo ? (
              appInfo.host === 'electron' ? (
                t('about.application.hostElectron')
              ) : (
                t('about.application.hostBrowser')
              )
            ) : (
              <ValueSkeleton />
            )}
          </Fact>
        </FactList>
      </Section>

      <Section title={t('about.storage.title')} icon={<StorageOutlined />}>
        <FactList>
          <Fact label={t('about.storage.dataDir')} monospace copyText={appInfo?.dataDir}>
            {appInfo ? appInfo.dataDir : <ValueSkeleton wide />}
          </Fact>
          <Fact label={t('about.storage.databaseFile')} monospace copyText={appInfo?.databaseFile}>
            {appInfo ? appInfo.databaseFile : <ValueSkeleton wide />}
          </Fact>
          <Fact label={t('about.storage.schemaVersion')}>{appInfo ? appInfo.schemaVersion : <ValueSkeleton />}</Fact>
        </FactList>
      </Section>

      <Section
        title={t('about.portal.title')}
        icon={<CloudOutlined />}
        action={
          <Button
            variant="outlined"
            size="small"
            onClick={() => void onCheckNow()}
            disabled={checking || !online}
            startIcon={checking ? <CircularProgress size={16} color="inherit" aria-hidden /> : <RefreshOutlined />}
          >
            {t('about.portal.checkNow')}
          </Button>
        }
      >
        <Stack spacing={2}>
          {checkError && <ApiErrorAlert title={t('about.portal.checkFailed')} error={checkError} onClose={() => setCheckError(null)} />}
          <FactList>
            <Fact label={t('about.portal.address')} monospace={Boolean(online?.portalUrl)}>
              {online ? (online.portalUrl ?? t('about.portal.notConfigured')) : <ValueSkeleton wide />}
            </Fact>
            <Fact label={t('about.portal.status')}>
              {online ? (
                <Chip
                  size="small"
                  color={online.online ? 'success' : 'default'}
                  variant={online.online ? 'filled' : 'outlined'}
                  label={online.online ? t('onlineBadge.online') : t('onlineBadge.offline')}
                  sx={{ fontWeight: 600 }}
                />
              ) : (
                <ValueSkeleton />
              )}
            </Fact>
            <Fact label={t('about.portal.lastChecked')}>
              {online ? online.checkedAt ? formatDateTime(online.checkedAt) : t('about.portal.neverChecked') : <ValueSkeleton />}
            </Fact>
          </FactList>
        </Stack>
      </Section>

      <Section
        title={t('about.diagnostics.title')}
        icon={<SupportOutlined />}
        action={
          <Button
            variant="outlined"
            size="small"
            onClick={() => void diagnostics.start()}
            disabled={diagnostics.saving}
            startIcon={diagnostics.saving ? <CircularProgress size={16} color="inherit" aria-hidden /> : <SaveAltOutlined />}
          >
            {diagnostics.saving ? t('about.diagnostics.saving') : t('about.diagnostics.save')}
          </Button>
        }
      >
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {t('about.diagnostics.description')}
          </Typography>
          {diagnostics.error && (
            <ApiErrorAlert title={t('about.diagnostics.failed')} error={diagnostics.error} onClose={diagnostics.dismiss} />
          )}
          {diagnostics.savedAs && (
            <Alert severity="success" role="status">
              {t('about.diagnostics.saved', { fileName: diagnostics.savedAs })}
            </Alert>
          )}
        </Stack>
      </Section>
    </Page>
  );
}

function ValueSkeleton({ wide }: { wide?: boolean }) {
  return <Skeleton variant="text" width={wide ? 280 : 80} />;
}
