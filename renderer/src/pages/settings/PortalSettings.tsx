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

type NumberField = 'connectivityCheckSeconds' | 'syncIntervalMinutes';
type PortalField = 'portalUrl' | NumberField;

/**
 * The portal address, how often to check it and how often to sync, saved together. While a field is not being
 * edited it shows what the core holds, so a change made elsewhere appears here too.
 */
export function PortalSettings({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { t } = useTranslation();
  const { save } = useSettings();
  const [portalUrlDraft, setPortalUrlDraft] = useState<string | null>(null);
  const [numberDrafts, setNumberDrafts] = useState<Partial<Record<NumberField, string>>>({});
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<PortalField, string>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const portalUrl = portalUrlDraft ?? settings.portalUrl ?? '';
  // The whole-number settings on this form, with their texts and input bounds.
  const numberFields: { field: NumberField; label: string; help: string; wholeNumber: string; min: number; max: number }[] = [
    {
      field: 'connectivityCheckSeconds',
      label: t('settings.connectivity.label'),
      help: t('settings.connectivity.help'),
      wholeNumber: t('settings.connectivity.wholeNumber'),
      min: 10,
      max: 3600,
    },
    {
      field: 'syncIntervalMinutes',
      label: t('settings.syncInterval.label'),
      help: t('settings.syncInterval.help'),
      wholeNumber: t('settings.syncInterval.wholeNumber'),
      min: 1,
      max: 1440,
    },
  ];
  const dirty = portalUrlDraft !== null || Object.keys(numberDrafts).length > 0;

  const edit = (field: PortalField, value: string) => {
    if (field === 'portalUrl') setPortalUrlDraft(value);
    else setNumberDrafts((drafts) => ({ ...drafts, [field]: value }));
    setFieldErrors(({ [field]: _cleared, ...others }) => others);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const patch: SettingsPatch = {};
    if (portalUrlDraft !== null) patch.portalUrl = portalUrlDraft.trim() === '' ? null : portalUrlDraft.trim();
    for (const { field, wholeNumber } of numberFields) {
      const draft = numberDrafts[field];
      if (draft === undefined) continue;
      if (!/^\s*\d+\s*$/.test(draft)) {
        setFieldErrors((errors) => ({ ...errors, [field]: wholeNumber }));
        return;
      }
      patch[field] = Number(draft);
    }
    setSaving(true);
    try {
      await save(patch);
      setPortalUrlDraft(null);
      setNumberDrafts({});
      setFieldErrors({});
      onSaved();
    } catch (err) {
      const apiError = toApiError(err);
      const byField = fieldErrorsOf(apiError, 'patch.');
      const known: Partial<Record<PortalField, string>> = {};
      for (const field of ['portalUrl', ...numberFields.map((n) => n.field)] as PortalField[]) {
        if (byField[field]) known[field] = byField[field];
      }
      setFieldErrors(known);
      if (Object.keys(known).length === 0) setFormError(apiError);
    } finally {
      setSaving(false);
    }
  };

  const reset = () => {
    setPortalUrlDraft(null);
    setNumberDrafts({});
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
        {numberFields.map(({ field, label, help, min, max }) => (
          <TextField
            key={field}
            label={label}
            value={numberDrafts[field] ?? String(settings[field])}
            onChange={(event) => edit(field, event.target.value)}
            type="number"
            error={Boolean(fieldErrors[field])}
            helperText={fieldErrors[field] ?? help}
            sx={{ maxWidth: 440 }}
            slotProps={{ htmlInput: { min, max, step: 1 } }}
          />
        ))}
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
