import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import type { SettingControl } from './settings-draft';

/** The portal address, how often to check it and how often to sync: part of the page's draft. */
export function PortalSettings({
  portalUrl,
  connectivityCheckSeconds,
  syncIntervalMinutes,
}: {
  portalUrl: SettingControl;
  connectivityCheckSeconds: SettingControl;
  syncIntervalMinutes: SettingControl;
}) {
  const { t } = useTranslation();
  // The whole-number settings, with their texts and input bounds.
  const numberFields: { key: string; control: SettingControl; label: string; help: string; min: number; max: number }[] = [
    {
      key: 'connectivityCheckSeconds',
      control: connectivityCheckSeconds,
      label: t('settings.connectivity.label'),
      help: t('settings.connectivity.help'),
      min: 10,
      max: 3600,
    },
    {
      key: 'syncIntervalMinutes',
      control: syncIntervalMinutes,
      label: t('settings.syncInterval.label'),
      help: t('settings.syncInterval.help'),
      min: 1,
      max: 1440,
    },
  ];

  return (
    <Stack spacing={2.5}>
      <TextField
        label={t('settings.portalUrl.label')}
        value={portalUrl.value}
        onChange={(event) => portalUrl.onChange(event.target.value)}
        placeholder={t('settings.portalUrl.placeholder')}
        error={portalUrl.error !== null}
        helperText={portalUrl.error ?? t('settings.portalUrl.help')}
        fullWidth
        slotProps={{ htmlInput: { inputMode: 'url', spellCheck: false, autoComplete: 'off' } }}
      />
      {numberFields.map(({ key, control, label, help, min, max }) => (
        <TextField
          key={key}
          label={label}
          value={control.value}
          onChange={(event) => control.onChange(event.target.value)}
          type="number"
          error={control.error !== null}
          helperText={control.error ?? help}
          sx={{ maxWidth: 440 }}
          slotProps={{ htmlInput: { min, max, step: 1 } }}
        />
      ))}
    </Stack>
  );
}
