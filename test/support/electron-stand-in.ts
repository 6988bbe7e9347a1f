/**
 * A stand-in for the `electron` module, for unit tests of electron/ (Electron's binary cannot
 * run here). Use it in a test file with
 *
 *   const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
 *   vi.mock('electron', () => electronModule);
 *
 * (through vi.hoisted, so that vi.resetModules() re-imports the code under test against the
 * same stand-in the test inspects).
 *
 * It imitates what FieldKey relies on, including the parts that matter for security: IPC
 * arguments and results are structured-cloned, `senderFrame` comes from the renderer that sent
 * the call, navigation events can be prevented, and privileged schemes must be registered
 * before `ready`. Objects are stable; `standIn.reset()` clears their state between tests.
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

type Listener = (...args: any[]) => void;

/** Electron's event object for will-navigate and friends. */
export interface StandInNavigationEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function navigationEvent(url: string): StandInNavigationEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class StandInFrame {
  constructor(
    public url: string,
    public readonly parent: StandInFrame | null = null,
  ) {}
}

export class StandInSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: ((...args: any[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: any[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: Listener | null) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: any[]) => boolean) | null) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((...args: any[]) => boolean) | null) {
    this.devicePermissionHandler = handler;
  }

  /** What Chromium would decide for a permission request from `contents`. */
  requestPermission(contents: StandInWebContents, permission: string, details: Record<string, unknown>): Promise<boolean> {
    // With no handler Electron grants everything: exactly what the app must not leave in place.
    if (!this.permissionRequestHandler) return Promise.resolve(true);
    return new Promise((resolve) =>
      this.permissionRequestHandler!(contents, permission, resolve, { isMainFrame: true, requestingUrl: contents.getURL(), ...details }),
    );
  }

  checkPermission(contents: StandInWebContents | null, permission: string, origin: string, details: Record<string, unknown>): boolean {
    if (!this.permissionCheckHandler) return true;
    return this.permissionCheckHandler(contents, permission, origin, { isMainFrame: true, ...details });
  }

  checkDevice(details: Record<string, unknown>): boolean {
    if (!this.devicePermissionHandler) return true;
    return this.devicePermissionHandler(details);
  }
}

let nextWebContentsId = 1;

export class StandInWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new StandInFrame('');
  windowOpenHandler: ((details: { url: string; frameName: string; features: string; disposition: string }) => { action: string }) | null =
    null;
  destroyed = false;
  /** Every webContents.send, for assertions. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];

  constructor(public readonly session: StandInSession) {
    super();
  }

  setWindowOpenHandler(handler: StandInWebContents['windowOpenHandler']) {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  /** Every executeJavaScript, for assertions (nothing runs). */
  readonly executed: string[] = [];
  executeJavaScript(code: string): Promise<unknown> {
    if (this.destroyed) return Promise.reject(new Error('Object has been destroyed'));
    this.executed.push(code);
    return Promise.resolve(undefined);
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const copies = structuredClone(args);
    this.sent.push({ channel, args: copies });
    if (standIn.renderer === this) setImmediate(() => ipcRendererEmitter.emit(channel, { sender: ipcRenderer }, ...copies));
  }

  // Test helpers: what the page (or a redirect) would attempt. Return whether it went ahead.
  tryNavigate(url: string): boolean {
    const event = navigationEvent(url);
    this.emit('will-navigate', event, url);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return !event.defaultPrevented;
  }
  tryFrameNavigate(url: string): boolean {
    const event = navigationEvent(url);
    this.emit('will-frame-navigate', event);
    return !event.defaultPrevented;
  }
  tryRedirect(url: string): boolean {
    const event = navigationEvent(url);
    this.emit('will-redirect', event, url);
    return !event.defaultPrevented;
  }
  tryAttachWebview(): boolean {
    const event = navigationEvent('');
    this.emit('will-attach-webview', event, {}, {});
    return !event.defaultPrevented;
  }
  /** window.open(url): the handler's verdict, or 'allow' when no handler is set (Electron's default). */
  tryOpenWindow(url: string): string {
    if (!this.windowOpenHandler) return 'allow';
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' }).action;
  }
}

