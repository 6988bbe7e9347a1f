import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/api/errors';
import type { Settings, SettingsPatch } from '../../../../core/settings/contract';
import { useSettings } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';

/** Theme and language apply at once: each choice is saved as soon as it is made. */
export function AppearanceSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { save } = useSettings();
  const themeLabelId = useId();
  const [error, setError] = useState<ApiError | null>(null);
  // The choice shows at once; the theme itself follows when the core confirms it.
  const [pending, setPending] = useState<SettingsPatch>({});

  const themeOptions: { value: Settings['theme']; label: string }[] = [
    { value: 'system', label: t('settings.theme.system') },
    { value: 'light', label: t('settings.theme.light') },
    { value: 'dark', label: t('settings.theme.dark') },
  ];
  const languageOptions: { value: Settings['language']; label: string }[] = [{ value: 'en', label: t('settings.language.en') }];

  const apply = async (patch: SettingsPatch) => {
    setError(null);
    setPending(patch);
    try {
      await save(patch);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending({});
    }
  };

  return (
    <Stack spacing={3}>
      {error && <ApiErrorAlert title={t('settings.saveFailed')} error={error} onClose={() => setError(null)} />}
      <FormControl>
        <FormLabel id={themeLabelId} sx={{ mb: 0.5 }}>
          {t('settings.theme.label')}
        </FormLabel>
        <RadioGroup
          row
          aria-labelledby={themeLabelId}
          name="theme"
          value={pending.theme ?? settings.theme}
          onChange={(event) => void apply({ theme: event.target.value as Settings['theme'] })}
        >
          {themeOptions.map((option) => (
            <FormControlLabel key={option.value} value={option.value} control={<Radio />} label={option.label} sx={{ mr: 3 }} />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField
        select
        label={t('settings.language.label')}
        value={pending.language ?? settings.language}
        onChange={(event) => void apply({ language: event.target.value as Settings['language'] })}
        helperText={t('settings.language.help')}
        sx={{ maxWidth: 320 }}
      >
        {languageOptions.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
