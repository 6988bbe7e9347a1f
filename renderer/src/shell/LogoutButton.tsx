import Alert from '@mui/material/Alert';
import Button, { type ButtonProps } from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../core/rpc/errors';
import { useSession } from '../api/CoreProvider';
import { toApiError } from '../api/core-store';
import { describeApiError } from '../components/ApiErrorAlert';

/** Log out of the portal (app bar and Sync page); a failure is shown, never swallowed. */
export function LogoutButton(props: Pick<ButtonProps, 'color' | 'variant' | 'size'>) {
  const { t } = useTranslation();
  const { logout } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

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
    <>
      <Button size="small" {...props} onClick={() => void onLogout()} disabled={busy} startIcon={<LogoutOutlined />}>
        {t('session.logOut')}
      </Button>
      <Snackbar open={error !== null} onClose={() => setError(null)}>
        <Alert severity="error" onClose={() => setError(null)}>
          {t('session.logOutFailed', { reason: error ? describeApiError(error, t) : '' })}
        </Alert>
      </Snackbar>
    </>
  );
}
