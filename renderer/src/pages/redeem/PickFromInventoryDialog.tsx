import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BalanceRow, PickedCodes } from '../../../../core/codes/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';

/** What Fill did: shown beside the code fields once the dialog is closed. */
export interface PickOutcome {
  sku: string;
  asked: number;
  filled: number;
}

export interface PickFromInventoryDialogProps {
  open: boolean;
  /** Empty fields plus the fields that can still be added (a redemption takes at most fifty codes). */
  freeFields: number;
  /** Canonical codes already in the form: never picked again. */
  inForm: readonly string[];
  /** Puts the picked codes into the fields; returns how many were placed. */
  fill: (codes: readonly string[]) => number;
  onClose: () => void;
  onFilled: (outcome: PickOutcome) => void;
}

/**
 * Pick from inventory: a SKU with available codes (from the balance, with how many), how many
 * codes, Fill — the core hands out available codes of that SKU not already in the form
 * (`codes.pick`), and they go into the empty code fields.
 */
export function PickFromInventoryDialog({ open, freeFields, inForm, fill, onClose, onFilled }: PickFromInventoryDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const titleId = useId();
  const [skus, setSkus] = useState<BalanceRow[] | null>(null);
  const [sku, setSku] = useState('');
  const [count, setCount] = useState('1');
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setSkus(null);
    setError(null);
    api.invoke('codes.balance', {}).then(
      (balance) => {
        if (!live) return;
        const withCodes = balance.rows.filter((row) => row.sku !== null && row.available > 0);
        setSkus(withCodes);
        setSku((current) => (withCodes.some((row) => row.sku === current) ? current : (withCodes[0]?.sku ?? '')));
      },
      (err: unknown) => {
        if (live) setError(toApiError(err));
      },
    );
    return () => {
      live = false;
    };
  }, [api, open]);

  const chosen = skus?.find((row) => row.sku === sku) ?? null;
  const max = Math.max(0, Math.min(freeFields, 50, chosen?.available ?? 50));
  const number = Number(count);
  const countProblem =
    !Number.isInteger(number) || number < 1 || number > max ? t('redeem.pick.countRange', { max: Math.max(1, max) }) : null;
  const canFill = chosen !== null && max > 0 && countProblem === null && !picking;

  const submit = async () => {
    if (!canFill || !chosen?.sku) return;
    setPicking(true);
    setError(null);
    try {
      const picked: PickedCodes = await api.invoke('codes.pick', { sku: chosen.sku, count: number, exclude: [...inForm] });
      const filled = fill(picked.codes);
      onFilled({ sku: picked.sku, asked: number, filled });
      onClose();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPicking(false);
    }
  };

  return (
    <Dialog open={open} onClose={picking ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <Stack
        component="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id={titleId}>{t('redeem.pick.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5}>
            <DialogContentText>{t('redeem.pick.help')}</DialogContentText>
            {error && <ApiErrorAlert title={t('redeem.pick.failed')} error={error} />}
            {skus === null && !error && <CircularProgress size={24} aria-label={t('redeem.pick.loading')} />}
            {skus !== null && skus.length === 0 && <Alert severity="info">{t('redeem.pick.none')}</Alert>}
            {freeFields === 0 && <Alert severity="warning">{t('redeem.pick.noFreeFields')}</Alert>}
            {skus !== null && skus.length > 0 && (
              <>
                <TextField select label={t('redeem.pick.sku')} value={sku} onChange={(event) => setSku(event.target.value)} autoFocus>
                  {skus.map((row) => (
                    <MenuItem key={row.sku} value={row.sku ?? ''}>
                      {row.description
                        ? t('redeem.pick.skuOptionDescribed', { sku: row.sku, description: row.description, count: row.available })
                        : t('redeem.pick.skuOption', { sku: row.sku, count: row.available })}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  label={t('redeem.pick.count')}
                  type="number"
                  value={count}
                  onChange={(event) => setCount(event.target.value)}
                  error={countProblem !== null && max > 0}
                  helperText={countProblem ?? t('redeem.pick.countHelp', { max })}
                  slotProps={{ htmlInput: { min: 1, max: Math.max(1, max), step: 1 } }}
                  sx={{ maxWidth: 240 }}
                />
              </>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={picking}>
            {t('redeem.pick.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={!canFill}
            startIcon={picking ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
          >
            {t('redeem.pick.fill')}
          </Button>
        </DialogActions>
      </Stack>
    </Dialog>
  );
}
