import type { TFunction } from 'i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import LoginOutlined from '@mui/icons-material/LoginOutlined';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import { fieldErrorsOf } from '../../api/api-errors';
import { useAppInfo, useSession } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { apiErrorMessage, describeApiError } from '../../components/ApiErrorAlert';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { pageHref, SIGNED_IN_PAGE } from '../../routing/hash-route';
import { useSay } from '../../i18n/messages';

type LoginField = 'portalUrl' | 'username' | 'password';

/**
 * Whether the portal in use is the demo portal the host started itself (none was configured): its
 * demo account is public, so naming it is safe, and it is what a new user has to sign in to.
 */
export function isEmbeddedDemoPortal(portalUrl: string | null | undefined, embeddedPortalUrl: string | null | undefined): boolean {
  return Boolean(portalUrl && embeddedPortalUrl && portalUrl === embeddedPortalUrl);
}

/**
 * Signs in to the portal. The password lives in state only while it is typed: it is cleared the
 * moment the form is sent, whatever the answer.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const say = useSay();
  const { appInfo } = useAppInfo();
  const { session, login } = useSession();
  const [portalUrlDraft, setPortalUrlDraft] = useState<string | null>(null);
  const [usernameDraft, setUsernameDraft] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<LoginField, string>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [signingIn, setSigningIn] = useState(false);

  const knownPortal = session?.portalUrl ?? appInfo?.portalUrl ?? null;
  const portalUrl = portalUrlDraft ?? knownPortal ?? '';
  const username = usernameDraft ?? session?.username ?? '';

  const edit = (field: LoginField, value: string) => {
    if (field === 'portalUrl') setPortalUrlDraft(value);
    else if (field === 'username') setUsernameDraft(value);
    else setPassword(value);
    setFieldErrors(({ [field]: _cleared, ...others }) => others);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (signingIn) return;
    const sentPassword = password;
    setPassword('');
    setFormError(null);
    setFieldErrors({});
    setSigningIn(true);
    try {
      const typedPortal = portalUrl.trim();
      await login({
        // Only an address the user typed is sent; the one in effect is the core's default.
        ...(portalUrlDraft !== null && typedPortal !== '' && typedPortal !== knownPortal ? { portalUrl: typedPortal } : {}),
        username,
        password: sentPassword,
      });
      setPortalUrlDraft(null);
      setUsernameDraft(null);
      window.location.hash = pageHref(SIGNED_IN_PAGE);
    } catch (err) {
      const apiError = toApiError(err);
      const byField = fieldErrorsOf(apiError, say);
      const known: Partial<Record<LoginField, string>> = {};
      for (const field of ['portalUrl', 'username', 'password'] as const) {
        if (byField[field]) known[field] = byField[field];
      }
      setFieldErrors(known);
      if (Object.keys(known).length === 0) setFormError(apiError);
    } finally {
      setSigningIn(false);
    }
  };

  return (
    <Page title={t('signIn.title')} description={t('signIn.description')}>
      {session?.loggedIn && (
        <Alert severity="success" role="status">
          {t('signIn.alreadySignedIn', { username: session.username ?? '', portalUrl: session.portalUrl ?? '' })}
        </Alert>
      )}
      {isEmbeddedDemoPortal(knownPortal, appInfo?.embeddedPortalUrl) && (
        <Alert severity="info" role="note">
          {t('signIn.demoHint')}
        </Alert>
      )}
      <Section title={t('signIn.formTitle')} icon={<LoginOutlined />}>
        <Box component="form" noValidate aria-busy={signingIn} onSubmit={(event) => void submit(event)}>
          <Stack spacing={2.5}>
            {formError && (
              <Alert severity="error">
                <AlertTitle>{t('signIn.failed')}</AlertTitle>
                {describeLoginError(formError, t)}
              </Alert>
            )}
            <TextField
              label={t('signIn.portalUrl')}
              value={portalUrl}
              onChange={(event) => edit('portalUrl', event.target.value)}
              placeholder={t('settings.portalUrl.placeholder')}
              error={Boolean(fieldErrors.portalUrl)}
              helperText={fieldErrors.portalUrl}
              disabled={signingIn}
              fullWidth
              slotProps={{ htmlInput: { inputMode: 'url', spellCheck: false, autoComplete: 'url' } }}
            />
            <TextField
              label={t('signIn.username')}
              value={username}
              onChange={(event) => edit('username', event.target.value)}
              error={Boolean(fieldErrors.username)}
              helperText={fieldErrors.username}
              disabled={signingIn}
              sx={{ maxWidth: 440 }}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'username', autoCapitalize: 'none' } }}
            />
            <TextField
              label={t('signIn.password')}
              type="password"
              value={password}
              onChange={(event) => edit('password', event.target.value)}
              error={Boolean(fieldErrors.password)}
              helperText={fieldErrors.password}
              disabled={signingIn}
              sx={{ maxWidth: 440 }}
              slotProps={{ htmlInput: { autoComplete: 'current-password' } }}
            />
            {signingIn && <LinearProgress aria-label={t('signIn.signingIn')} />}
            <Stack direction="row" spacing={1.5}>
              <Button
                type="submit"
                variant="contained"
                disabled={signingIn}
                startIcon={signingIn ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
              >
                {t('signIn.submit')}
              </Button>
            </Stack>
          </Stack>
        </Box>
      </Section>
    </Page>
  );
}

/** The core's own sentence for the ways signing in fails that the user can act on; else with its code. */
function describeLoginError(error: ApiError, t: TFunction): string {
  switch (error.code) {
    case 'UNAUTHORIZED':
    case 'PORTAL_UNREACHABLE':
    case 'NOT_A_PORTAL':
    case 'PORTAL_REJECTED':
    case 'CONFLICT':
    case 'SECRETS_UNAVAILABLE':
    case 'VALIDATION':
      return apiErrorMessage(error, t) || t('errors.unexpected');
    default:
      return describeApiError(error, t);
  }
}