export class StandInBrowserWindow extends EventEmitter {
  static windows: StandInBrowserWindow[] = [];
  static getAllWindows(): StandInBrowserWindow[] {
    return StandInBrowserWindow.windows.filter((window) => !window.destroyed);
  }
  static fromWebContents(contents: StandInWebContents): StandInBrowserWindow | null {
    return StandInBrowserWindow.windows.find((window) => window.webContents === contents) ?? null;
  }

  readonly webContents: StandInWebContents;
  destroyed = false;
  visible = false;
  minimized = false;
  focused = false;
  maximized = false;
  fullScreen = false;
  /** The bounds when not maximized, from the options; a test moves the window with `moveTo`. */
  normalBounds: { x: number; y: number; width: number; height: number };

  constructor(public readonly options: Record<string, any> = {}) {
    super();
    this.normalBounds = { x: options.x ?? 40, y: options.y ?? 30, width: options.width ?? 800, height: options.height ?? 600 };
    this.webContents = new StandInWebContents(session.defaultSession);
    StandInBrowserWindow.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show() {
    this.visible = true;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return this.maximized;
  }
  isFullScreen() {
    return this.fullScreen;
  }
  maximize() {
    this.maximized = true;
    this.visible = true;
    this.emit('maximize');
  }
  getNormalBounds() {
    return { ...this.normalBounds };
  }
  /** Test helper: the user moved or resized the window. */
  moveTo(bounds: { x: number; y: number; width: number; height: number }) {
    const resized = bounds.width !== this.normalBounds.width || bounds.height !== this.normalBounds.height;
    this.normalBounds = { ...bounds };
    this.emit(resized ? 'resize' : 'move');
  }
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

// ipcRenderer is the preload's side; it belongs to `standIn.renderer`.
const ipcRendererEmitter = new EventEmitter();

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    const renderer = standIn.renderer;
    if (!handler || !renderer) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    const event = { sender: renderer, senderFrame: standIn.senderFrame ?? renderer.mainFrame, processId: 1, frameId: 1 };
    const copies = structuredClone(args);
    return new Promise((resolve, reject) => {
      setImmediate(() => {
        Promise.resolve()
          .then(() => handler(event, ...copies))
          .then((result) => resolve(structuredClone(result)), reject);
      });
    });
  },
  on(channel: string, listener: Listener) {
    ipcRendererEmitter.on(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: Listener) {
    ipcRendererEmitter.removeListener(channel, listener);
    return ipcRenderer;
  },
  listenerCount(channel: string): number {
    return ipcRendererEmitter.listenerCount(channel);
  },
};

export const ipcMain = {
  handlers: new Map<string, (event: any, ...args: any[]) => unknown>(),
  listeners: new Map<string, Listener[]>(),
  handle(channel: string, handler: (event: any, ...args: any[]) => unknown) {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    ipcMain.handlers.delete(channel);
  },
  on(channel: string, listener: Listener) {
    ipcMain.listeners.set(channel, [...(ipcMain.listeners.get(channel) ?? []), listener]);
    return ipcMain;
  },
  /** Calls a handler as a given sender would (for untrusted-sender tests). */
  async invokeAs(sender: { sender: unknown; senderFrame: unknown }, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler(sender, ...structuredClone(args)));
  },
};

export const contextBridge = {
  exposed: {} as Record<string, any>,
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    if (key in contextBridge.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    contextBridge.exposed[key] = api;
  }),
};

/** The child side of a stand-in utility process: what `process.parentPort` is in the child. */
export class StandInParentPort {
  private readonly emitter = new EventEmitter();
  private readonly early: unknown[] = [];
  constructor(private readonly parent: StandInUtilityProcess) {}
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void) {
    this.emitter.on(event, listener);
    // Electron queues messages until the child listens.
    for (const data of this.early.splice(0)) this.emitter.emit('message', { data });
    return this;
  }
  postMessage(message: unknown) {
    if (!this.parent.alive) return;
    const copy = structuredClone(message);
    setImmediate(() => {
      if (this.parent.alive) this.parent.emit('message', copy);
    });
  }
  deliver(data: unknown) {
    if (this.emitter.listenerCount('message') === 0) this.early.push(data);
    else this.emitter.emit('message', { data });
  }
}

