const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../core/rpc/errors';
import { defaultSettings } from '../../../core/settings/contract';
import { MemorySettingsStore } from '../../../core/settings/store';
import { portalTokenSecretName, SECRETS_FILE_NAME } from '../../../core/secrets/secret-store';
import { runCoreHost } from '../../../electron/core-host';
import { createCoreProcess, type CoreProcess } from '../../../electron/core-process';
import { ParentSecretStore } from '../../../electron/parent-secret-store';
import { SAFE_SECRETS_FILE_NAME, SafeStorageSecretStore, SECRETS_UNAVAILABLE_MESSAGE } from '../../../electron/safe-storage-secrets';
import { useSandboxCores } from '../../support/sandbox-cores';
import { liveSessions, tokenAccepted } from '../../support/sandbox-portal';

const MODULE = '/app/dist/electron/core-host.cjs';

describe('portal token in safeStorage, asked for over the utility-process channel (stand-in electron)', () => {
  let dataDir: string;
  let userData: string;
  let secretsFile: string;
  let settings: MemorySettingsStore;
  let secrets: SafeStorageSecretStore;
  const { portal } = useSandboxCores();
  let core: CoreProcess;
  /** Every message the core host sent to the main process. */
  let fromCore: unknown[];

  beforeEach(async () => {
    standIn.reset();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-secrets-data-'));
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-secrets-userdata-'));
    secretsFile = path.join(userData, SAFE_SECRETS_FILE_NAME);
    settings = new MemorySettingsStore({ ...defaultSettings, portalUrl: portal.url });
    secrets = new SafeStorageSecretStore(secretsFile, { platform: 'linux' });
    fromCore = [];
    standIn.utilityProcess.onFork = (child) => {
      runCoreHost(
        {
          on: child.parentPort.on.bind(child.parentPort),
          postMessage: (message: unknown) => {
            fromCore.push(structuredClone(message));
            child.parentPort.postMessage(message);
          },
        },
        { exit: () => child.exit(0), log: () => {} },
      );
    };
    core = createCoreProcess({ modulePath: MODULE, config: { dataDir, version: '9.9.9' }, settings, secrets, log: () => {} });
    await core.start();
  });
  afterEach(async () => {
    await core.stop();
  });

  const login = () => core.invoke('session.login', { username: 'demo', password: 'demo' });
  /** The token main holds, checked to be one the portal issued and accepts now. */
  const portalToken = async () => {
    const token = await secrets.get(portalTokenSecretName(portal.url));
    expect(token).toBeTruthy();
    expect(await tokenAccepted(portal, token!)).toBe(true);
    return token!;
  };

  it('round trip: login stores the token through main, status reads it back, logout deletes it (stand-in electron)', async () => {
    const status = (await login()) as { loggedIn: boolean; username: string };
    expect(status).toMatchObject({ loggedIn: true, username: 'demo' });
    const token = await portalToken();
    // The token went core → main as a secrets.request, and main holds it.
    expect(fromCore).toContainEqual(
      expect.objectContaining({ type: 'secrets.request', op: 'set', name: portalTokenSecretName(portal.url) }),
    );
    expect(await secrets.get(portalTokenSecretName(portal.url))).toBe(token);
    expect(await core.invoke('session.status', {})).toMatchObject({ loggedIn: true });

    expect(await core.invoke('session.logout', {})).toMatchObject({ loggedIn: false });
    expect(liveSessions(portal.dataFile)).toBe(0);
    expect(await tokenAccepted(portal, token)).toBe(false);
    expect(await secrets.get(portalTokenSecretName(portal.url))).toBeNull();
    // The core never fell back to the browser host's plain secrets.json.
    expect(fs.existsSync(path.join(dataDir, SECRETS_FILE_NAME))).toBe(false);
  });

  it('secrets.safe.json is 0600 and holds the token only encrypted (stand-in electron)', async () => {
    await login();
    const token = await portalToken();
    expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(secretsFile, 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(Buffer.from(token).toString('base64'));
    expect(standIn.safeStorage.encryptString).toHaveBeenCalledWith(token);
    const stored = JSON.parse(text) as Record<string, string>;
    expect(Object.keys(stored)).toEqual([portalTokenSecretName(portal.url)]);
    // No temp file left behind by the atomic write.
    expect(fs.readdirSync(userData)).toEqual([SAFE_SECRETS_FILE_NAME]);
  });

  it('the token never appears in settings (stand-in electron)', async () => {
    await login();
    const token = await portalToken();
    expect(JSON.stringify(settings.read())).not.toContain(token);
    const settingsWrites = fromCore.filter((message) => (message as { type?: string }).type === 'settings.write');
    expect(JSON.stringify(settingsWrites)).not.toContain(token);
    expect(JSON.stringify(await core.invoke('settings.get', {}))).not.toContain(token);
  });

  it('basic_text backend: login fails with SECRETS_UNAVAILABLE and its message, nothing is written (stand-in electron)', async () => {
    standIn.safeStorage.backend = 'basic_text';
    const err = await login().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('SECRETS_UNAVAILABLE');
    expect((err as ApiError).message).toBe(SECRETS_UNAVAILABLE_MESSAGE);
    expect((err as ApiError).message).toMatch(/no OS keychain/i);
    expect((err as ApiError).message).toMatch(/GNOME Keyring or KWallet/);
    expect(standIn.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(fs.existsSync(secretsFile)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, SECRETS_FILE_NAME))).toBe(false);
    expect(fs.readdirSync(userData)).toEqual([]);
  });
});

