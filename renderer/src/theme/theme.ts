import { alpha, createTheme, type Theme } from '@mui/material/styles';

export type PaletteMode = 'light' | 'dark';

/** The operating system's fonts: nothing is downloaded, and it looks native on every platform. */
const systemFontStack = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  'Ubuntu',
  'Cantarell',
  '"Noto Sans"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(',');

export const monospaceFontStack = [
  'ui-monospace',
  '"SF Mono"',
  '"Cascadia Mono"',
  '"Segoe UI Mono"',
  '"DejaVu Sans Mono"',
  'Menlo',
  'Consolas',
  'monospace',
].join(',');

export function createFieldKeyTheme(mode: PaletteMode): Theme {
  const dark = mode === 'dark';
  const base = createTheme({
    palette: {
      mode,
      primary: { main: dark ? '#7cb4ff' : '#1d5fc9' },
      secondary: { main: dark ? '#5fd4c4' : '#0f7a6c' },
      success: { main: dark ? '#5cc98a' : '#1e7d45' },
      // MUI's light orange and blue read 3.1:1 and 3.9:1 against white (chip text, outlined
      // chips): these keep 4.5:1 or more on paper and on the page background (WCAG AA).
      warning: { main: dark ? '#ffa726' : '#a84d00' },
      info: { main: dark ? '#29b6f6' : '#0369a1' },
      background: dark ? { default: '#111418', paper: '#181c21' } : { default: '#f4f6f9', paper: '#ffffff' },
      divider: dark ? 'rgba(255,255,255,0.09)' : 'rgba(16,24,40,0.10)',
      text: dark ? { primary: '#e6e9ee', secondary: '#a3acb9' } : { primary: '#16202e', secondary: '#56617a' },
    },
    shape: { borderRadius: 10 },
    typography: {
      fontFamily: systemFontStack,
      h1: { fontSize: '1.75rem', fontWeight: 650, letterSpacing: '-0.01em' },
      h2: { fontSize: '1.05rem', fontWeight: 650 },
      button: { textTransform: 'none', fontWeight: 600 },
    },
  });
  const focusRing = {
    outline: `2px solid ${base.palette.primary.main}`,
    outlineOffset: 2,
  };
  return createTheme(base, {
    components: {
      MuiCssBaseline: {
        styleOverrides: {
          body: { WebkitFontSmoothing: 'antialiased' },
          // Keyboard users must always see where they are.
          ':focus-visible': focusRing,
        },
      },
      MuiButtonBase: {
        defaultProps: { disableRipple: false },
        styleOverrides: { root: { '&.Mui-focusVisible': focusRing } },
      },
      MuiAppBar: {
        defaultProps: { elevation: 0, color: 'inherit' },
        styleOverrides: {
          root: {
            backgroundColor: base.palette.background.paper,
            borderBottom: `1px solid ${base.palette.divider}`,
          },
        },
      },
      MuiPaper: { styleOverrides: { outlined: { borderColor: base.palette.divider } } },
      MuiCard: { defaultProps: { variant: 'outlined' } },
      MuiListItemButton: {
        styleOverrides: {
          root: {
            borderRadius: 8,
            margin: '2px 8px',
            '&.Mui-selected': {
              backgroundColor: alpha(base.palette.primary.main, dark ? 0.18 : 0.1),
              color: base.palette.primary.main,
              '& .MuiListItemIcon-root': { color: base.palette.primary.main },
            },
            '&.Mui-selected:hover': { backgroundColor: alpha(base.palette.primary.main, dark ? 0.24 : 0.14) },
          },
        },
      },
      MuiListItemIcon: { styleOverrides: { root: { minWidth: 36 } } },
      MuiTooltip: { defaultProps: { arrow: true } },
      MuiTextField: { defaultProps: { size: 'small' } },
      // A disabled field's helper text still explains something (why it is disabled, what it
      // needs): readable, not faded to text.disabled (2.7:1).
      MuiFormHelperText: { styleOverrides: { root: { '&.Mui-disabled': { color: base.palette.text.secondary } } } },
      MuiButton: { defaultProps: { disableElevation: true } },
    },
  });
}
