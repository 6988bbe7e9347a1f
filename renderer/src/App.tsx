import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { Suspense, use, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveLanguage } from '../../core/messages/language';
import { PSEUDO_LANGUAGE } from './i18n/pseudo';
import { AccessProblemPage } from './access/AccessProblemPage';
import type { AccessProblem, CoreConnection } from './api/connect';
import { CoreProvider, useApi, useAppInfo, useSession, useSettings } from './api/CoreProvider';
import { installErrorReporting, rendererErrorReport, reportRendererError } from './api/error-reporting';
import { describeApiError } from './components/ApiErrorAlert';
import { ErrorBoundary } from './components/ErrorBoundary';
import { AboutPage } from './pages/about/AboutPage';
import { KeysPage } from './pages/keys/KeysPage';
import { QuickLookupPage } from './pages/lookup/QuickLookupPage';
import { SystemsPage } from './pages/systems/SystemsPage';
import { ServersPage } from './pages/servers/ServersPage';
import { CodesPage } from './pages/codes/CodesPage';
import { BulkPage } from './pages/bulk/BulkPage';
import { RedeemPage } from './pages/redeem/RedeemPage';
import { RedemptionNotifier } from './pages/redeem/RedemptionNotifier';
import { SettingsPage } from './pages/settings/SettingsPage';
import { SignInPage } from './pages/sign-in/SignInPage';
import { SyncPage } from './pages/sync/SyncPage';
import { DEFAULT_PAGE, SIGNED_IN_PAGE, useCurrentPage, type PageId } from './routing/hash-route';
import { AppShell } from './shell/AppShell';
import { ThemeModeProvider } from './theme/ThemeModeProvider';
import { readThemeHint, writeThemeHint } from './theme/theme-hint';

/** The whole renderer, once it knows how (or whether) it reaches the core. */
export function App({ connecting }: { connecting: Promise<CoreConnection> }) {
  return (
    <Suspense
      fallback={
        <ThemeModeProvider setting={readThemeHint()}>
          <LinearProgress aria-hidden sx={{ position: 'fixed', top: 0, left: 0, right: 0 }} />
        </ThemeModeProvider>
      }
    >
      <Connected connecting={connecting} />
    </Suspense>
  );
}

function Connected({ connecting }: { connecting: Promise<CoreConnection> }) {
  const connection = use(connecting);
  const [lostAccess, setLostAccess] = useState<AccessProblem | null>(null);
  const link = connection.kind === 'connected' ? connection.link : null;

  useEffect(() => link?.onAccessLost(() => setLostAccess('token-expired')), [link]);
  const client = connection.kind === 'connected' ? connection.client : null;
  useEffect(() => (client ? installErrorReporting(client) : undefined), [client]);

  const problem = connection.kind === 'refused' ? connection.problem : lostAccess;
  if (problem) {
    return (
      <ThemeModeProvider setting={readThemeHint()}>
        <AccessProblemPage problem={problem} origin={window.location.origin} />
      </ThemeModeProvider>
    );
  }
  if (connection.kind !== 'connected') return null;
  return (
    <CoreProvider client={connection.client} link={connection.link}>
      <ThemedApp />
    </CoreProvider>
  );
}

function ThemedApp() {
  const { settings } = useSettings();
  const { i18n } = useTranslation();

  useEffect(() => {
    if (!settings) return;
    const language = resolveLanguage(settings.language, navigator.languages);
    if (i18n.language !== language && i18n.language !== PSEUDO_LANGUAGE) void i18n.changeLanguage(language);
  }, [i18n, settings]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  useEffect(() => {
    if (settings) writeThemeHint(settings.theme);
  }, [settings]);

  return (
    <ThemeModeProvider setting={settings?.theme ?? readThemeHint()}>
      <Pages />
    </ThemeModeProvider>
  );
}

function Pages() {
  const { sessionSettled } = useSession();
  // Until the core says who is signed in, the first page is unknown: a bar, not a page that
  // would flash before Sign in or Redeem replaces it.
  if (!sessionSettled) return <LinearProgress aria-hidden sx={{ position: 'fixed', top: 0, left: 0, right: 0 }} />;
  return <KnownSessionPages />;
}

function KnownSessionPages() {
  const { t } = useTranslation();
  const { session } = useSession();
  const api = useApi();
  const page = useCurrentPage(session?.loggedIn ? SIGNED_IN_PAGE : DEFAULT_PAGE);
  const { appInfo, loadError, reload } = useAppInfo();
  const titles: Record<PageId, string> = {
    redeem: t('redeem.title'),
    codes: t('codes.title'),
    bulk: t('bulk.title'),
    keys: t('keys.title'),
    lookup: t('lookup.title'),
    systems: t('systems.title'),
    servers: t('servers.title'),
    sync: t('sync.title'),
    settings: t('settings.title'),
    about: t('about.title'),
    'sign-in': t('signIn.title'),
  };
  const pages: Record<PageId, () => ReactNode> = {
    redeem: () => <RedeemPage />,
    codes: () => <CodesPage />,
    bulk: () => <BulkPage />,
    keys: () => <KeysPage />,
    lookup: () => <QuickLookupPage />,
    systems: () => <SystemsPage />,
    servers: () => <ServersPage />,
    sync: () => <SyncPage />,
    settings: () => <SettingsPage />,
    about: () => <AboutPage />,
    'sign-in': () => <SignInPage />,
  };

  return (
    <AppShell page={page} title={titles[page]}>
      {loadError && !appInfo ? (
        <Box sx={{ maxWidth: 880, mx: 'auto', p: 4 }}>
          <Alert
            severity="error"
            action={
              <Button color="inherit" size="small" onClick={() => void reload()}>
                {t('common.retry')}
              </Button>
            }
          >
            <AlertTitle>{t('errors.loadFailed')}</AlertTitle>
            {describeApiError(loadError, t)}
          </Alert>
        </Box>
      ) : (
        <ErrorBoundary
          key={page}
          fallback={<PageFailed />}
          onError={(error, componentStack) =>
            reportRendererError(api, rendererErrorReport('error-boundary', error, { componentStack, hash: window.location.hash }))
          }
        >
          {pages[page]()}
        </ErrorBoundary>
      )}
      <RedemptionNotifier />
    </AppShell>
  );
}

function PageFailed() {
  const { t } = useTranslation();
  return (
    <Box sx={{ maxWidth: 880, mx: 'auto', p: 4 }}>
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </Button>
        }
      >
        <AlertTitle>{t('errors.pageFailed')}</AlertTitle>
        {t('errors.pageFailedHelp')}
      </Alert>
    </Box>
  );
}
