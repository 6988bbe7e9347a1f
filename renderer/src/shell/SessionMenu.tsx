import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AccountCircleOutlined from '@mui/icons-material/AccountCircleOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../core/api/errors';
import { useSession } from '../api/CoreProvider';
import { toApiError } from '../api/core-store';
import { describeApiError } from '../components/ApiErrorAlert';

/** The signed-in user in the app bar, with Log out. Nothing when signed out (the nav offers Sign in). */
export function SessionMenu() {
  const { t } = useTranslation();
  const { session, logout } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!session?.loggedIn) return null;

  const onLogout = async () => {
    setBusy(true);
    try {
      await logout();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Tooltip title={t('session.signedInTooltip', { portalUrl: session.portalUrl ?? '' })} describeChild>
        <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }} tabIndex={0}>
          <AccountCircleOutlined fontSize="small" aria-hidden />
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {session.username}
          </Typography>
        </Stack>
      </Tooltip>
      <Button color="inherit" size="small" onClick={() => void onLogout()} disabled={busy} startIcon={<LogoutOutlined />}>
        {t('session.logOut')}
      </Button>
      <Snackbar open={error !== null} onClose={() => setError(null)}>
        <Alert severity="error" onClose={() => setError(null)}>
          {t('session.logOutFailed', { reason: error ? describeApiError(error, t) : '' })}
        </Alert>
      </Snackbar>
    </Stack>
  );
}
