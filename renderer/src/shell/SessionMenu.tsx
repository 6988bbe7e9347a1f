import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AccountCircleOutlined from '@mui/icons-material/AccountCircleOutlined';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/CoreProvider';
import { LogoutButton } from './LogoutButton';

/** The signed-in user in the app bar, with Log out. Nothing when signed out (the nav offers Sign in). */
export function SessionMenu() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session?.loggedIn) return null;

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Tooltip title={t('session.signedInTooltip', { portalUrl: session.portalUrl ?? '' })} describeChild>
        <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }} tabIndex={0}>
          <AccountCircleOutlined fontSize="small" aria-hidden />
          <Typography variant="body2" translate="no" sx={{ fontWeight: 600 }}>
            {session.username}
          </Typography>
        </Stack>
      </Tooltip>
      <LogoutButton color="inherit" />
    </Stack>
  );
}
