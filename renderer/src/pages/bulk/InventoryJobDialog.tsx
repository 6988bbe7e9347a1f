import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkJob, BulkRuleProblem } from '../../../../core/bulk/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { textFieldProps } from '../../components/form-field';
import { problemsOf } from './bulk-labels';
import { BulkProblemsTable } from './BulkProblemsTable';
import {
  emptySystem,
  inventoryJobSchema,
  MAX_INVENTORY_QUANTITY,
  type InventoryJobArgs,
  type InventoryJobValues,
} from './inventory-job-form';
import { InventorySystemLine } from './InventorySystemLine';
import { useInventoryBalance } from './use-inventory-balance';

/** A draft job from the inventory: MAC rows (optional System Name), each with SKUs and quantities of available codes. */
export function InventoryJobDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (job: BulkJob) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { balance, balanceError } = useInventoryBalance();
  const [problems, setProblems] = useState<BulkRuleProblem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const schema = useMemo(
    () =>
      inventoryJobSchema({
        macRequired: t('bulk.inventory.macRequired'),
        skuRequired: t('bulk.inventory.skuRequired'),
        quantityRange: t('bulk.inventory.quantityRange', { max: MAX_INVENTORY_QUANTITY }),
      }),
    [t],
  );
  const {
    control,
    handleSubmit,
    formState: { isSubmitting },
  } = useForm<InventoryJobValues, unknown, InventoryJobArgs>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', items: [emptySystem()] },
    // As before: what is missing is said on its field, without moving the focus.
    shouldFocusError: false,
  });
  const systems = useFieldArray({ control, name: 'items' });

  const create = handleSubmit(async (job) => {
    setProblems(null);
    setError(null);
    try {
      onCreated(await api.invoke('bulk.createFromInventory', job));
    } catch (err) {
      const apiError = toApiError(err);
      const found = problemsOf(apiError);
      if (found) setProblems(found);
      else setError(apiError);
    }
  });

  return (
    <Dialog open onClose={onClose} aria-labelledby="bulk-inventory-title" fullWidth maxWidth="md">
      <DialogTitle id="bulk-inventory-title">{t('bulk.inventory.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography color="text.secondary">{t('bulk.inventory.lead')}</Typography>
          {balanceError && <ApiErrorAlert title={t('bulk.inventory.balanceFailed')} error={balanceError} />}
          {balance === null && !balanceError && <LinearProgress aria-label={t('bulk.inventory.loadingBalance')} />}
          {balance?.length === 0 && <Alert severity="info">{t('bulk.inventory.noCodes')}</Alert>}
          <Controller
            control={control}
            name="name"
            render={({ field }) => (
              <TextField
                {...textFieldProps(field)}
                label={t('bulk.inventory.name')}
                size="small"
                slotProps={{ htmlInput: { maxLength: 100, autoComplete: 'off' } }}
              />
            )}
          />
          {systems.fields.map((line, index) => (
            <InventorySystemLine
              key={line.id}
              control={control}
              index={index}
              balance={balance}
              onRemove={systems.fields.length === 1 ? null : () => systems.remove(index)}
            />
          ))}
          <Box>
            <Button startIcon={<AddOutlined />} onClick={() => systems.append(emptySystem(), { shouldFocus: false })}>
              {t('bulk.inventory.addSystem')}
            </Button>
          </Box>
          {problems && (
            <BulkProblemsTable title={t('bulk.problems.inventoryRefused')} problems={problems} onClose={() => setProblems(null)} />
          )}
          {error && <ApiErrorAlert title={t('bulk.createFailed')} error={error} onClose={() => setError(null)} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('bulk.cancel')}</Button>
        <Button variant="contained" disabled={isSubmitting} onClick={() => void create()}>
          {t('bulk.inventory.create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
