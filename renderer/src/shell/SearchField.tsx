import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Paper, { type PaperProps } from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useCurrentPage } from '../routing/hash-route';
import { monospaceFontStack } from '../theme/theme';
import { defaultHref, isSearchShortcut, optionHref, searchOptions, type SearchOption } from './search-options';
import { useSearchResults } from './use-search-results';
import { displayMac } from '../i18n/format';
import type { Message } from '../../../core/messages/catalogue';
import { useSay } from '../i18n/messages';

/** The note above the results (a short query answered by prefix only), for the popup's paper. */
const SearchNote = createContext<Message | null>(null);

function SearchPaper({ children, ...props }: PaperProps) {
  const note = useContext(SearchNote);
  const say = useSay();
  return (
    <Paper {...props}>
      {note && (
        <Typography variant="caption" color="text.secondary" role="note" sx={{ display: 'block', px: 2, pt: 1 }}>
          {say(note)}
        </Typography>
      )}
      {children}
    </Paper>
  );
}

/**
 * Search from anywhere, in the app bar: everything in the local cache (MAC in any format, code
 * with or without dashes, key, system name, customer) as you type, grouped by kind. Ctrl+K (⌘+K)
 * focuses it from any page; the arrow keys move through the results; Enter opens the highlighted
 * one, or with none highlighted the first system; Escape clears the field and closes the list, and
 * so does leaving for another page: a search is for now, not left behind. On a narrow
 * window it is an icon button that opens the field over the app bar.
 */
