import Autocomplete from '@mui/material/Autocomplete';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import QrCodeScannerOutlined from '@mui/icons-material/QrCodeScannerOutlined';
import { keepPreviousData } from '@tanstack/react-query';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemSummary } from '../../../../core/systems/contract';
import { useCoreQuery } from '../../api/queries';
import { useDebounced } from '../../components/use-debounced';
import { monospaceFontStack } from '../../theme/theme';
import { displayMac } from '../../i18n/format';

const SEARCH_DELAY_MS = 200;

export interface MacFieldProps {
  /** The input's id (the problem summary links to it). */
  id?: string;
  value: string;
  onChange: (value: string) => void;
  /**
   * The field was left, a system picked, or Enter pressed after typing (`entered`): the form
   * normalises and looks the MAC up.
   */
  onCommit: (value: string, picked: SystemSummary | null, entered: boolean) => void;
  error: string | null;
  /** A note under the field when there is no error (prefix added, known system). */
  note: string | null;
  disabled: boolean;
  /** Opens the camera panel in MAC mode; null (button disabled) when this build has no scanner. */
  onScan: (() => void) | null;
  inputRef?: Ref<HTMLInputElement>;
}

/** The MAC field: any format typed, known systems offered as you type (by MAC, name or customer). */
export function MacField({ id, value, onChange, onCommit, error, note, disabled, onScan, inputRef }: MacFieldProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Asked once typing pauses; the offers shown stay until the new ones arrive (none if the search fails).
  // (Opening starts the pause too, so opening and typing at once asks only for what was typed.)
  const asked = useDebounced(open ? value : null, SEARCH_DELAY_MS);
  const search = useCoreQuery(
    'systems.search',
    { query: asked ?? '', limit: 10 },
    { enabled: open && asked !== null, placeholderData: keepPreviousData },
  );
  const options: SystemSummary[] = search.isError ? [] : (search.data?.systems ?? []);

  return (
    <Autocomplete<SystemSummary, false, false, true>
      id={id}
      freeSolo
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={options}
      // The core already filtered and ranked them.
      filterOptions={(all) => all}
      getOptionLabel={(option) => (typeof option === 'string' ? option : displayMac(option.mac))}
      isOptionEqualToValue={(option, picked) => typeof picked !== 'string' && option.mac === picked.mac}
      inputValue={value}
      onInputChange={(_event, next, reason) => {
        // 'reset' is MUI writing the picked option's label: onChange below handles the pick.
        if (reason !== 'reset') onChange(next);
      }}
      onChange={(_event, picked) => {
        if (typeof picked === 'string')
          onCommit(picked, null, true); // Typed (or a USB scanner), then Enter.
        else if (picked) onCommit(displayMac(picked.mac), picked, false);
      }}
      disabled={disabled}
      autoHighlight={false}
      renderOption={({ key, ...props }, option) => (
        <li key={key} {...props}>
          <Stack>
            <Typography variant="body2" sx={{ fontFamily: monospaceFontStack }}>
              {displayMac(option.mac)}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {[option.name, option.customer].filter(Boolean).join(' · ') || t('redeem.mac.unnamed')}
            </Typography>
          </Stack>
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('redeem.mac.label')}
          error={error !== null}
          helperText={error ?? note ?? t('redeem.mac.help')}
          onBlur={() => onCommit(value, null, false)}
          inputRef={inputRef}
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, spellCheck: false, autoCapitalize: 'characters', autoComplete: 'off' },
            input: {
              ...params.slotProps.input,
              endAdornment: (
                <>
                  {params.slotProps.input.endAdornment}
                  <InputAdornment position="end">
                    {/* Above the button, or to its left when there is no room: never below, over the field's error. */}
                    <Tooltip
                      title={t('redeem.mac.scan')}
                      placement="top"
                      slotProps={{ popper: { modifiers: [{ name: 'flip', options: { fallbackPlacements: ['left'] } }] } }}
                    >
                      <span>
                        <IconButton
                          aria-label={t('redeem.mac.scan')}
                          onClick={onScan ?? undefined}
                          disabled={disabled || !onScan}
                          edge="end"
                          size="small"
                        >
                          <QrCodeScannerOutlined fontSize="small" />
                        </IconButton>
                      </span>
                    </Tooltip>
                  </InputAdornment>
                </>
              ),
            },
          }}
        />
      )}
    />
  );
}
