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
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import { fieldErrorsOf } from '../../api/api-errors';
import { useSettings } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { AppearanceSettings } from './AppearanceSettings';
import { PortalSettings } from './PortalSettings';
import {
  changedFields,
  DRAFT_FIELDS,
  patchFromDraft,
  shownText,
  type DraftField,
  type SettingControl,
  type SettingsDraft,
} from './settings-draft';
import { UpdatesSettings } from './UpdatesSettings';

/**
 * One save model for the whole page: every control edits a draft; Save sends what changed in one
 * settings.set and confirms it, Discard changes puts back what is saved. While a control is not
 * edited it shows what the core holds, so a change made elsewhere appears here too.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, save } = useSettings();
  const [draft, setDraft] = useState<SettingsDraft>({});
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const changed = settings ? changedFields(settings, draft) : [];

  const control = (field: DraftField): SettingControl => ({
    value: settings ? shownText(settings, draft, field) : '',
    error: fieldErrors[field] ?? null,
    onChange: (value) => {
      setDraft((current) => ({ ...current, [field]: value }));
      setFieldErrors(({ [field]: _cleared, ...others }) => others);
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!settings || changed.length === 0 || saving) return;
    setFormError(null);
    const built = patchFromDraft(settings, draft);
    if (!built.ok) {
      const wholeNumber = {
        connectivityCheckSeconds: t('settings.connectivity.wholeNumber'),
        syncIntervalMinutes: t('settings.syncInterval.wholeNumber'),
      };
      setFieldErrors(Object.fromEntries(built.notWholeNumbers.map((field) => [field, wholeNumber[field]])));
      return;
    }
    setSaving(true);
    try {
      await save(built.patch);
      setDraft({});
      setFieldErrors({});
      setSavedMessage(t('settings.saved'));
    } catch (err) {
      const apiError = toApiError(err);
      const byField = fieldErrorsOf(apiError, 'patch.');
      const known = Object.fromEntries(DRAFT_FIELDS.filter((field) => byField[field]).map((field) => [field, byField[field]!]));
      setFieldErrors(known);
      if (Object.keys(known).length === 0) setFormError(apiError);
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    setDraft({});
    setFieldErrors({});
    setFormError(null);
  };

  return (
    <Page title={t('settings.title')} description={t('settings.description')}>
      <Box
        component="form"
        noValidate
        aria-label={t('settings.title')}
        onSubmit={(event) => void submit(event)}
        sx={{ display: 'grid', gap: 3 }}
      >
        {formError && <ApiErrorAlert title={t('settings.saveFailed')} error={formError} onClose={() => setFormError(null)} />}
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
