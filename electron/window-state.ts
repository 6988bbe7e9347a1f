/**
 * The main window's size and position across launches: `window-state.json` in the data folder,
 * written while the window moves or resizes (debounced) and when it closes, and used again only
 * where it still fits on a display (a monitor may have been unplugged since).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { writePrivateFileAtomically } from '../core/fs/private-file';
import { log as defaultLog } from './log';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';
/** The first window; shrunk to the screen when smaller (a 1366×768 laptop has about 1366×728 to give). */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 };
export const MIN_WINDOW_SIZE = { width: 800, height: 560 };
const SCREEN_MARGIN = 24;

export interface WindowState {
  /** The window's bounds when not maximized. */
  bounds: Rectangle;
  maximized: boolean;
}

/** Where the first window goes: x/y are left out when Electron should centre it. */
export interface WindowPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

/** The part of a display used here (Electron's `Display`). */
export interface DisplayArea {
  bounds: Rectangle;
  workArea: Rectangle;
}

export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, WINDOW_STATE_FILE_NAME);
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof r[key] === 'number' && Number.isFinite(r[key]));
}

/** The saved state, or null when there is none or it cannot be read (a hand edit, a half-written file). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    if (!isRectangle(parsed.bounds)) return null;
    return { bounds: parsed.bounds, maximized: parsed.maximized === true };
  } catch {
    return null;
  }
}

function contains(outer: Rectangle, inner: Rectangle): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/**
 * The saved bounds when the whole window lies on one of today's displays and is at least the
 * minimum size; otherwise the default size, shrunk to the primary display's work area, centred.
 */
export function windowPlacement(saved: WindowState | null, displays: readonly DisplayArea[], primary: DisplayArea): WindowPlacement {
  if (saved) {
    const { bounds } = saved;
    const bigEnough = bounds.width >= MIN_WINDOW_SIZE.width && bounds.height >= MIN_WINDOW_SIZE.height;
    if (bigEnough && displays.some((display) => contains(display.bounds, bounds))) return { ...bounds, maximized: saved.maximized };
  }
  const area = primary.workArea;
  return {
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(DEFAULT_WINDOW_SIZE.width, area.width - SCREEN_MARGIN)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(DEFAULT_WINDOW_SIZE.height, area.height - SCREEN_MARGIN)),
    maximized: saved?.maximized ?? false,
  };
}

/** The part of BrowserWindow used here. */
type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isMinimized' | 'isFullScreen' | 'isDestroyed'>;

/** Saves the window's state as it moves and resizes (at most once per `debounceMs`) and when it closes. */
export function rememberWindowState(
  window: TrackedWindow,
  options: { file: string; debounceMs?: number; log?: (message: string, error?: unknown) => void },
): void {
  const log = options.log ?? defaultLog;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: WindowState | null = null;

  const capture = () => {
    // Full screen and minimized are moments, not a size to come back to.
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    last = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
  };
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!last) return;
    try {
      writePrivateFileAtomically(options.file, `${JSON.stringify(last)}\n`);
    } catch (err) {
      log('The window size and position could not be saved.', err);
    }
  };
  const changed = () => {
    capture();
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, options.debounceMs ?? 500);
  };

  window.on('resize', changed);
  window.on('move', changed);
  window.on('maximize', changed);
  window.on('unmaximize', changed);
  window.on('close', () => {
    capture();
    save();
  });
}
