import Alert from '@mui/material/Alert';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../api/CoreProvider';

const DISMISSED_KEY = 'fieldkey.settingsSetAsideNotice';

/**
 * Says once that the settings file could not be read and was set aside (defaults are in use).
 * Dismissed for the session by the moved file's name: a reload does not bring it back, and a
 * later damaged file (another name) is told again.
 */
export function SettingsSetAsideNotice() {
  const { t } = useTranslation();
  const file = useAppInfo().appInfo?.settingsFileSetAside ?? null;
  const [dismissed, setDismissed] = useState(() => readDismissed());
  if (!file || dismissed === file) return null;
  return (
    <Alert
      severity="warning"
      sx={{ borderRadius: 0 }}
      onClose={() => {
        writeDismissed(file);
        setDismissed(file);
      }}
    >
      {t('startupNotice.settingsSetAside', { file })}
    </Alert>
  );
}

function readDismissed(): string | null {
  try {
    return sessionStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}

function writeDismissed(file: string): void {
  try {
    sessionStorage.setItem(DISMISSED_KEY, file);
  } catch {
    // Storage refused (private mode): the notice stays dismissed until the page reloads.
  }
}
