import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { Controller, useForm, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { AddForm } from './AddForm';
import { rangeSchema, type RangeValues } from './add-systems-form';
import { previewRange, rangeSystems } from './add-systems-rules';
import { RenamePreview, useRenamePreview } from './RenamePreview';
import type { Adding } from './use-add-systems';
import { useSay } from '../../i18n/messages';

const EMPTY: RangeValues = { from: '', to: '', name: '', renames: 'keep' };

/** A MAC range (at most 50), its live count or the reason it is not one, and the renames it would make. */
export function RangeForm({ adding, onCancel }: { adding: Adding; onCancel: () => void }) {
  const { t } = useTranslation();
  const say = useSay();
  const schema = useMemo(() => rangeSchema(t('systems.add.rangeIncomplete')), [t]);
  const {
    control,
    handleSubmit,
    reset,
    getValues,
    setValue,
    formState: { isSubmitted },
  } = useForm<RangeValues, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: EMPTY,
    reValidateMode: 'onSubmit',
    // The range's problem is said in the live preview, not on a field.
    shouldFocusError: false,
  });
  const [from, to, name, renameChoice] = useWatch({ control, name: ['from', 'to', 'name', 'renames'] });
  const preview = previewRange(from, to);
  const systems = useMemo(() => (preview.state === 'ok' ? rangeSystems(preview.macs, name) : []), [preview, name]);
  const renames = useRenamePreview(systems);

  const save = handleSubmit(async (values) => {
    const range = previewRange(values.from, values.to);
    if (range.state !== 'ok') return;
    if (await adding.send(rangeSystems(range.macs, values.name), null, values.renames)) reset(EMPTY);
  });

  const cancel = () => {
    reset({ ...EMPTY, renames: getValues('renames') });
    onCancel();
  };

  return (
    <AddForm label={t('systems.add.modes.range')} adding={adding} onSave={() => void save()} onCancel={cancel}>
      <Typography variant="body2" color="text.secondary">
        {t('systems.add.rangeHelp')}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <RangeField control={control} name="from" label={t('systems.add.from')} />
        <RangeField control={control} name="to" label={t('systems.add.to')} />
      </Stack>
      <Controller
        control={control}
        name="name"
        render={({ field }) => (
          <TextField
            label={t('systems.add.nameOptional')}
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            helperText={t('systems.add.rangeNameHelp')}
            sx={{ maxWidth: 440 }}
            slotProps={{ htmlInput: { autoComplete: 'off', maxLength: 190 } }}
          />
        )}
      />
      <div role="status" aria-live="polite">
        {preview.state === 'ok' && (
          <Alert severity="info">
            {t('systems.add.rangeCount', { count: preview.macs.length, first: preview.first, last: preview.last })}
          </Alert>
        )}
        {preview.state === 'invalid' && (
          <Alert severity="error">
            {preview.refusal.end === 'from'
              ? t('systems.add.rangeEnd.from', { problem: say(preview.refusal) })
              : preview.refusal.end === 'to'
                ? t('systems.add.rangeEnd.to', { problem: say(preview.refusal) })
                : say(preview.refusal)}
          </Alert>
        )}
        {preview.state === 'incomplete' && isSubmitted && <Alert severity="error">{t('systems.add.rangeIncomplete')}</Alert>}
      </div>
      {renames && <RenamePreview renames={renames} choice={renameChoice} onChoice={(choice) => setValue('renames', choice)} />}
    </AddForm>
  );
}

/** From or To: a MAC in any accepted format. */
function RangeField({ control, name, label }: { control: Control<RangeValues>; name: 'from' | 'to'; label: string }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <TextField
          label={label}
          name={field.name}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          fullWidth
          slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 64 } }}
        />
      )}
    />
  );
}
