import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceRow, CodeStatus } from '../../../../core/codes/contract';
import { CODE_STATUS_CHOICES, type CodesView } from './codes-filter';
import type { CodesChange } from './use-codes-route';
import { useStatusLabel } from './CodesTable';

/** How long typing in Contains pauses before the list follows it. */
export const CODES_CONTAINS_DEBOUNCE_MS = 300;
const ANY = '*';
/** The SKU choice for codes whose SKU is not known yet ('' in the filter). */
const NO_SKU = '-';

/** Search the inventory: Contains (as you type; Enter at once), Status and SKU. */
export function CodesFilterForm({
  view,
  skus,
  onChange,
}: {
  view: CodesView;
  /** The SKUs to offer (the balance's). */
  skus: BalanceRow[];
  onChange: (view: CodesView, change: CodesChange) => void;
}) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const [draft, setDraft] = useState(view.contains);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The Contains text this form last wrote to the URL, to tell its own echo from back/forward. */
  const written = useRef(view.contains);
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => {
    if (view.contains !== written.current) {
      written.current = view.contains;
      setDraft(view.contains);
    }
  }, [view.contains]);

  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  const write = (contains: string, change: CodesChange) => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    written.current = contains;
    onChange({ ...viewRef.current, contains }, change);
  };

  const known = skus.filter((row) => row.sku !== null).map((row) => row.sku as string);
  // A chosen SKU stays offered even when its codes are all redeemed now.
  if (view.sku && !known.includes(view.sku)) known.push(view.sku);

  return (
    <Stack
      component="form"
      role="search"
      aria-label={t('codes.filter.label')}
      direction={{ xs: 'column', md: 'row' }}
      spacing={1.5}
      useFlexGap
      onSubmit={(event) => {
        event.preventDefault();
        write(draft, 'submit');
      }}
    >
      <TextField
        label={t('codes.filter.contains')}
        value={draft}
        size="small"
        sx={{ minWidth: 280 }}
        onChange={(event) => {
          const contains = event.target.value;
          setDraft(contains);
          if (pending.current) clearTimeout(pending.current);
          pending.current = setTimeout(() => write(contains, 'typing'), CODES_CONTAINS_DEBOUNCE_MS);
        }}
        slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 200, type: 'search' } }}
      />
      <TextField
        select
        size="small"
        label={t('codes.filter.status')}
        value={view.status ?? ANY}
        sx={{ minWidth: 200 }}
        onChange={(event) => onChange({ ...view, status: event.target.value === ANY ? null : (event.target.value as CodeStatus) }, 'step')}
      >
        <MenuItem value={ANY}>{t('codes.filter.anyStatus')}</MenuItem>
        {CODE_STATUS_CHOICES.map((status) => (
          <MenuItem key={status} value={status}>
            {statusLabel(status)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('codes.filter.sku')}
        value={view.sku === null ? ANY : view.sku === '' ? NO_SKU : view.sku}
        sx={{ minWidth: 200 }}
        onChange={(event) => {
          const value = event.target.value;
          onChange({ ...view, sku: value === ANY ? null : value === NO_SKU ? '' : value }, 'step');
        }}
      >
        <MenuItem value={ANY}>{t('codes.filter.anySku')}</MenuItem>
        <MenuItem value={NO_SKU}>{t('codes.filter.noSku')}</MenuItem>
        {known.map((sku) => (
          <MenuItem key={sku} value={sku}>
            {sku}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
