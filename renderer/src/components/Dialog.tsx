import MuiDialog, { type DialogProps } from '@mui/material/Dialog';
import { useLayoutEffect, useRef } from 'react';

/**
 * MUI's Dialog, which traps the focus while open and gives it back to what opened it, with the
 * one case it cannot handle covered: when that element is gone (a row deleted, a menu closed, a
 * form replaced by its result, a dialog opened from the address), the focus goes to `fallback`,
 * by default the page's heading, instead of falling to <body> where a keyboard or screen-reader
 * user would have to start the page again. Every dialog in the renderer is this one.
 */
export function Dialog({ fallbackFocus, ...props }: DialogProps & { fallbackFocus?: () => HTMLElement | null }) {
  useFocusFallback(props.open, fallbackFocus);
  return <MuiDialog {...props} />;
}

/** The page's h1 (Page marks it): where the focus goes when there is nothing better. */
export function pageHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-page-heading]');
}

function useFocusFallback(open: boolean, fallback: (() => HTMLElement | null) | undefined): void {
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  // A layout effect, so the opener is read before the dialog takes the focus.
  useLayoutEffect(() => {
    if (!open) return;
    const opener = document.activeElement;
    return () => {
      const focusedInDialog = document.activeElement;
      // After MUI has given the focus back (its own effect) and React has removed what went.
      setTimeout(() => {
        const now = document.activeElement;
        const lost = now === null || now === document.body || now === focusedInDialog || !now.isConnected;
        if (!lost) return; // MUI gave it back to the opener, or the page put it somewhere on purpose.
        const openerUsable =
          opener instanceof HTMLElement && opener !== document.body && opener.isConnected && !opener.matches(':disabled');
        const target = openerUsable ? opener : (fallbackRef.current?.() ?? pageHeading());
        target?.focus();
      }, 0);
    };
  }, [open]);
}