let nextPid = 4000;

export class StandInUtilityProcess extends EventEmitter {
  readonly pid = nextPid++;
  alive = true;
  readonly parentPort = new StandInParentPort(this);
  /** Everything the parent posted, for assertions. */
  readonly received: unknown[] = [];

  constructor(
    public readonly modulePath: string,
    public readonly args: string[],
    public readonly options: Record<string, unknown>,
  ) {
    super();
  }
  postMessage(message: unknown) {
    if (!this.alive) return;
    const copy = structuredClone(message);
    this.received.push(copy);
    setImmediate(() => {
      if (this.alive) this.parentPort.deliver(copy);
    });
  }
  kill(): boolean {
    this.exit(15);
    return true;
  }
  /** The process dies (crash, OOM, exit); emits 'exit' once, later, like Electron. */
  exit(code: number) {
    if (!this.alive) return;
    this.alive = false;
    setImmediate(() => this.emit('exit', code));
  }
}

export const utilityProcess = {
  /** Set by a test to run "the child" in-process, e.g. runCoreHost(child.parentPort). */
  onFork: null as ((child: StandInUtilityProcess) => void) | null,
  forked: [] as StandInUtilityProcess[],
  fork: vi.fn((modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
    const child = new StandInUtilityProcess(modulePath, args, options);
    utilityProcess.forked.push(child);
    utilityProcess.onFork?.(child);
    return child;
  }),
};

class StandInApp extends EventEmitter {
  isPackaged = false;
  ready = false;
  paths: Record<string, string> = {};
  private readyWaiters: Array<() => void> = [];
  requestSingleInstanceLock = vi.fn(() => true);
  quit = vi.fn();
  exit = vi.fn();
  getVersion() {
    return '0.0.0-test';
  }
  getName() {
    return 'FieldKey';
  }
  /** The "operating system's" preferred languages, most preferred first; a test sets them. */
  preferredSystemLanguages: string[] = ['en-US'];
  /** Chromium's locale (what app.getLocale() answers). */
  locale = 'en-US';
  getPreferredSystemLanguages(): string[] {
    return [...this.preferredSystemLanguages];
  }
  getLocale(): string {
    return this.locale;
  }
  getPath(name: string): string {
    return this.paths[name] ?? path.join(os.tmpdir(), 'fieldkey-stand-in', name);
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  isReady() {
    return this.ready;
  }
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  /** Test helper: Electron finished starting. */
  becomeReady() {
    this.ready = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    this.emit('ready');
  }
  resetState() {
    this.removeAllListeners();
    this.isPackaged = false;
    this.ready = false;
    this.paths = {};
    this.preferredSystemLanguages = ['en-US'];
    this.locale = 'en-US';
    this.readyWaiters = [];
    this.requestSingleInstanceLock = vi.fn(() => true);
    this.quit = vi.fn();
    this.exit = vi.fn();
  }
}

export const app = new StandInApp();

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged: vi.fn((schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>) => {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privileged.push(...schemes);
  }),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
    if (!app.isReady()) throw new Error('protocol.handle must be called after app is ready');
    protocol.handlers.set(scheme, handler);
  }),
};

export const session = {
  defaultSession: new StandInSession(),
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => {}),
  openPath: vi.fn(async (_path: string) => ''),
};

export const dialog = {
  /** Button indexes the "user" clicks, in order; 0 when the list runs out. */
  responses: [] as number[],
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: dialog.responses.shift() ?? 0, checkboxChecked: false })),
  showErrorBox: vi.fn((_title: string, _content: string) => {}),
};

/** What Menu.buildFromTemplate makes: the template, kept as given, so tests can find items and click them. */
export interface StandInMenu {
  items: Array<Record<string, any>>;
}

