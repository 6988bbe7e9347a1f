import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileSecretStore } from '../../../core/secrets/secret-store';

describe('FileSecretStore', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-secrets-'));

  it('keeps secrets across instances, in a file only the user can read', async () => {
    const file = path.join(dir(), 'secrets.json');
    await new FileSecretStore(file).set('portal-token a', 's3cret');
    expect(await new FileSecretStore(file).get('portal-token a')).toBe('s3cret');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('tightens a file that was left readable by others', async () => {
    if (process.platform === 'win32') return;
    const file = path.join(dir(), 'secrets.json');
    fs.writeFileSync(file, '{}', { mode: 0o644 });
    await new FileSecretStore(file).set('x', 'y');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('deletes one secret and keeps the others; leaves no temporary files', async () => {
    const d = dir();
    const store = new FileSecretStore(path.join(d, 'secrets.json'));
    await store.set('a', '1');
    await store.set('b', '2');
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toBe('2');
    expect(fs.readdirSync(d)).toEqual(['secrets.json']);
  });

  it('treats a missing or damaged file as empty', async () => {
    const file = path.join(dir(), 'secrets.json');
    expect(await new FileSecretStore(file).get('a')).toBeNull();
    fs.writeFileSync(file, '{not json');
    expect(await new FileSecretStore(file).get('a')).toBeNull();
  });
});
