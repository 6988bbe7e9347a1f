import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloudOutlined from '@mui/icons-material/CloudOutlined';
import PaletteOutlined from '@mui/icons-material/PaletteOutlined';
import SystemUpdateAltOutlined from '@mui/icons-material/SystemUpdateAltOutlined';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { AppearanceSettings } from './AppearanceSettings';
import { PortalSettings } from './PortalSettings';
import { UpdatesSettings } from './UpdatesSettings';
import { useSettingsForm } from './use-settings-form';

/**
 * One save model for the whole page (use-settings-form): every control edits the form; Save sends what changed in one
 * settings.set and confirms it, Discard changes puts back what is saved. While a control is not
 * edited it shows what the core holds, so a change made elsewhere appears here too.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, changed, saving, control, formError, dismissFormError, savedMessage, dismissSaved, submit, discard } =
    useSettingsForm();

  return (
    <Page title={t('settings.title')} description={t('settings.description')}>
      <Box
        component="form"
        noValidate
        aria-label={t('settings.title')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          submit();
        }}
        sx={{ display: 'grid', gap: 3 }}
      >
        {formError && <ApiErrorAlert title={t('settings.saveFailed')} error={formError} onClose={dismissFormError} />}
        <Section title={t('settings.appearance.title')} icon={<PaletteOutlined />}>
          {settings ? <AppearanceSettings theme={control('theme')} language={control('language')} /> : <FormSkeleton />}
        </Section>
        <Section title={t('settings.portal.title')} icon={<CloudOutlined />}>
          {settings ? (
            <PortalSettings
              portalUrl={control('portalUrl')}
              connectivityCheckSeconds={control('connectivityCheckSeconds')}
              syncIntervalMinutes={control('syncIntervalMinutes')}
            />
          ) : (
            <FormSkeleton />
          )}
        </Section>
        <Section title={t('settings.updates.title')} icon={<SystemUpdateAltOutlined />}>
          {settings ? <UpdatesSettings feedUrl={control('updateFeedUrl')} /> : <FormSkeleton />}
        </Section>
        <Paper
          variant="outlined"
          sx={{ position: 'sticky', bottom: 0, zIndex: 1, p: 2, display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}
        >
          <Button
            type="submit"
            variant="contained"
            disabled={changed.length === 0 || saving}
            startIcon={saving ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
          >
            {t('settings.save')}
          </Button>
          <Button type="button" onClick={discard} disabled={changed.length === 0 || saving}>
            {t('settings.discard')}
          </Button>
          <Typography aria-live="polite" variant="body2" color="text.secondary">
            {changed.length > 0 ? t('settings.unsaved', { count: changed.length }) : ''}
          </Typography>
        </Paper>
      </Box>
      <Snackbar
        open={savedMessage !== null}
        autoHideDuration={4000}
        onClose={(_event, reason) => reason !== 'clickaway' && dismissSaved()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={dismissSaved} sx={{ minWidth: 280 }}>
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
