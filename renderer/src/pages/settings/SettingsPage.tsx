import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import CloudOutlined from '@mui/icons-material/CloudOutlined';
import PaletteOutlined from '@mui/icons-material/PaletteOutlined';
import SystemUpdateAltOutlined from '@mui/icons-material/SystemUpdateAltOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../api/CoreProvider';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { AppearanceSettings } from './AppearanceSettings';
import { PortalSettings } from './PortalSettings';
import { UpdatesSettings } from './UpdatesSettings';

/** Every setting goes through settings.set; what is shown is what the core holds. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [savedMessage, setSavedMessage] = useState<string | null>(null);

  return (
    <Page title={t('settings.title')} description={t('settings.description')}>
      <Section title={t('settings.appearance.title')} icon={<PaletteOutlined />}>
        {settings ? <AppearanceSettings settings={settings} /> : <FormSkeleton />}
      </Section>
      <Section title={t('settings.portal.title')} icon={<CloudOutlined />}>
        {settings ? <PortalSettings settings={settings} onSaved={() => setSavedMessage(t('settings.saved'))} /> : <FormSkeleton />}
      </Section>
      <Section title={t('settings.updates.title')} icon={<SystemUpdateAltOutlined />}>
        {settings ? <UpdatesSettings settings={settings} /> : <FormSkeleton />}
      </Section>
      <Snackbar
        open={savedMessage !== null}
        autoHideDuration={4000}
        onClose={(_event, reason) => reason !== 'clickaway' && setSavedMessage(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setSavedMessage(null)} sx={{ minWidth: 280 }}>
          {savedMessage}
        </Alert>
      </Snackbar>
    </Page>
  );
}

function FormSkeleton() {
  return (
    <Stack spacing={1}>
      <Skeleton variant="rounded" height={40} />
      <Skeleton variant="rounded" height={40} />
    </Stack>
  );
}
