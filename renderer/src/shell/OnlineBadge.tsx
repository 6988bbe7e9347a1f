import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import { useTranslation } from 'react-i18next';
import { useOnlineState } from '../api/CoreProvider';

/** Online / Offline: whether the portal answered the last check. Live from `app.onlineChanged`. */
export function OnlineBadge() {
  const { t } = useTranslation();
  const { online } = useOnlineState();
  if (!online) return null;
  const tooltip = online.portalUrl
    ? online.online
      ? t('onlineBadge.reachable', { portalUrl: online.portalUrl })
      : t('onlineBadge.unreachable', { portalUrl: online.portalUrl })
    : t('onlineBadge.noPortal');
  return (
    <span role="status">
      <Tooltip title={tooltip} describeChild>
        <Chip
          tabIndex={0}
          size="small"
          variant={online.online ? 'filled' : 'outlined'}
          color={online.online ? 'success' : 'default'}
          icon={online.online ? <CloudDoneOutlined /> : <CloudOffOutlined />}
          label={online.online ? t('onlineBadge.online') : t('onlineBadge.offline')}
          sx={{ fontWeight: 600, px: 0.5 }}
        />
      </Tooltip>
    </span>
  );
}
