import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import Collapse from '@mui/material/Collapse';
import { useTranslation } from 'react-i18next';
import { useHostConnection } from '../api/CoreProvider';

/**
 * Shown while the WebSocket to the browser host is down; it reconnects on its own, so this only
 * informs and blocks nothing. Hidden again as soon as the link is back.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useHostConnection();
  const lost = connection === 'reconnecting';
  return (
    <div role="status" aria-live="polite">
      <Collapse in={lost} unmountOnExit>
        <Alert
          severity="warning"
          icon={<CircularProgress size={18} color="inherit" aria-hidden />}
          sx={{ borderRadius: 0, justifyContent: 'center' }}
        >
          {t('connection.reconnecting')}
        </Alert>
      </Collapse>
    </div>
  );
}