export function SearchField() {
  const { t } = useTranslation();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [focusWanted, setFocusWanted] = useState(0);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const { query, answer, searching, searchNow } = useSearchResults(text);
  const options = useMemo(() => searchOptions(answer?.results ?? null), [answer]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      setExpanded(true);
      setFocusWanted((n) => n + 1);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const page = useCurrentPage();
  const shownPage = useRef(page);
  useEffect(() => {
    if (shownPage.current === page) return;
    shownPage.current = page;
    setText('');
    setOpen(false);
  }, [page]);

  useEffect(() => {
    if (focusWanted === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusWanted]);

  const go = (href: string) => {
    setText('');
    setOpen(false);
    setExpanded(false);
    inputRef.current?.blur();
    navigate(href);
  };

  /** Enter with nothing highlighted: the first system of the answer for exactly what was typed. */
  const openTyped = async (typed: string) => {
    try {
      const href = defaultHref(await searchNow(typed));
      // Nothing matched: the list stays open and says so.
      if (href) go(href);
      else setOpen(true);
    } catch {
      // The list says the search failed.
    }
  };

  const emptyMessage = answer?.failure
    ? t('search.failed')
    : searching
      ? t('search.searching')
      : query !== null && options.length === 0
        ? t('search.nothing', { query })
        : null;

  const groupLabel = (kind: SearchOption['kind']) =>
    kind === 'system' ? t('search.groups.systems') : kind === 'customer' ? t('search.groups.customers') : t('search.groups.keys');

  const field = (
    <SearchNote.Provider value={answer?.results?.note ?? null}>
      <Autocomplete<SearchOption, false, false, true>
        freeSolo
        sx={{ width: '100%', maxWidth: narrow ? undefined : 520 }}
        size="small"
        open={open && query !== null}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        value={null}
        inputValue={text}
        onInputChange={(_event, next, reason) => {
          // 'reset' is MUI writing the picked option's label: the page is changing instead.
          if (reason === 'reset') return;
          setText(next);
          if (reason === 'input') setOpen(true);
        }}
        onChange={(_event, picked) => {
          if (typeof picked === 'string') void openTyped(picked);
          else if (picked) go(optionHref(picked));
        }}
        options={options}
        // The core already matched and ranked them.
        filterOptions={(all) => all}
        getOptionKey={(option) => (typeof option === 'string' ? option : option.id)}
        getOptionLabel={(option) => (typeof option === 'string' ? option : optionText(option))}
        groupBy={(option) => groupLabel(option.kind)}
        autoHighlight={false}
        clearOnEscape={false}
        // A message in the list when there is nothing to pick (MUI shows loadingText even in freeSolo).
        loading={emptyMessage !== null && options.length === 0}
        loadingText={emptyMessage}
        slots={{ paper: SearchPaper }}
        renderGroup={(params) => (
          <li key={params.key} role="presentation">
            <Typography
              variant="overline"
              color="text.secondary"
              component="div"
              aria-hidden
              sx={{ px: 2, pt: 1, lineHeight: 2, fontWeight: 700 }}
            >
              {params.group}
            </Typography>
            <Box component="ul" role="group" aria-label={params.group} sx={{ p: 0, m: 0 }}>
              {params.children}
            </Box>
          </li>
        )}
        renderOption={({ key, ...props }, option) => (
          <li key={key} {...props}>
            <SearchOptionContent option={option} />
          </li>
        )}
        renderInput={(params) => (
          <TextField
            {...params}
            placeholder={t('search.placeholder')}
            onBlur={() => narrow && setExpanded(false)}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              if (text !== '' || open) {
                // One press: the text goes and the list closes (MUI's own handler closes it too).
                setText('');
                setOpen(false);
              } else if (narrow) {
                setExpanded(false);
                inputRef.current?.blur();
              }
            }}
            inputRef={inputRef}
            slotProps={{
              ...params.slotProps,
              htmlInput: {
                ...params.slotProps.htmlInput,
                'aria-label': t('search.label'),
                spellCheck: false,
                autoComplete: 'off',
                maxLength: 200,
              },
              input: {
                ...params.slotProps.input,
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchOutlined fontSize="small" />
                  </InputAdornment>
                ),
              },
            }}
          />
        )}
      />
    </SearchNote.Provider>
  );

  if (!narrow) return field;
  return expanded ? (
    <Stack
      direction="row"
      spacing={1}
      sx={{ position: 'absolute', inset: 0, px: 1.5, alignItems: 'center', bgcolor: 'background.paper', zIndex: 1 }}
    >
      {field}
      <IconButton aria-label={t('search.close')} onMouseDown={(event) => event.preventDefault()} onClick={() => setExpanded(false)}>
        <CloseOutlined />
      </IconButton>
    </Stack>
  ) : (
    <Tooltip title={t('search.open')}>
      <IconButton
        aria-label={t('search.open')}
        onClick={() => {
          setExpanded(true);
          setFocusWanted((n) => n + 1);
        }}
      >
        <SearchOutlined />
      </IconButton>
    </Tooltip>
  );
}

/** The text MUI uses for an option (and its accessible name comes from what it shows). */
function optionText(option: SearchOption): string {
  switch (option.kind) {
    case 'system':
      return option.system.name ?? displayMac(option.system.mac);
    case 'customer':
      return option.customer.customer;
    case 'key':
      return option.key.authCode;
  }
}

function SearchOptionContent({ option }: { option: SearchOption }) {
  const { t } = useTranslation();
  let primary: ReactNode;
  let secondary: string;
  let monospace = false;
  switch (option.kind) {
    case 'system': {
      const { system } = option;
      primary = system.name || t('search.unnamed');
      secondary = [displayMac(system.mac), system.customer].filter(Boolean).join(' · ');
      break;
    }
    case 'customer':
      primary = option.customer.customer;
      secondary = t('search.customerSystems', { count: option.customer.systemCount });
      break;
    case 'key': {
      const { key } = option;
      primary = key.authCode;
      monospace = true;
      secondary = [key.featureKey, key.systemName ?? displayMac(key.mac), key.skuDescription ?? key.sku].filter(Boolean).join(' · ');
      break;
    }
  }
  return (
    <Stack sx={{ minWidth: 0 }}>
      <Typography variant="body2" noWrap sx={monospace ? { fontFamily: monospaceFontStack } : undefined}>
        {primary}
      </Typography>
      <Typography variant="caption" color="text.secondary" noWrap>
        {secondary}
      </Typography>
    </Stack>
  );
}
