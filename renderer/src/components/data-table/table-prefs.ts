import { useCallback, useState } from 'react';

/** What the user chose for one table: the columns hidden and the widths set by hand. */
export interface TablePrefs {
  hidden: string[];
  widths: Record<string, number>;
}

export const noTablePrefs: TablePrefs = { hidden: [], widths: {} };

const storageKey = (tableId: string) => `fieldkey.table.${tableId}`;

/** The stored choice, or none when there is none, it is damaged, or the page may not use storage. */
export function readTablePrefs(tableId: string): TablePrefs {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey(tableId)) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return noTablePrefs;
    const { hidden, widths } = parsed as Partial<TablePrefs>;
    return {
      hidden: Array.isArray(hidden) ? hidden.filter((id): id is string => typeof id === 'string') : [],
      widths:
        widths && typeof widths === 'object'
          ? Object.fromEntries(
              Object.entries(widths).filter(([, width]) => typeof width === 'number' && Number.isFinite(width) && width > 0),
            )
          : {},
    };
  } catch {
    return noTablePrefs;
  }
}

function writeTablePrefs(tableId: string, prefs: TablePrefs) {
  try {
    if (prefs.hidden.length === 0 && Object.keys(prefs.widths).length === 0) window.localStorage.removeItem(storageKey(tableId));
    else window.localStorage.setItem(storageKey(tableId), JSON.stringify(prefs));
  } catch {
    // A locked-down profile: the choice lasts until the page is left.
  }
}

/**
 * One table's column choices, remembered on this computer by table id (the renderer's UI state
 * lives in localStorage, like the theme hint and the camera). Without an id they last while the
 * table is shown.
 */
export function useTablePrefs(tableId: string | undefined): [TablePrefs, (change: (prefs: TablePrefs) => TablePrefs) => void] {
  const [prefs, setPrefs] = useState<TablePrefs>(() => (tableId ? readTablePrefs(tableId) : noTablePrefs));
  const update = useCallback(
    (change: (prefs: TablePrefs) => TablePrefs) =>
      setPrefs((current) => {
        const next = change(current);
        if (tableId) writeTablePrefs(tableId, next);
        return next;
      }),
    [tableId],
  );
  return [prefs, update];
}
