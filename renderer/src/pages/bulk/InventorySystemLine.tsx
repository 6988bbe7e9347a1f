import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { Controller, useFieldArray, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { BalanceRow } from '../../../../core/codes/contract';
import { textFieldProps } from '../../components/form-field';
import { emptySku, type InventoryJobArgs, type InventoryJobValues } from './inventory-job-form';

type JobControl = Control<InventoryJobValues, unknown, InventoryJobArgs>;

/** One MAC of the job: its optional System Name and its SKU lines (added and removed anywhere). */
export function InventorySystemLine({
  control,
  index,
  balance,
  onRemove,
}: {
  control: JobControl;
  index: number;
  balance: BalanceRow[] | null;
  /** Null when it is the job's only MAC. */
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation();
  const skus = useFieldArray({ control, name: `items.${index}.skus` });
  return (
    <Paper variant="outlined" sx={{ p: 2 }} role="group" aria-label={t('bulk.inventory.system', { n: index + 1 })}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 1.5 }}>
        <Controller
          control={control}
          name={`items.${index}.mac`}
          render={({ field, fieldState }) => (
            <TextField
              {...textFieldProps(field)}
              label={t('bulk.inventory.mac')}
              required
              size="small"
              error={fieldState.error !== undefined}
              helperText={fieldState.error?.message}
              slotProps={{ htmlInput: { maxLength: 64, autoComplete: 'off', spellCheck: false } }}
            />
          )}
        />
        <Controller
          control={control}
          name={`items.${index}.systemName`}
          render={({ field }) => (
            <TextField
              {...textFieldProps(field)}
              label={t('bulk.inventory.systemName')}
              size="small"
              sx={{ flexGrow: 1 }}
              slotProps={{ htmlInput: { maxLength: 200, autoComplete: 'off' } }}
            />
          )}
        />
        <Box>
          <IconButton
            aria-label={t('bulk.inventory.removeSystem', { n: index + 1 })}
            disabled={onRemove === null}
            onClick={onRemove ?? undefined}
          >
            <DeleteOutlined />
          </IconButton>
        </Box>
      </Stack>
      <Stack spacing={1}>
        {skus.fields.map((line, skuIndex) => (
          <SkuLine
            key={line.id}
            control={control}
            name={`items.${index}.skus.${skuIndex}`}
            n={skuIndex + 1}
            balance={balance}
            onRemove={skus.fields.length === 1 ? null : () => skus.remove(skuIndex)}
          />
        ))}
        <Box>
          <Button size="small" startIcon={<AddOutlined />} onClick={() => skus.append(emptySku(), { shouldFocus: false })}>
            {t('bulk.inventory.addSku')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}

/** A SKU with available codes (how many, said under it) and how many of them this MAC gets. */
function SkuLine({
  control,
  name,
  n,
  balance,
  onRemove,
}: {
  control: JobControl;
  name: `items.${number}.skus.${number}`;
  n: number;
  balance: BalanceRow[] | null;
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation();
  const sku = useWatch({ control, name: `${name}.sku` });
  const row = balance?.find((entry) => entry.sku === sku);
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'flex-start' } }}>
      <Controller
        control={control}
        name={`${name}.sku`}
        render={({ field, fieldState }) => (
          <TextField
            {...textFieldProps(field)}
            select
            label={t('bulk.inventory.sku')}
            size="small"
            sx={{ minWidth: 320 }}
            error={fieldState.error !== undefined}
            helperText={fieldState.error?.message ?? (row ? t('bulk.inventory.available', { count: row.available }) : undefined)}
          >
            {(balance ?? []).map((entry) => (
              <MenuItem key={entry.sku} value={entry.sku ?? ''}>
                {t('bulk.inventory.skuOption', { sku: entry.description ?? entry.sku, count: entry.available })}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
      <Controller
        control={control}
        name={`${name}.quantity`}
        render={({ field, fieldState }) => (
          <TextField
            {...textFieldProps(field)}
            label={t('bulk.inventory.quantity')}
            size="small"
            sx={{ width: 130 }}
            error={fieldState.error !== undefined}
            helperText={fieldState.error?.message}
            slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
          />
        )}
      />
      <IconButton aria-label={t('bulk.inventory.removeSku', { n })} disabled={onRemove === null} onClick={onRemove ?? undefined}>
        <DeleteOutlined />
      </IconButton>
    </Stack>
  );
}
