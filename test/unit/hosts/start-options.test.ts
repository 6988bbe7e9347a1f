import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planStart } from '../../../scripts/start-options.mjs';
import { repoRoot } from '../../support/serve-process';
import { startUrlPrintingProcess } from '../../support/url-printing-process';

const startScript = path.join(repoRoot, 'scripts', 'start.mjs');

describe('npm start options (scripts/start-options.mjs)', () => {
  it.each([
    ['nothing', [], []],
    [
      'every option',
      ['--port', '8123', '--data-dir', 'rel/dir', '--portal', 'http://127.0.0.1:8731', '--recreate-corrupt-db'],
      ['--port', '8123', '--data-dir', '/work/here/rel/dir', '--portal', 'http://127.0.0.1:8731', '--recreate-corrupt-db'],
    ],
    [
      '= forms',
      ['--port=0', '--data-dir=/abs', '--portal=https://portal.example.com'],
      ['--port', '0', '--data-dir', '/abs', '--portal', 'https://portal.example.com'],
    ],
  ])('browser host, %s: the same options as npm run serve, the folder made absolute', (_case, argv, serveArgs) => {
    expect(planStart(argv, { electron: false, cwd: '/work/here' })).toEqual({ kind: 'browser', args: serveArgs });
  });

  it('Electron: the data folder and the portal become FIELDKEY_DATA_DIR and FIELDKEY_PORTAL_URL', () => {
    expect(planStart(['--data-dir', 'd', '--portal', 'http://127.0.0.1:8731'], { electron: true, cwd: '/work/here' })).toEqual({
      kind: 'electron',
      env: { FIELDKEY_DATA_DIR: '/work/here/d', FIELDKEY_PORTAL_URL: 'http://127.0.0.1:8731' },
      notes: [],
    });
    expect(planStart([], { electron: true })).toEqual({ kind: 'electron', env: {}, notes: [] });
  });

  it('Electron: says which browser-host options it ignores, and why', () => {
    const plan = planStart(['--port', '9000', '--recreate-corrupt-db'], { electron: true });
    expect(plan.kind === 'electron' && plan.notes).toEqual([
      '--port is for the browser host: the desktop app listens on no port, so it is ignored.',
      '--recreate-corrupt-db is for the browser host: the desktop app asks what to do with a database it cannot read.',
    ]);
  });

  it.each([
    [['--port', 'eighty'], '--port must be a number from 0 to 65535, not "eighty".'],
    [['--port', '70000'], '--port must be a number from 0 to 65535, not "70000".'],
    [['--port', ''], '--port must be a number from 0 to 65535, not "".'],
    [['--portal', 'ftp://portal.example.com'], '--portal must be an http:// or https:// address, not "ftp://portal.example.com".'],
    [['--portal', 'portal.example.com'], '--portal must be an http:// or https:// address, not "portal.example.com".'],
    [['--data-dir', ''], '--data-dir needs a folder.'],
  ])('refuses %j for either app', (argv, message) => {
    expect(planStart(argv, { electron: false })).toEqual({ kind: 'error', message });
    expect(planStart(argv, { electron: true })).toEqual({ kind: 'error', message });
  });

  it('an unknown option or a missing value gets the parser message and the usage', () => {
    for (const argv of [['--colour'], ['--port'], ['stray']]) {
      const plan = planStart(argv, { electron: false });
      expect(plan.kind).toBe('error');
      expect(plan.kind === 'error' && plan.message).toContain('Usage: npm start -- [options]');
    }
  });

  it('--help prints the usage naming every option, and a wrong option exits 2 before building', () => {
    const help = spawnSync(process.execPath, [startScript, '--help'], { encoding: 'utf8', timeout: 20_000 });
    expect(help.status).toBe(0);
    for (const option of ['--port N', '--data-dir DIR', '--portal URL', '--recreate-corrupt-db']) expect(help.stdout).toContain(option);
    const wrong = spawnSync(process.execPath, [startScript, '--portal', 'nope'], { encoding: 'utf8', timeout: 20_000 });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--portal must be an http:// or https:// address');
    expect(wrong.stdout).not.toContain('Built FieldKey');
  });

  it('without Electron, the browser host runs with the data folder and the portal given', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-start-'));
    // No Electron binary at this path: npm start falls back to the browser host, as on a machine without one.
    const started = await startUrlPrintingProcess({
      name: 'npm start',
      args: [startScript, '--port', '0', '--data-dir', dataDir, '--portal', 'http://127.0.0.1:9'],
      env: { ELECTRON_OVERRIDE_DIST_PATH: path.join(dataDir, 'no-electron'), FIELDKEY_NO_BROWSER: '1' },
      urlLine: /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/,
      timeoutMs: 60_000,
    });
    try {
      const url = new URL(started.url);
      const res = await fetch(`${url.origin}/api/invoke/app.info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      const info = (await res.json()).result as { dataDir: string; portalUrl: string; embeddedPortalUrl: string | null };
      expect(info).toMatchObject({ dataDir, portalUrl: 'http://127.0.0.1:9', embeddedPortalUrl: null });
      expect(fs.existsSync(path.join(dataDir, 'fieldkey.db'))).toBe(true);
    } finally {
      await started.stop();
    }
  }, 90_000);
});
