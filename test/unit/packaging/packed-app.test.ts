/**
 * The installed app, proved from its packed files: electron-builder packages FieldKey as
 * `--linux dir` into a temp folder, with a stub Electron distribution standing in for the binary
 * that cannot be downloaded here (only its layout matters to electron-builder). app.asar is
 * extracted and the packed core host runs under plain Node with the packed native binding (the
 * Node build of better-sqlite3, copied to where the package expects the Electron one: the layout
 * is what is tested), a stand-in for Electron's parent port and for safeStorage.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as asar from '@electron/asar';
import bwipjs from 'bwip-js/node';
import { load } from 'js-yaml';
import { build } from '../../../scripts/build.mjs';
import { compact, distributorWorkbook } from '../codes/codes-fixture';
import { portalWorkbook } from '../import/portal-workbook';

const root = path.resolve(__dirname, '..', '..', '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
const NATIVE_RESOURCE = 'native/better_sqlite3.node';

interface Packed {
  resources: string;
  appAsar: string;
  /** app.asar extracted, app.asar.unpacked laid over it: the app's files as Electron sees them. */
  app: string;
  /** Every file of the app, relative to its root, `/`-separated. */
  files: string[];
  packagingSeconds: number;
}

let work: string;
let packed: Packed;

/** Packages the app with electron-builder into `work`, never touching release/ or build/native/. */
function packageApp(): Packed {
  const started = Date.now();
  const stubElectron = path.join(work, 'electron-dist');
  fs.mkdirSync(path.join(stubElectron, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(stubElectron, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  // The package takes build/native/electron/better_sqlite3.node; a developer's real Electron build
  // may be there, so the config is pointed at a copy of the Node build instead.
  const nodeBinding = path.join(work, 'native', 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(nodeBinding), { recursive: true });
  fs.copyFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), nodeBinding);

  const config = load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
  const nativeEntries = config.extraResources.filter((entry: { to?: string }) => entry.to === NATIVE_RESOURCE);
  expect(nativeEntries).toHaveLength(1);
  config.extraResources = config.extraResources.map((entry: { to?: string }) =>
    entry.to === NATIVE_RESOURCE ? { ...entry, from: nodeBinding } : entry,
  );
  config.directories = { ...config.directories, output: path.join(work, 'release') };
  config.electronDist = stubElectron;
  config.electronVersion = electronVersion;
  const configFile = path.join(work, 'electron-builder.json');
  fs.writeFileSync(configFile, JSON.stringify(config));

  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', '--config', configFile],
    { cwd: root, encoding: 'utf8', timeout: 180_000 },
  );
  if (result.status !== 0) throw new Error(`electron-builder failed (${result.status}):\n${result.stdout}\n${result.stderr}`);

  const resources = path.join(work, 'release', 'linux-unpacked', 'resources');
  const appAsar = path.join(resources, 'app.asar');
  const app = path.join(work, 'app');
  asar.extractAll(appAsar, app);
  const unpacked = `${appAsar}.unpacked`;
  if (fs.existsSync(unpacked)) fs.cpSync(unpacked, app, { recursive: true });
  const files = (fs.readdirSync(app, { recursive: true }) as string[])
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => fs.statSync(path.join(app, file)).isFile())
    .sort();
  return { resources, appAsar, app, files, packagingSeconds: (Date.now() - started) / 1000 };
}

