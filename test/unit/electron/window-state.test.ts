const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { createMainWindow } from '../../../electron/window';
import {
  DEFAULT_WINDOW_SIZE,
  readWindowState,
  rememberWindowState,
  windowPlacement,
  windowStateFile,
  type DisplayArea,
} from '../../../electron/window-state';

const fullHd: DisplayArea = { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const laptop: DisplayArea = { bounds: { x: 0, y: 0, width: 1366, height: 768 }, workArea: { x: 0, y: 0, width: 1366, height: 728 } };
const rightOfLaptop: DisplayArea = {
  bounds: { x: 1366, y: 0, width: 1920, height: 1080 },
  workArea: { x: 1366, y: 0, width: 1920, height: 1040 },
};

describe('window placement', () => {
  it('a first start gets the default size, centred (no x/y), where the screen is big enough', () => {
    expect(windowPlacement(null, [fullHd], fullHd)).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('a first start on a 1366×768 laptop fits inside its work area', () => {
    const placement = windowPlacement(null, [laptop], laptop);
    expect(placement.width).toBeLessThanOrEqual(laptop.workArea.width);
    expect(placement.height).toBeLessThanOrEqual(laptop.workArea.height);
    expect(placement.x).toBeUndefined();
  });

  it.each([
    ['on the primary display', { x: 100, y: 50, width: 1000, height: 700 }, [fullHd], true],
    ['on a second display to the right', { x: 1500, y: 100, width: 1200, height: 800 }, [laptop, rightOfLaptop], true],
    ['on a display that is gone', { x: 1500, y: 100, width: 1200, height: 800 }, [laptop], false],
    ['hanging off the bottom of the screen', { x: 100, y: 500, width: 1000, height: 700 }, [laptop], false],
    ['smaller than the minimum', { x: 100, y: 50, width: 300, height: 200 }, [fullHd], false],
  ])('saved bounds %s: restored = %s', (_case, bounds, displays, restored) => {
    const placement = windowPlacement({ bounds, maximized: false }, displays, displays[0]!);
    if (restored) expect(placement).toEqual({ ...bounds, maximized: false });
    else expect(placement.x).toBeUndefined();
  });

  it('a window closed maximized opens maximized again', () => {
    expect(windowPlacement({ bounds: { x: 10, y: 10, width: 1000, height: 700 }, maximized: true }, [fullHd], fullHd).maximized).toBe(true);
  });
});

describe('window state file (stand-in electron BrowserWindow)', () => {
  let dataDir: string;
  beforeEach(() => {
    standIn.reset();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-window-'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const open = (placement = windowPlacement(readWindowState(windowStateFile(dataDir)), [fullHd], fullHd)) => {
    const window = createMainWindow({ preloadPath: '/p.cjs', iconPath: '/i.png', placement }) as unknown as InstanceType<
      typeof standIn.BrowserWindow
    >;
    rememberWindowState(window as unknown as BrowserWindow, { file: windowStateFile(dataDir), debounceMs: 500 });
    return window;
  };

  it('a moved and resized window opens there at the next start', () => {
    const first = open();
    expect(first.options).toMatchObject({ width: DEFAULT_WINDOW_SIZE.width, height: DEFAULT_WINDOW_SIZE.height });
    first.moveTo({ x: 200, y: 120, width: 1100, height: 760 });
    first.close();
    expect(readWindowState(windowStateFile(dataDir))).toEqual({ bounds: { x: 200, y: 120, width: 1100, height: 760 }, maximized: false });

    const second = open();
    expect(second.options).toMatchObject({ x: 200, y: 120, width: 1100, height: 760 });
  });

  it('moving and resizing writes once things settle (debounced), without waiting for close', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const window = open();
    window.moveTo({ x: 10, y: 10, width: 900, height: 600 });
    window.moveTo({ x: 20, y: 20, width: 900, height: 600 });
    expect(fs.existsSync(windowStateFile(dataDir))).toBe(false);
    vi.runAllTimers();
    expect(readWindowState(windowStateFile(dataDir))?.bounds).toEqual({ x: 20, y: 20, width: 900, height: 600 });
  });

  it('a maximized window is shown maximized and remembered so', () => {
    const window = open({ width: 1000, height: 700, x: 10, y: 10, maximized: true });
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
    expect(window.visible).toBe(true);
    window.close();
    expect(readWindowState(windowStateFile(dataDir))?.maximized).toBe(true);
  });

  it('a damaged window-state.json is ignored: the default placement is used', () => {
    fs.writeFileSync(windowStateFile(dataDir), '{"bounds": {"x": "left"');
    expect(readWindowState(windowStateFile(dataDir))).toBeNull();
    expect(open().options).toMatchObject({ width: DEFAULT_WINDOW_SIZE.width, height: DEFAULT_WINDOW_SIZE.height });
  });
});
