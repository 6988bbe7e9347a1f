import useMediaQuery from '@mui/material/useMediaQuery';
import { useState } from 'react';

const SIDEBAR_COLLAPSED_KEY = 'fieldkey.sidebarCollapsed';

/** Under this window width the sidebar shows icons only unless opened for the moment. */
export const SIDEBAR_AUTO_COLLAPSE_PX = 1200;

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(SIDEBAR_COLLAPSED_KEY) === 'true';
  } catch {
    return false;
  }
}

function writeCollapsed(collapsed: boolean): void {
  try {
    window.localStorage.setItem(SIDEBAR_COLLAPSED_KEY, String(collapsed));
  } catch {
    // Without storage the choice lasts until the window closes.
  }
}

/**
 * Whether the sidebar shows icons only. On a wide window it is the user's choice, remembered on
 * this computer (a layout preference, like the camera: not a setting of the core). Under 1200 px
 * it collapses by itself; the button then opens it for the moment without changing the choice.
 */
export function useSidebarCollapsed(): { collapsed: boolean; toggle: () => void } {
  const narrow = useMediaQuery(`(max-width: ${SIDEBAR_AUTO_COLLAPSE_PX - 0.05}px)`, { noSsr: true });
  const [chosen, setChosen] = useState(readCollapsed);
  const [openedWhileNarrow, setOpenedWhileNarrow] = useState(false);
  const collapsed = narrow ? !openedWhileNarrow : chosen;
  const toggle = () => {
    if (narrow) {
      setOpenedWhileNarrow(collapsed);
      return;
    }
    setChosen(!collapsed);
    writeCollapsed(!collapsed);
  };
  return { collapsed, toggle };
}
