import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeySearchField } from '../../../../core/keys/contract';
import { DateRangeFields } from '../../components/data-table/DateRangeFields';
import type { KeysView } from './keys-filter';
import type { KeysChange } from './use-keys-route';

/** How long typing in Contains pauses before the list follows it. */
export const CONTAINS_DEBOUNCE_MS = 300;

/** The portal's View Codes search: Start Date, End Date, By, Contains (searched as you type; Enter at once). */
export function KeysFilterForm({ view, onChange }: { view: KeysView; onChange: (view: KeysView, change: KeysChange) => void }) {
  const { t } = useTranslation();
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

  const write = (contains: string, change: KeysChange) => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    written.current = contains;
    onChange({ ...viewRef.current, contains }, change);
  };

  const type = (contains: string) => {
    setDraft(contains);
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => write(contains, 'typing'), CONTAINS_DEBOUNCE_MS);
  };

  const byLabels: Record<KeySearchField, string> = {
    all: t('keys.filter.byAll'),
    mac: t('keys.filter.byMac'),
    sku: t('keys.filter.bySku'),
    authCode: t('keys.filter.byAuthCode'),
    featureKey: t('keys.filter.byFeatureKey'),
    systemName: t('keys.filter.bySystemName'),
    customer: t('keys.filter.byCustomer'),
  };

  return (
    <Stack
      component="form"
      role="search"
      aria-label={t('keys.filter.label')}
      direction={{ xs: 'column', md: 'row' }}
      spacing={1.5}
      useFlexGap
      sx={{ alignItems: { md: 'flex-start' }, flexWrap: 'wrap' }}
      onSubmit={(event) => {
        event.preventDefault();
        write(draft, 'submit');
      }}
    >
      <DateRangeFields
        from={view.from}
        to={view.to}
        labels={{ from: t('keys.filter.from'), to: t('keys.filter.to'), reversed: t('keys.filter.reversed') }}
        onChange={(range) => onChange({ ...view, ...range }, 'typing')}
      />
      <TextField
        select
        size="small"
        label={t('keys.filter.by')}
        value={view.by}
        onChange={(event) => onChange({ ...view, by: event.target.value as KeySearchField }, 'step')}
        sx={{ width: { md: 170 } }}
      >
        {(Object.keys(byLabels) as KeySearchField[]).map((field) => (
          <MenuItem key={field} value={field}>
            {byLabels[field]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        type="search"
        size="small"
        label={t('keys.filter.contains')}
        value={draft}
        onChange={(event) => type(event.target.value)}
        slotProps={{ htmlInput: { maxLength: 200, spellCheck: false, autoComplete: 'off' } }}
        sx={{ flexGrow: 1, minWidth: { md: 220 } }}
      />
      <Button type="submit" variant="contained" startIcon={<SearchOutlined />} sx={{ height: 40 }}>
        {t('keys.filter.search')}
      </Button>
    </Stack>
  );
}
