import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePrivateDir, restrictFileModes } from '../../../core/fs/private-modes';
import { startServe } from '../../support/serve-process';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-modes-'));
const modeOf = (file: string) => fs.lstatSync(file).mode & 0o777;

/** Every folder and file under `dir` (not following links) with its mode, as `relative path → 0oNNN`. */
function modesUnder(dir: string): Record<string, string> {
  const modes: Record<string, string> = { '.': modeOf(dir).toString(8) };
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const full = path.join(entry.parentPath, entry.name);
    modes[path.relative(dir, full)] = modeOf(full).toString(8);
  }
  return modes;
}

describe.skipIf(process.platform === 'win32')('the data folder is private (POSIX): folders 0700, files 0600', () => {
  it('a fresh data folder: the host creates it 0700 and the database, its -wal/-shm, settings, secrets and the sandbox portal 0600', async () => {
    const parent = tempDir();
    const dataDir = path.join(parent, 'FieldKey');
    const host = await startServe({ dataDir });
    try {
      const invoke = (method: string, args: unknown) =>
        fetch(`${host.origin}/api/invoke/${method}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(args),
        }).then((res) => res.json());
      // A setting and a sign-in write settings.json and the token's secrets file.
      await invoke('settings.set', { patch: { theme: 'dark' } });
      expect((await invoke('session.login', { username: 'demo', password: 'demo' })).result.loggedIn).toBe(true);

      const modes = modesUnder(dataDir);
      const sandboxDb = path.join('sandbox-portal', 'sandbox-portal.sqlite');
      for (const expected of [
        'fieldkey.db',
        'fieldkey.db-wal',
        'fieldkey.db-shm',
        'settings.json',
        'secrets.json',
        'sandbox-portal',
        sandboxDb,
      ]) {
        expect(Object.keys(modes)).toContain(expected);
      }
      for (const [name, mode] of Object.entries(modes)) {
        const isDir = fs.lstatSync(path.join(dataDir, name)).isDirectory();
        expect(`${name} ${mode}`).toBe(`${name} ${isDir ? '700' : '600'}`);
      }
    } finally {
      await host.stop();
    }
  });

  it('an existing folder left readable (0755, files 0644, a logs folder) is tightened at start; a link out of it is not followed', async () => {
    const dataDir = tempDir();
    const outside = path.join(tempDir(), 'elsewhere.txt');
    fs.writeFileSync(outside, 'not FieldKey’s');
    fs.chmodSync(outside, 0o644);
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'settings.json'), '{}');
    fs.chmodSync(path.join(dataDir, 'settings.json'), 0o644);
    fs.mkdirSync(path.join(dataDir, 'logs'));
    fs.chmodSync(path.join(dataDir, 'logs'), 0o755);
    fs.writeFileSync(path.join(dataDir, 'logs', 'fieldkey.1.log'), '{}\n');
    fs.chmodSync(path.join(dataDir, 'logs', 'fieldkey.1.log'), 0o644);
    fs.writeFileSync(path.join(dataDir, 'fieldkey.db.bak-v6-20260101'), '');
    fs.chmodSync(path.join(dataDir, 'fieldkey.db.bak-v6-20260101'), 0o664);
    fs.symlinkSync(outside, path.join(dataDir, 'link-out'));

    const host = await startServe({ dataDir });
    try {
      expect(modesUnder(dataDir)).toMatchObject({
        '.': '700',
        'settings.json': '600',
        logs: '700',
        [path.join('logs', 'fieldkey.1.log')]: '600',
        'fieldkey.db.bak-v6-20260101': '600',
        'fieldkey.db': '600',
      });
      expect(modeOf(outside)).toBe(0o644);
    } finally {
      await host.stop();
    }
  });

  it('ensurePrivateDir creates missing parents and only tightens the folder itself; restrictFileModes skips a vanished folder', () => {
    const parent = tempDir();
    fs.chmodSync(parent, 0o755);
    const dir = path.join(parent, 'a', 'FieldKey');
    ensurePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(parent)).toBe(0o755);
    expect(() => restrictFileModes(path.join(parent, 'gone'))).not.toThrow();
  });
});
