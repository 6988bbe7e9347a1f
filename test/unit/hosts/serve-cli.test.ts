import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { repoRoot, startServe } from '../../support/serve-process';

// These run the built host (dist/node/serve.mjs) as `npm run serve` does; `npm test` builds first.
const serveEntry = path.join(repoRoot, 'dist', 'node', 'serve.mjs');
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-cli-'));
const runServe = (args: string[]) => spawnSync(process.execPath, [serveEntry, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('npm run serve (browser host CLI)', () => {
  it('prints the full URL with the token on a line of its own and stops cleanly on SIGINT', async () => {
    const host = await startServe();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
    const res = await fetch(`${host.origin}/api/session`, { headers: { Authorization: `Bearer ${host.token}` } });
    expect(res.status).toBe(200);
    expect(await host.stop('SIGINT')).toBe(0);
    expect(host.output()).toContain('Stopping FieldKey (SIGINT)');
  });

  it('with no portal configured, starts the sandbox portal with demo data as the embedded default, at the same address next time', async () => {
    const dataDir = tempDir();
    const appInfo = async (host: Awaited<ReturnType<typeof startServe>>) => {
      const res = await fetch(`${host.origin}/api/invoke/app.info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      return (await res.json()).result as { portalUrl: string };
    };
    const first = await startServe({ dataDir });
    const announced = /using the sandbox portal at (http:\/\/127\.0\.0\.1:\d+)/.exec(first.output())?.[1];
    expect(announced).toBeDefined();
    expect((await appInfo(first)).portalUrl).toBe(announced);
    const login = await fetch(`${announced}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo' }),
    });
    expect(login.status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, 'sandbox-portal'))).toBe(true);
    await first.stop();

    const second = await startServe({ dataDir });
    expect((await appInfo(second)).portalUrl).toBe(announced);
    await second.stop();
  });

  it('with --portal, starts no sandbox', async () => {
    const host = await startServe({ args: ['--portal', 'http://127.0.0.1:9'] });
    expect(host.output()).not.toContain('sandbox portal');
    expect(fs.existsSync(path.join(host.dataDir, 'sandbox-portal'))).toBe(false);
    await host.stop();
  });

  it('refuses a database from a newer FieldKey with a clear message and leaves it untouched', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'fieldkey.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(file);
    const result = runServe(['--data-dir', dataDir, '--port', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('was written by a newer version of FieldKey');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a corrupt database unless --recreate-corrupt-db, then keeps it aside and starts fresh', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'fieldkey.db');
    fs.writeFileSync(file, 'not a database at all');
    const refused = runServe(['--data-dir', dataDir, '--port', '0']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('cannot be read');
    expect(refused.stderr).toContain('--recreate-corrupt-db');
    expect(fs.readFileSync(file, 'utf8')).toBe('not a database at all');

    const host = await startServe({ dataDir, args: ['--recreate-corrupt-db'] });
    const kept = fs.readdirSync(dataDir).find((name) => name.startsWith('fieldkey.db.corrupt-'));
    expect(kept).toBeDefined();
    expect(fs.readFileSync(path.join(dataDir, kept!), 'utf8')).toBe('not a database at all');
    expect(host.output()).toContain('The unreadable database was kept as');
    await host.stop();
  });

  it('explains a data folder it cannot write in one sentence and exits 2 (a path under a file, which fails for root too)', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    const dataDir = path.join(file, 'FieldKey');
    const result = runServe(['--data-dir', dataDir, '--port', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `FieldKey cannot write to its data folder ${dataDir} (part of that path is a file, not a folder). Make it writable, or start FieldKey with --data-dir DIR (or FIELDKEY_DATA_DIR) to use another folder.`,
    );
  });

  it.skipIf(process.getuid?.() === 0)('explains a read-only data folder (not as root, who may write anyway)', () => {
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o555);
    try {
      const result = runServe(['--data-dir', dataDir, '--port', '0']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`FieldKey cannot write to its data folder ${dataDir} (permission denied).`);
    } finally {
      fs.chmodSync(dataDir, 0o755);
    }
  });

  it('refuses a damaged database before starting the embedded sandbox: the folder is left as it was', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'fieldkey.db'), 'not a database at all');
    const refused = runServe(['--data-dir', dataDir, '--port', '0']);
    expect(refused.status).toBe(2);
    expect(fs.readdirSync(dataDir)).toEqual(['fieldkey.db']);
  });

  it('prints links to the embedded sandbox codes that carry its per-launch secret', async () => {
    const host = await startServe();
    const links = host.output().match(/http:\/\/127\.0\.0\.1:\d+\/sandbox\/\S+/g) ?? [];
    expect(links.map((link) => new URL(link).pathname)).toEqual(['/sandbox/auth-codes', '/sandbox/distributor-sheet.xlsx']);
    expect((await fetch(links[0]!)).status).toBe(200);
    const withoutSecret = new URL(links[0]!);
    withoutSecret.searchParams.delete('secret');
    expect((await fetch(withoutSecret)).status).toBe(401);
    await host.stop();
  });

  it('explains bad options instead of starting', () => {
    const badPort = runServe(['--port', 'eighty']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port must be a number');
    const badPortal = runServe(['--portal', 'ftp://portal.example']);
    expect(badPortal.status).toBe(2);
    expect(badPortal.stderr).toContain('--portal must be an http:// or https:// address');
    const unknown = runServe(['--colour', 'red']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Usage: npm run serve');
  });
});

describe('npm start without the Electron binary', () => {
  it('says so in one sentence and serves the app in the browser instead', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs'), '--data-dir', dataDir, '--port', '0'], {
      // Point Electron's lookup at an empty folder so this runs the same where the binary exists.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(dataDir, 'no-electron-here'), FIELDKEY_NO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${lines.join('\n')}`)), 60_000);
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) {
          clearTimeout(timer);
          resolve(line);
        }
      });
    });
    expect(lines.filter((line) => line.includes('Electron binary is not installed'))).toHaveLength(1);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  });
});
