import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkJob, BulkRuleProblem } from '../../../../core/bulk/contract';
import type { BalanceRow } from '../../../../core/codes/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { problemsOf } from './bulk-labels';
import { BulkProblemsTable } from './BulkProblemsTable';

interface SkuLine {
  key: number;
  sku: string;
  quantity: string;
}
interface MacLine {
  key: number;
  mac: string;
  systemName: string;
  skus: SkuLine[];
}

/** Lines are added and removed anywhere: each keeps its own key so React keeps each field's state with its line. */
let lastKey = 0;
const emptySku = (): SkuLine => ({ key: ++lastKey, sku: '', quantity: '1' });
const emptyMac = (): MacLine => ({ key: ++lastKey, mac: '', systemName: '', skus: [emptySku()] });

/** A draft job from the inventory: MAC rows (optional System Name), each with SKUs and quantities of available codes. */
export function InventoryJobDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (job: BulkJob) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const number = new Intl.NumberFormat(i18n.language);
  const [balance, setBalance] = useState<BalanceRow[] | null>(null);
  const [balanceError, setBalanceError] = useState<ApiError | null>(null);
  const [name, setName] = useState('');
  const [macs, setMacs] = useState<MacLine[]>([emptyMac()]);
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<BulkRuleProblem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [showMissing, setShowMissing] = useState(false);

  useEffect(() => {
    let live = true;
    api.invoke('codes.balance', {}).then(
      (answer) => live && setBalance(answer.rows.filter((row) => row.sku !== null && row.available > 0)),
      (err) => live && setBalanceError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const updateMac = (index: number, change: Partial<MacLine>) =>
    setMacs((current) => current.map((line, i) => (i === index ? { ...line, ...change } : line)));
  const updateSku = (macIndex: number, skuIndex: number, change: Partial<SkuLine>) =>
    setMacs((current) =>
      current.map((line, i) =>
        i === macIndex ? { ...line, skus: line.skus.map((sku, j) => (j === skuIndex ? { ...sku, ...change } : sku)) } : line,
      ),
    );

  const quantityOf = (line: SkuLine) => (/^\d+$/.test(line.quantity.trim()) ? Number(line.quantity) : Number.NaN);
  const complete = macs.every(
    (line) => line.mac.trim() !== '' && line.skus.every((sku) => sku.sku !== '' && quantityOf(sku) >= 1 && quantityOf(sku) <= 15_000),
  );

  const create = async () => {
    if (!complete) {
      setShowMissing(true);
      return;
    }
    setSending(true);
    setProblems(null);
    setError(null);
    try {
      const job = await api.invoke('bulk.createFromInventory', {
        ...(name.trim() ? { name: name.trim() } : {}),
        items: macs.map((line) => ({
          mac: line.mac.trim(),
          ...(line.systemName.trim() ? { systemName: line.systemName.trim() } : {}),
          skus: line.skus.map((sku) => ({ sku: sku.sku, quantity: quantityOf(sku) })),
        })),
      });
      onCreated(job);
    } catch (err) {
      const apiError = toApiError(err);
      const found = problemsOf(apiError);
      if (found) setProblems(found);
      else setError(apiError);
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="bulk-inventory-title" fullWidth maxWidth="md">
      <DialogTitle id="bulk-inventory-title">{t('bulk.inventory.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography color="text.secondary">{t('bulk.inventory.lead')}</Typography>
          {balanceError && <ApiErrorAlert title={t('bulk.inventory.balanceFailed')} error={balanceError} />}
          {balance === null && !balanceError && <LinearProgress aria-label={t('bulk.inventory.loadingBalance')} />}
          {balance?.length === 0 && <Alert severity="info">{t('bulk.inventory.noCodes')}</Alert>}
          <TextField
            label={t('bulk.inventory.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            size="small"
            slotProps={{ htmlInput: { maxLength: 100, autoComplete: 'off' } }}
          />
          {macs.map((line, macIndex) => (
            <Paper
              key={line.key}
              variant="outlined"
              sx={{ p: 2 }}
              role="group"
              aria-label={t('bulk.inventory.system', { n: macIndex + 1 })}
            >
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 1.5 }}>
                <TextField
                  label={t('bulk.inventory.mac')}
                  value={line.mac}
                  required
                  size="small"
                  error={showMissing && line.mac.trim() === ''}
                  helperText={showMissing && line.mac.trim() === '' ? t('bulk.inventory.macRequired') : undefined}
                  onChange={(event) => updateMac(macIndex, { mac: event.target.value })}
                  slotProps={{ htmlInput: { maxLength: 64, autoComplete: 'off', spellCheck: false } }}
                />
                <TextField
                  label={t('bulk.inventory.systemName')}
                  value={line.systemName}
                  size="small"
                  sx={{ flexGrow: 1 }}
                  onChange={(event) => updateMac(macIndex, { systemName: event.target.value })}
                  slotProps={{ htmlInput: { maxLength: 200, autoComplete: 'off' } }}
                />
                <Box>
                  <IconButton
                    aria-label={t('bulk.inventory.removeSystem', { n: macIndex + 1 })}
                    disabled={macs.length === 1}
                    onClick={() => setMacs((current) => current.filter((_, i) => i !== macIndex))}
                  >
                    <DeleteOutlined />
                  </IconButton>
                </Box>
              </Stack>
              <Stack spacing={1}>
                {line.skus.map((skuLine, skuIndex) => {
                  const row = balance?.find((entry) => entry.sku === skuLine.sku);
                  const quantity = quantityOf(skuLine);
                  const quantityBad = showMissing && !(quantity >= 1 && quantity <= 15_000);
                  return (
                    <Stack
                      key={skuLine.key}
                      direction={{ xs: 'column', sm: 'row' }}
                      spacing={1.5}
                      sx={{ alignItems: { sm: 'flex-start' } }}
                    >
                      <TextField
                        select
                        label={t('bulk.inventory.sku')}
                        value={skuLine.sku}
                        size="small"
                        sx={{ minWidth: 320 }}
                        error={showMissing && skuLine.sku === ''}
                        helperText={
                          showMissing && skuLine.sku === ''
                            ? t('bulk.inventory.skuRequired')
                            : row
                              ? t('bulk.inventory.available', { n: number.format(row.available) })
                              : undefined
                        }
                        onChange={(event) => updateSku(macIndex, skuIndex, { sku: event.target.value })}
                      >
                        {(balance ?? []).map((entry) => (
                          <MenuItem key={entry.sku} value={entry.sku ?? ''}>
                            {t('bulk.inventory.skuOption', {
                              sku: entry.description ?? entry.sku,
                              n: number.format(entry.available),
                            })}
                          </MenuItem>
                        ))}
                      </TextField>
                      <TextField
                        label={t('bulk.inventory.quantity')}
                        value={skuLine.quantity}
                        size="small"
                        sx={{ width: 130 }}
                        error={quantityBad}
                        helperText={quantityBad ? t('bulk.inventory.quantityRange') : undefined}
                        onChange={(event) => updateSku(macIndex, skuIndex, { quantity: event.target.value })}
                        slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
                      />
                      <IconButton
                        aria-label={t('bulk.inventory.removeSku', { n: skuIndex + 1 })}
                        disabled={line.skus.length === 1}
                        onClick={() => updateMac(macIndex, { skus: line.skus.filter((_, j) => j !== skuIndex) })}
                      >
                        <DeleteOutlined />
                      </IconButton>
                    </Stack>
                  );
                })}
                <Box>
                  <Button
                    size="small"
                    startIcon={<AddOutlined />}
                    onClick={() => updateMac(macIndex, { skus: [...line.skus, emptySku()] })}
                  >
                    {t('bulk.inventory.addSku')}
                  </Button>
                </Box>
              </Stack>
            </Paper>
          ))}
          <Box>
            <Button startIcon={<AddOutlined />} onClick={() => setMacs((current) => [...current, emptyMac()])}>
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
        <Button variant="contained" disabled={sending} onClick={() => void create()}>
          {t('bulk.inventory.create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
