import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useSay } from '../../i18n/messages';
import { AddForm } from './AddForm';
import { oneSystemSchema, type OneSystemValues } from './add-systems-form';
import { checkOne } from './add-systems-rules';
import type { Adding } from './use-add-systems';

const EMPTY: OneSystemValues = { mac: '', name: '' };

/** One system: a MAC and a name; also how a known system is renamed. */
export function OneSystemForm({ initialMac, adding, onCancel }: { initialMac: string; adding: Adding; onCancel: () => void }) {
  const { t } = useTranslation();
  const say = useSay();
  const schema = useMemo(() => oneSystemSchema(say), [say]);
  const { control, handleSubmit, reset, getValues, setValue, setError, clearErrors } = useForm<
    OneSystemValues,
    unknown,
    z.output<typeof schema>
  >({
    resolver: zodResolver(schema),
    defaultValues: { mac: initialMac, name: '' },
    // The MAC's message goes when the user types, and comes back on leaving the field or on Save.
    reValidateMode: 'onSubmit',
  });

  const save = handleSubmit(async (values) => {
    const check = checkOne(values.mac, values.name);
    if (!check.ok) return;
    setValue('mac', check.macText);
    // One MAC typed with a name: renaming a known system is what this form is for (its help says so).
    if (await adding.send(check.systems, null, 'rename')) reset(EMPTY);
  });

  const cancel = () => {
    reset(EMPTY);
    onCancel();
  };

  /** Leaving the MAC: shown canonical when it parses, its problem said when it does not. */
  const tidyMac = () => {
    const mac = getValues('mac');
    if (mac.trim() === '') return;
    const parsed = checkOne(mac, '');
    if (parsed.ok) setValue('mac', parsed.macText);
    else setError('mac', { type: 'custom', message: say(parsed.macError) });
  };

  return (
    <AddForm label={t('systems.add.modes.one')} adding={adding} onSave={() => void save()} onCancel={cancel}>
      <Typography variant="body2" color="text.secondary">
        {t('systems.add.oneHelp')}
      </Typography>
      <Controller
        control={control}
        name="mac"
        render={({ field, fieldState }) => (
          <TextField
            label={t('systems.add.mac')}
            name={field.name}
            value={field.value}
            onChange={(event) => {
              field.onChange(event.target.value);
              clearErrors('mac');
            }}
            onBlur={() => {
              field.onBlur();
              tidyMac();
            }}
            error={fieldState.error !== undefined}
            helperText={fieldState.error?.message ?? t('redeem.mac.help')}
            inputRef={field.ref}
            sx={{ maxWidth: 440 }}
            slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', autoCapitalize: 'characters', maxLength: 64 } }}
          />
        )}
      />
      <Controller
        control={control}
        name="name"
        render={({ field }) => (
          <TextField
            label={t('systems.add.name')}
            name={field.name}
            value={field.value ?? ''}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            sx={{ maxWidth: 440 }}
            slotProps={{ htmlInput: { autoComplete: 'off', maxLength: 200 } }}
          />
        )}
      />
    </AddForm>
  );
}
