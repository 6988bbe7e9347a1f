import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useMemo, type ReactNode } from 'react';
import type { Settings } from '../../../core/settings/contract';
import { createFieldKeyTheme, type PaletteMode } from './theme';

/** Light or dark: the theme setting when it says so, else the operating system's preference. */
export function resolvePaletteMode(setting: Settings['theme'] | undefined, systemPrefersDark: boolean): PaletteMode {
  if (setting === 'light' || setting === 'dark') return setting;
  return systemPrefersDark ? 'dark' : 'light';
}

export function ThemeModeProvider({ setting, children }: { setting?: Settings['theme']; children: ReactNode }) {
  const systemPrefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const mode = resolvePaletteMode(setting, systemPrefersDark);
  const theme = useMemo(() => createFieldKeyTheme(mode), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline enableColorScheme />
      {children}
    </ThemeProvider>
  );
}