beforeAll(async () => {
  // `npm test` builds before vitest; run alone, the test builds what is stale.
  await build();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-packed-'));
  packed = packageApp();
  const asarBytes = fs.statSync(packed.appAsar).size;
  console.log(
    `Packed FieldKey: app.asar ${(asarBytes / 1024 / 1024).toFixed(1)} MB (${asarBytes} bytes), ${packed.files.length} files, packaged in ${packed.packagingSeconds.toFixed(1)} s`,
  );
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packaged app (electron-builder --linux dir, stub Electron distribution)', () => {
  it('ships the bundles, the renderer and package.json, and the native binding in resources/native', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(packed.app, 'package.json'), 'utf8'));
    expect(packed.files).toContain(pkg.main);
    expect(packed.files).toEqual(
      expect.arrayContaining([
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/electron/core-host.cjs',
        'dist/renderer/index.html',
      ]),
    );
    expect(fs.existsSync(path.join(packed.resources, NATIVE_RESOURCE))).toBe(true);
    expect(fs.existsSync(path.join(packed.resources, 'icon.png'))).toBe(true);
  });

  it('holds nothing the installed app does not run: no tests, benches, sources, maps, browser host or native builds', () => {
    const unwanted = packed.files.filter(
      (file) =>
        /^(test|bench|core|electron|renderer|portal-sandbox|cli|scripts|assets)\//.test(file) ||
        /\.(tsx?|mts|cts|map)$/.test(file) ||
        file.startsWith('dist/node/') ||
        file === 'dist/.build-stamp' ||
        // Electron loads resources/native; a .node in the archive would be Node's ABI, dead weight.
        file.endsWith('.node') ||
        /^node_modules\/better-sqlite3\/(build|deps|src)\//.test(file),
    );
    expect(unwanted).toEqual([]);
  });

  it('every package a bundle requires at run time is in the package (electron aside: it is the runtime)', () => {
    const requireFromApp = createRequire(path.join(packed.app, 'dist', 'electron', 'main.cjs'));
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const missing: string[] = [];
    for (const bundle of packed.files.filter((file) => /^dist\/electron\/.*\.cjs$/.test(file))) {
      const text = fs.readFileSync(path.join(packed.app, bundle), 'utf8');
      // A call, not text inside a string (a library's generated code may mention require("x")).
      for (const [, name] of text.matchAll(/(?<![\w$.'"`])require\("([^"./][^"]*)"\)/g)) {
        if (!name || name === 'electron' || builtins.has(name) || builtins.has(name.split('/')[0]!)) continue;
        try {
          requireFromApp.resolve(name);
        } catch {
          missing.push(`${bundle}: ${name}`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('carries the scan worker’s zxing .wasm beside the worker that loads it', () => {
    const wasm = packed.files.filter((file) => /^dist\/renderer\/assets\/zxing_reader-[\w-]+\.wasm$/.test(file));
    expect(wasm).toHaveLength(1);
    const wasmFile = wasm[0]!;
    expect(fs.readFileSync(path.join(packed.app, wasmFile)).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    const worker = packed.files.find((file) => /^dist\/renderer\/assets\/decode\.worker-[\w-]+\.js$/.test(file));
    expect(worker).toBeDefined();
    expect(fs.readFileSync(path.join(packed.app, worker!), 'utf8')).toContain(path.posix.basename(wasmFile));
  });

  it('the packed core host, under Node with stand-ins for Electron’s parent port and safeStorage, starts the embedded demo portal, signs in as demo, redeems a code, reads a barcode picture and imports a portal export in the packed file worker', async () => {
    const host = new PackedCoreHost(packed);
    try {
      const dataDir = path.join(work, 'data');
      const ready = await host.init({
        dataDir,
        version: '0.0.0-packed',
        nativeBinding: path.join(packed.resources, NATIVE_RESOURCE),
        settings: {},
      });
      expect(ready).toEqual({ type: 'ready' });

      const info = (await host.invoke('app.info', {})) as { portalUrl: string | null; host: string; databaseFile: string };
      expect(info.host).toBe('electron');
      expect(info.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.databaseFile).toBe(path.join(dataDir, 'fieldkey.db'));
      // The embedded sandbox opened its own database with the packed binding too.
      expect(fs.existsSync(path.join(dataDir, 'sandbox-portal', 'sandbox-portal.sqlite'))).toBe(true);

      const session = (await host.invoke('session.login', { username: 'demo', password: 'demo' })) as {
        loggedIn: boolean;
        portalUrl: string;
      };
      expect(session).toMatchObject({ loggedIn: true, portalUrl: info.portalUrl });
      // The token went to the parent (safeStorage's side), not to a file in the data folder.
      expect([...host.secrets.values()]).toHaveLength(1);

      // The host prints the sandbox's links, this launch's secret included, for the person at the terminal.
      const codesLink = await host.waitForOutput(/(http:\/\/127\.0\.0\.1:\d+\/sandbox\/auth-codes\?status=unredeemed&secret=[\w-]+)/);
      expect(codesLink.startsWith(info.portalUrl!)).toBe(true);
      const { authCodes } = (await (await fetch(codesLink)).json()) as { authCodes: { code: string }[] };
      expect(authCodes.length).toBeGreaterThan(0);
      const authCode = authCodes[0]!.code;

      const redeemed = (await host.invoke('redeem.submit', { mac: '00:0A:DD:0F:AC:01', authCodes: [authCode] })) as {
        queued: boolean;
        operation: { results: { authCode: string; status: string; featureKey?: string }[] | null };
      };
      expect(redeemed.queued).toBe(false);
      expect(redeemed.operation.results).toEqual([
        expect.objectContaining({ authCode, status: 'redeemed', featureKey: expect.stringMatching(/\S{8,}/) }),
      ]);

      // A distributor's sheet whose only code is a barcode picture: read by the packed file worker
      // (a worker thread started from the packed bundle), decoded with the packed zxing .wasm.
      const pictureCode = authCodes[1]!.code;
      const barcode = Buffer.from(await bwipjs.toBuffer({ bcid: 'code128', text: pictureCode, scale: 3, height: 10, includetext: false }));
      const sheet = await distributorWorkbook([{ distributor: 'Northwind Telecom', sku: 'SKU-1' }], { picture: barcode });
      const draft = (await host.invoke('codes.previewImport', { fileName: 'order.xlsx', bytes: new Uint8Array(sheet) })) as {
        codes: { code: string; source: string }[];
      };
      expect(draft.codes.map((c) => [compact(c.code), c.source])).toEqual([[compact(pictureCode), 'picture']]);

      // A portal export: read and written by the packed file worker, on a connection of its own
      // opened with the packed native binding.
      const portalExport = await portalWorkbook([
        ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed'],
        [
          '8210010 - 6x Internet Call Access Key',
          'Northwind Telecom',
          'PKGTST-7Q4M2X-9B3K8W-1ZP5RD',
          'Pk9x-Tq2m-W7sD',
          '00:0A:DD:0F:AC:02',
          '10/14/2009 4:55:28 PM',
        ],
      ]);
      const imported = (await host.invoke('keys.import', { fileName: 'View Codes.xlsx', bytes: new Uint8Array(portalExport) })) as {
        imported: number;
      };
      expect(imported.imported).toBe(1);
      const found = (await host.invoke('keys.list', { filter: { contains: 'PKGTST' } })) as { rows: { featureKey: string }[] };
      expect(found.rows.map((row) => row.featureKey)).toEqual(['Pk9x-Tq2m-W7sD']);

      expect(await host.shutdown()).toBe(0);
    } finally {
      host.kill();
    }
  }, 90_000);
});

type Message = { type: string; [field: string]: unknown };

/**
 * The main process's side of the core host, for a test: forks the packed core-host.cjs under Node
 * with `process.parentPort` defined over Node's IPC channel (structured clone, as Electron's port),
 * answers `secrets.request` from memory as the main process does from safeStorage, and invokes
 * API methods over the wire protocol (core/rpc/wire.ts).
 */
class PackedCoreHost {
  readonly secrets = new Map<string, string>();
  private readonly child: ChildProcess;
  private readonly messages: Message[] = [];
  private readonly waiters = new Set<() => void>();
  private output = '';
  private nextId = 1;

  constructor(packedApp: Packed) {
    const parentPortShim = path.join(work, 'parent-port-stand-in.cjs');
    fs.writeFileSync(
      parentPortShim,
      [
        "// Stand-in for Electron's process.parentPort (a utility process's port to the main process).",
        'process.parentPort = {',
        "  on(event, listener) { if (event === 'message') process.on('message', (data) => listener({ data })); return this; },",
        '  postMessage(message) { process.send(message); },',
        '};',
        'require(process.argv[2]);',
      ].join('\n'),
    );
    this.child = fork(parentPortShim, [path.join(packedApp.app, 'dist', 'electron', 'core-host.cjs')], {
      cwd: work,
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      this.wake();
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.child.on('exit', () => this.wake());
    this.child.on('message', (message: Message) => {
      if (message.type === 'secrets.request') this.answerSecrets(message);
      else this.messages.push(message);
      this.wake();
    });
  }

  init(config: Record<string, unknown>): Promise<Message> {
    this.child.send({ type: 'init', config });
    return this.waitFor((m) => m.type === 'ready' || m.type === 'init-failed', 'ready');
  }

  async invoke(method: string, args: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.child.send({ type: 'invoke', id, method, args });
    const result = await this.waitFor((m) => m.type === 'result' && m.id === id, `the answer to ${method}`);
    if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
    return result.result;
  }

  async waitForOutput(pattern: RegExp): Promise<string> {
    await this.until(() => pattern.test(this.output), `output matching ${pattern}`);
    return pattern.exec(this.output)![1]!;
  }

  async shutdown(): Promise<number | null> {
    this.child.send({ type: 'shutdown' });
    await this.until(() => this.child.exitCode !== null, 'the core host to exit');
    return this.child.exitCode;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private answerSecrets(request: Message): void {
    const { id, op, name, value } = request as unknown as { id: number; op: 'get' | 'set' | 'delete'; name: string; value?: string };
    if (op === 'set') this.secrets.set(name, value!);
    if (op === 'delete') this.secrets.delete(name);
    this.child.send({ type: 'secrets.response', id, ok: true, ...(op === 'get' ? { value: this.secrets.get(name) ?? null } : {}) });
  }

  private async waitFor(match: (message: Message) => boolean, what: string): Promise<Message> {
    await this.until(() => this.messages.some(match), what);
    return this.messages.find(match)!;
  }

  /** Resolves once `done` holds; fails at once, with the host's output, if the host exits first. */
  private until(done: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done()) {
          this.waiters.delete(check);
          resolve();
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          this.waiters.delete(check);
          reject(new Error(`The core host exited (${this.child.exitCode ?? this.child.signalCode}) before ${what}:\n${this.output}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
