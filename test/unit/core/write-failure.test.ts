/**
 * Item 5 of issue 19: a write that fails on this computer (full disk, read-only folder) answers
 * one typed error with one sentence, not INTERNAL; it leaves no temp file and loses nothing
 * already saved. Real SQLite (max_page_count makes its inserts really fail with SQLITE_FULL),
 * real files; a small tmpfs where this machine lets the test mount one.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient } from '../../../core/api/client';
import { ApiError } from '../../../core/rpc/errors';
import { createInProcessTransport } from '../../../core/rpc/transport/in-process';
import { createCore, type Core } from '../../../core/core';
import { FileSecretStore, type SecretStore } from '../../../core/secrets/secret-store';
import { JsonFileSettingsStore } from '../../../core/settings/store';
import { codeN, csvOf } from '../bulk/bulk-fixture';
import { portalWorkbook } from '../import/portal-workbook';
import { useSandboxCores } from '../../support/sandbox-cores';
import { liveSessions, recordingFetch, tokenAccepted } from '../../support/sandbox-portal';
import { rejectionOf } from '../../support/rejection';

const DISK_FULL = "The disk holding FieldKey's data is full: free some space and try again.";
const SKU = '8210010 - 6x Internet Call Access Key';
const HEADER = ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed', 'Details'];

function keyRows(count: number, from = 0): unknown[][] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const mac = `000ADD${(0x100000 + n).toString(16).toUpperCase().slice(-6)}`;
    return [SKU, 'Allworx Corp.', codeN(n), `key-${n}-${'x'.repeat(40)}`, mac, '10/14/2009 4:55:28 PM', 'View'];
  });
}

function startCore(dataDir: string, settingsDir = dataDir): { core: Core; client: ReturnType<typeof createApiClient>; close(): void } {
  const core = createCore({
    version: '0.0.0-test',
    dataDir,
    host: 'browser',
    settingsStore: new JsonFileSettingsStore(path.join(settingsDir, 'settings.json')),
    portalUrlOverride: null,
  });
  const transport = createInProcessTransport(core.server);
  return {
    core,
    client: createApiClient(transport),
    close() {
      transport.close();
      if (core.db.open) core.close();
    },
  };
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));
const errnoError = (code: string) => Object.assign(new Error(`${code}: injected failure, write`), { code, errno: -28, syscall: 'write' });

/** Mounts a tmpfs of `size` (root only); null with the reason when this machine does not allow it. */
function mountTmpfs(size: string, readOnly = false): { dir: string; unmount(): void } | { skip: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    fs.rmdirSync(dir);
    return { skip: `cannot mount a tmpfs here (${String((err as { stderr?: Buffer }).stderr ?? err).trim() || 'mount failed'})` };
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', [dir]);
      fs.rmdirSync(dir);
    },
  };
}

/** Writes a filler file until the disk refuses more: the disk is then really full. */
function fillDisk(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'filler'), 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

