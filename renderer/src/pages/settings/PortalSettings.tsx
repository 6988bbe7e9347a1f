import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/api/errors';
import type { Settings, SettingsPatch } from '../../../../core/settings/contract';
import { fieldErrorsOf } from '../../api/api-errors';
import { useSettings } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';

type PortalField = 'portalUrl' | 'connectivityCheckSeconds';

/**
 * The portal address and how often to check it, saved together. While a field is not being
 * edited it shows what the core holds, so a change made elsewhere appears here too.
 */
export function PortalSettings({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { t } = useTranslation();
  const { save } = useSettings();
  const [portalUrlDraft, setPortalUrlDraft] = useState<string | null>(null);
  const [intervalDraft, setIntervalDraft] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<PortalField, string>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const portalUrl = portalUrlDraft ?? settings.portalUrl ?? '';
  const interval = intervalDraft ?? String(settings.connectivityCheckSeconds);
  const dirty = portalUrlDraft !== null || intervalDraft !== null;

  const edit = (field: PortalField, value: string) => {
    if (field === 'portalUrl') setPortalUrlDraft(value);
    else setIntervalDraft(value);
    setFieldErrors(({ [field]: _cleared, ...others }) => others);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const patch: SettingsPatch = {};
    if (portalUrlDraft !== null) patch.portalUrl = portalUrlDraft.trim() === '' ? null : portalUrlDraft.trim();
    if (intervalDraft !== null) {
      if (!/^\s*\d+\s*$/.test(intervalDraft)) {
        setFieldErrors((errors) => ({ ...errors, connectivityCheckSeconds: t('settings.connectivity.wholeNumber') }));
        return;
      }
      patch.connectivityCheckSeconds = Number(intervalDraft);
    }
    setSaving(true);
    try {
      await save(patch);
      setPortalUrlDraft(null);
      setIntervalDraft(null);
      setFieldErrors({});
      onSaved();
    } catch (err) {
      const apiError = toApiError(err);
      const byField = fieldErrorsOf(apiError, 'patch.');
      const known: Partial<Record<PortalField, string>> = {
        ...(byField.portalUrl ? { portalUrl: byField.portalUrl } : {}),
        ...(byField.connectivityCheckSeconds ? { connectivityCheckSeconds: byField.connectivityCheckSeconds } : {}),
      };
      setFieldErrors(known);
      if (Object.keys(known).length === 0) setFormError(apiError);
    } finally {
      setSaving(false);
    }
  };

  const reset = () => {
    setPortalUrlDraft(null);
    setIntervalDraft(null);
    setFieldErrors({});
    setFormError(null);
  };

  return (
    <Box component="form" noValidate onSubmit={(event) => void submit(event)}>
      <Stack spacing={2.5}>
        {formError && <ApiErrorAlert title={t('settings.saveFailed')} error={formError} onClose={() => setFormError(null)} />}
        <TextField
          label={t('settings.portalUrl.label')}
          value={portalUrl}
          onChange={(event) => edit('portalUrl', event.target.value)}
          placeholder={t('settings.portalUrl.placeholder')}
          error={Boolean(fieldErrors.portalUrl)}
          helperText={fieldErrors.portalUrl ?? t('settings.portalUrl.help')}
          fullWidth
          slotProps={{ htmlInput: { inputMode: 'url', spellCheck: false, autoComplete: 'off' } }}
        />
        <TextField
          label={t('settings.connectivity.label')}
          value={interval}
          onChange={(event) => edit('connectivityCheckSeconds', event.target.value)}
          type="number"
          error={Boolean(fieldErrors.connectivityCheckSeconds)}
          helperText={fieldErrors.connectivityCheckSeconds ?? t('settings.connectivity.help')}
          sx={{ maxWidth: 440 }}
          slotProps={{ htmlInput: { min: 10, max: 3600, step: 1 } }}
        />
        <Stack direction="row" spacing={1.5}>
          <Button
            type="submit"
            variant="contained"
            disabled={!dirty || saving}
            startIcon={saving ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
          >
            {t('settings.save')}
          </Button>
          <Button type="button" onClick={reset} disabled={!dirty || saving}>
            {t('settings.discard')}
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}