describe('SafeStorageSecretStore (stand-in electron)', () => {
  let file: string;
  beforeEach(() => {
    standIn.reset();
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-safe-secrets-')), SAFE_SECRETS_FILE_NAME);
  });

  /** Storing is refused with the message; reading answers "nothing stored" so the app still opens. */
  const expectUnavailable = async (store: SafeStorageSecretStore) => {
    const err = await store.set('a', 'secret-value').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'SECRETS_UNAVAILABLE', message: SECRETS_UNAVAILABLE_MESSAGE });
    await expect(store.get('a')).resolves.toBeNull();
    await expect(store.delete('a')).resolves.toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
  };

  it('refuses to store anything on Linux with the basic_text or unknown backend (stand-in electron)', async () => {
    standIn.safeStorage.backend = 'basic_text';
    await expectUnavailable(new SafeStorageSecretStore(file, { platform: 'linux' }));
    standIn.safeStorage.backend = 'unknown';
    await expectUnavailable(new SafeStorageSecretStore(file, { platform: 'linux' }));
  });

  it('refuses to store anything when encryption is not available at all (stand-in electron)', async () => {
    standIn.safeStorage.available = false;
    await expectUnavailable(new SafeStorageSecretStore(file, { platform: 'darwin' }));
  });

  it('asks about the Linux backend only on Linux, and checks again before each use (stand-in electron)', async () => {
    standIn.safeStorage.backend = 'unknown';
    const mac = new SafeStorageSecretStore(file, { platform: 'darwin' });
    await mac.set('a', 'one');
    expect(await mac.get('a')).toBe('one');
    expect(standIn.safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
    standIn.safeStorage.available = false;
    await expect(mac.set('b', 'two')).rejects.toMatchObject({ code: 'SECRETS_UNAVAILABLE' });
    await expect(mac.get('a')).resolves.toBeNull();
  });

  it('a value it cannot decrypt or a damaged file costs a login, not a crash (stand-in electron)', async () => {
    const store = new SafeStorageSecretStore(file, { platform: 'linux' });
    fs.writeFileSync(file, JSON.stringify({ a: Buffer.from('not encrypted').toString('base64') }));
    expect(await store.get('a')).toBeNull();
    fs.writeFileSync(file, '{ damaged');
    expect(await store.get('a')).toBeNull();
    await store.set('b', 'two');
    expect(await store.get('b')).toBe('two');
    await store.delete('b');
    expect(await store.get('b')).toBeNull();
  });
});

describe('ParentSecretStore (stand-in electron)', () => {
  it('times out when the main process does not answer, and ignores a late answer (stand-in electron)', async () => {
    const sent: any[] = [];
    const store = new ParentSecretStore((message) => sent.push(message), 20);
    const err = await store.get('a').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TIMEOUT' });
    expect(() => store.handleResponse({ type: 'secrets.response', id: sent[0].id, ok: true, value: 'late' })).not.toThrow();
  });

  it('passes the main process error on as the same ApiError, and fails waiting requests on dispose (stand-in electron)', async () => {
    const sent: any[] = [];
    const store = new ParentSecretStore((message) => sent.push(message), 5000);
    const failing = store.set('a', 'secret-value');
    expect(sent[0]).toEqual({ type: 'secrets.request', id: sent[0].id, op: 'set', name: 'a', value: 'secret-value' });
    store.handleResponse({
      type: 'secrets.response',
      id: sent[0].id,
      ok: false,
      error: { code: 'SECRETS_UNAVAILABLE', message: 'no keychain' },
    });
    await expect(failing).rejects.toMatchObject({ code: 'SECRETS_UNAVAILABLE', message: 'no keychain' });
    const waiting = store.delete('a');
    expect(sent[1]).toEqual({ type: 'secrets.request', id: sent[1].id, op: 'delete', name: 'a' });
    store.dispose();
    await expect(waiting).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});