describe('a full database (SQLITE_FULL: max_page_count set to the current size)', () => {
  let t: ReturnType<typeof startCore>;
  beforeEach(() => {
    t = startCore(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-full-')));
  });
  afterEach(() => t.close());

  const fillDatabase = () => {
    const pages = t.core.db.pragma('page_count', { simple: true }) as number;
    t.core.db.pragma(`max_page_count = ${pages}`);
  };

  it('keys.import answers DISK_FULL with the sentence; the keys imported before stay, and the database reads and imports again', async () => {
    const first = await t.client.invoke('keys.import', { fileName: 'first.xlsx', bytes: await portalWorkbook([HEADER, ...keyRows(20)]) });
    expect(first.imported).toBe(20);
    const before = t.core.db.prepare('SELECT * FROM feature_keys ORDER BY auth_code').all();
    fillDatabase();

    const err = await rejectionOf(
      t.client.invoke('keys.import', { fileName: 'second.xlsx', bytes: await portalWorkbook([HEADER, ...keyRows(3000, 20)]) }),
      ApiError,
    );
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toBe(DISK_FULL);
    expect(err.details).toEqual({ reason: 'disk_full' });
    expect(t.core.db.prepare('SELECT * FROM feature_keys ORDER BY auth_code').all()).toEqual(before);
    expect(t.core.db.pragma('integrity_check', { simple: true })).toBe('ok');

    t.core.db.pragma('max_page_count = 1073741823');
    const again = await t.client.invoke('keys.import', {
      fileName: 'second.xlsx',
      bytes: await portalWorkbook([HEADER, ...keyRows(3000, 20)]),
    });
    expect(again.imported).toBe(3000);
  });

  it('bulk.createFromFile answers DISK_FULL too, and no job is half-written', async () => {
    await t.client.invoke('bulk.createFromFile', {
      fileName: 'small.csv',
      bytes: csvOf([
        ['MAC', 'Auth Code'],
        ['000ADD010001', codeN(1)],
      ]),
    });
    fillDatabase();
    const rows = Array.from({ length: 3000 }, (_, i) => [`000ADD${(0x200000 + i).toString(16).toUpperCase()}`, codeN(i + 10)]);
    const err = await rejectionOf(
      t.client.invoke('bulk.createFromFile', { fileName: 'big.csv', bytes: csvOf([['MAC', 'Auth Code'], ...rows]) }),
      ApiError,
    );
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toBe(DISK_FULL);
    expect((await t.client.invoke('bulk.list', {})).jobs.map((job) => job.fileName)).toEqual(['small.csv']);
    expect(t.core.db.prepare('SELECT count(*) FROM bulk_job_rows').pluck().get()).toBe(1);
  });
});

describe('settings.set when the settings file cannot be written', () => {
  it('a full disk (a real 1 MB tmpfs, filled): DISK_FULL, the saved settings intact, no temp file left', async (ctx) => {
    const mount = mountTmpfs('1m');
    if ('skip' in mount) {
      console.log(`skipped: ${mount.skip}`);
      return ctx.skip();
    }
    const t = startCore(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-settings-')), mount.dir);
    try {
      await t.client.invoke('settings.set', { patch: { theme: 'dark' } });
      const saved = fs.readFileSync(path.join(mount.dir, 'settings.json'), 'utf8');
      fillDisk(mount.dir);

      const err = await rejectionOf(t.client.invoke('settings.set', { patch: { theme: 'light' } }), ApiError);
      expect(err.code).toBe('DISK_FULL');
      expect(err.message).toBe(DISK_FULL);
      expect(fs.readFileSync(path.join(mount.dir, 'settings.json'), 'utf8')).toBe(saved);
      expect(leftovers(mount.dir)).toEqual([]);

      fs.rmSync(path.join(mount.dir, 'filler'));
      expect((await t.client.invoke('settings.set', { patch: { theme: 'light' } })).theme).toBe('light');
    } finally {
      t.close();
      mount.unmount();
    }
  });

  it('a read-only file system (a real tmpfs mounted ro): DATA_NOT_WRITABLE with its sentence', async (ctx) => {
    const mount = mountTmpfs('1m', true);
    if ('skip' in mount) {
      console.log(`skipped: ${mount.skip}`);
      return ctx.skip();
    }
    const t = startCore(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-settings-')), mount.dir);
    try {
      const err = await rejectionOf(t.client.invoke('settings.set', { patch: { theme: 'dark' } }), ApiError);
      expect(err.code).toBe('DATA_NOT_WRITABLE');
      expect(err.message).toBe('FieldKey cannot write to its data folder (the file system is read-only): make it writable and try again.');
      expect(fs.readdirSync(mount.dir)).toEqual([]);
    } finally {
      t.close();
      mount.unmount();
    }
  });

  it('ENOSPC from the write itself (fs.writeFileSync made to fail: injected): DISK_FULL, old file intact, temp file removed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-settings-'));
    const t = startCore(dir);
    const realWrite = fs.writeFileSync;
    try {
      await t.client.invoke('settings.set', { patch: { theme: 'dark' } });
      const saved = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
      const spy = vi.spyOn(fs, 'writeFileSync').mockImplementation((file, ...rest) => {
        if (typeof file === 'number') throw errnoError('ENOSPC');
        return realWrite(file, ...(rest as [string]));
      });
      const err = await rejectionOf(t.client.invoke('settings.set', { patch: { theme: 'light' } }), ApiError);
      spy.mockRestore();
      expect(err.code).toBe('DISK_FULL');
      expect(err.message).toBe(DISK_FULL);
      expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(saved);
      expect(leftovers(dir)).toEqual([]);
      expect((await t.client.invoke('settings.get')).theme).toBe('dark');
    } finally {
      vi.restoreAllMocks();
      t.close();
    }
  });
});

describe('sign-in whose token cannot be stored', () => {
  const { portal, core } = useSandboxCores();
  const failingStores: [string, () => { store: SecretStore; cleanup(): void } | { skip: string }][] = [
    [
      'a secret store whose write fails with ENOSPC (stand-in for a full disk)',
      () => ({
        store: {
          get: async () => null,
          set: async () => {
            throw errnoError('ENOSPC');
          },
          delete: async () => undefined,
        },
        cleanup: () => {},
      }),
    ],
    [
      'the browser host’s secrets.json on a real full tmpfs',
      () => {
        const mount = mountTmpfs('1m');
        if ('skip' in mount) return mount;
        fillDisk(mount.dir);
        return { store: new FileSecretStore(path.join(mount.dir, 'secrets.json')), cleanup: () => mount.unmount() };
      },
    ],
  ];

  for (const [name, make] of failingStores) {
    it(`${name}: the portal accepted it, FieldKey says it could not store it (not PORTAL_UNREACHABLE), and the portal session is closed`, async (ctx) => {
      const made = make();
      if ('skip' in made) {
        console.log(`skipped: ${made.skip}`);
        return ctx.skip();
      }
      const recorded = recordingFetch();
      const app = core({ portalUrl: null, fetch: recorded.fetch, secretStore: made.store });
      try {
        const err = await rejectionOf(
          app.client.invoke('session.login', { portalUrl: portal.url, username: 'demo', password: 'demo' }),
          ApiError,
        );
        expect(err.code).toBe('DISK_FULL');
        expect(err.message).toBe(
          'The portal accepted the sign-in, but FieldKey could not store it: the disk holding its data is full. Free some space and sign in again.',
        );
        expect(err.details).toMatchObject({ stage: 'store_sign_in', reason: 'disk_full' });
        expect(recorded.tokens).toHaveLength(1);
        expect(await tokenAccepted(portal, recorded.tokens[0]!)).toBe(false);
        expect(liveSessions(portal.dataFile)).toBe(0);
        expect((await app.client.invoke('session.status')).loggedIn).toBe(false);
      } finally {
        app.close();
        made.cleanup();
      }
    });
  }
});
