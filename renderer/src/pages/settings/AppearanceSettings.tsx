import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveLanguage } from '../../../../core/messages/language';
import type { Settings } from '../../../../core/settings/contract';
import type { SettingControl } from './settings-draft';

/** Theme and language: part of the page's draft, applied with the rest on Save (the language in every window at once). */
export function AppearanceSettings({ theme, language }: { theme: SettingControl; language: SettingControl }) {
  const { t } = useTranslation();
  const themeLabelId = useId();

  const themeOptions: { value: Settings['theme']; label: string }[] = [
    { value: 'system', label: t('settings.theme.system') },
    { value: 'light', label: t('settings.theme.light') },
    { value: 'dark', label: t('settings.theme.dark') },
  ];
  // Each language by its own name; System says, in the page's language, which one the system gives.
  const systemLanguage = resolveLanguage('system', navigator.languages);
  const systemLanguageName = systemLanguage === 'fr' ? t('settings.language.names.fr') : t('settings.language.names.en');
  const languageOptions: { value: Settings['language']; label: string; lang?: string }[] = [
    { value: 'system', label: t('settings.language.system', { language: systemLanguageName }) },
    { value: 'en', label: t('settings.language.en'), lang: 'en' },
    { value: 'fr', label: t('settings.language.fr'), lang: 'fr' },
  ];

  return (
    <Stack spacing={3}>
      <FormControl error={theme.error !== null}>
        <FormLabel id={themeLabelId} sx={{ mb: 0.5 }}>
          {t('settings.theme.label')}
        </FormLabel>
        <RadioGroup
          row
          aria-labelledby={themeLabelId}
          name="theme"
          value={theme.value}
          onChange={(event) => theme.onChange(event.target.value)}
        >
          {themeOptions.map((option) => (
            <FormControlLabel key={option.value} value={option.value} control={<Radio />} label={option.label} sx={{ mr: 3 }} />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField
        select
        label={t('settings.language.label')}
        value={language.value}
        onChange={(event) => language.onChange(event.target.value)}
        error={language.error !== null}
        helperText={language.error ?? t('settings.language.hint')}
        sx={{ maxWidth: 320 }}
      >
        {languageOptions.map((option) => (
          <MenuItem key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