export const Menu = {
  applicationMenu: null as StandInMenu | null,
  buildFromTemplate: vi.fn((template: Array<Record<string, any>>): StandInMenu => ({ items: template })),
  setApplicationMenu: vi.fn((menu: StandInMenu | null) => {
    Menu.applicationMenu = menu;
  }),
};

type StandInRectangle = { x: number; y: number; width: number; height: number };
interface StandInDisplay {
  id: number;
  bounds: StandInRectangle;
  workArea: StandInRectangle;
}

/** One 1920×1080 display unless a test sets others (the first is the primary). */
function defaultDisplays(): StandInDisplay[] {
  return [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
}

export const screen = {
  displays: defaultDisplays(),
  getAllDisplays: vi.fn(() => screen.displays),
  getPrimaryDisplay: vi.fn(() => screen.displays[0]!),
};

const STAND_IN_CIPHER_PREFIX = Buffer.from('stand-in-safe:');

/**
 * safeStorage: a reversible transform (bytes XOR 0x5a behind a prefix) so tests can check a file
 * holds no plain secret; `available` and `backend` say what the "OS keychain" offers.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptString: vi.fn((plainText: string): Buffer => {
    if (!safeStorage.available) throw new Error('Encryption is not available.');
    const bytes = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
    return Buffer.concat([STAND_IN_CIPHER_PREFIX, bytes]);
  }),
  decryptString: vi.fn((encrypted: Buffer): string => {
    if (!safeStorage.available) throw new Error('Decryption is not available.');
    if (!encrypted.subarray(0, STAND_IN_CIPHER_PREFIX.length).equals(STAND_IN_CIPHER_PREFIX))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(STAND_IN_CIPHER_PREFIX.length).map((byte) => byte ^ 0x5a)).toString('utf8');
  }),
};

export const standIn = {
  app,
  BrowserWindow: StandInBrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  utilityProcess,
  protocol,
  session,
  shell,
  dialog,
  safeStorage,
  Menu,
  screen,
  /** The web contents whose preload `ipcRenderer` belongs to. */
  renderer: null as StandInWebContents | null,
  /** Overrides the senderFrame of the next ipcRenderer calls (e.g. an iframe). */
  senderFrame: null as StandInFrame | null,
  reset() {
    app.resetState();
    for (const window of StandInBrowserWindow.windows) window.removeAllListeners();
    StandInBrowserWindow.windows = [];
    ipcMain.handlers.clear();
    ipcMain.listeners.clear();
    ipcRendererEmitter.removeAllListeners();
    contextBridge.exposed = {};
    contextBridge.exposeInMainWorld.mockClear();
    utilityProcess.onFork = null;
    utilityProcess.forked = [];
    utilityProcess.fork.mockClear();
    protocol.privileged = [];
    protocol.handlers.clear();
    protocol.registerSchemesAsPrivileged.mockClear();
    protocol.handle.mockClear();
    session.defaultSession = new StandInSession();
    shell.openExternal.mockClear();
    dialog.responses = [];
    dialog.showMessageBox.mockClear();
    dialog.showErrorBox.mockClear();
    safeStorage.available = true;
    safeStorage.backend = 'gnome_libsecret';
    safeStorage.isEncryptionAvailable.mockClear();
    safeStorage.getSelectedStorageBackend.mockClear();
    safeStorage.encryptString.mockClear();
    safeStorage.decryptString.mockClear();
    Menu.applicationMenu = null;
    Menu.buildFromTemplate.mockClear();
    Menu.setApplicationMenu.mockClear();
    screen.displays = defaultDisplays();
    shell.openPath.mockClear();
    standIn.renderer = null;
    standIn.senderFrame = null;
  },
};

const namedExports = {
  app,
  BrowserWindow: StandInBrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  utilityProcess,
  protocol,
  session,
  shell,
  dialog,
  safeStorage,
  Menu,
  screen,
};

/** What `vi.mock('electron', ...)` should resolve to: named exports and a default export. */
export const electronModule = { ...namedExports, default: namedExports };
