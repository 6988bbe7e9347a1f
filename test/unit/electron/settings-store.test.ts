const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);
vi.mock('electron-store', () => import('../../support/electron-store-stand-in'));

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings } from '../../../core/settings/contract';
import { ElectronSettingsStore } from '../../../electron/settings-store';

describe('settings in electron-store (stand-in electron, real conf file)', () => {
  let userData: string;
  beforeEach(() => {
    standIn.reset();
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-userdata-'));
    standIn.app.setPath('userData', userData);
  });

  it('keeps settings.json in userData: defaults first, then what was written', () => {
    const store = new ElectronSettingsStore();
    expect(store.path).toBe(path.join(userData, 'settings.json'));
    expect(store.read()).toEqual(defaultSettings);
    store.write({ ...defaultSettings, theme: 'dark', portalUrl: 'https://portal.example.com' });
    expect(new ElectronSettingsStore().read()).toMatchObject({ theme: 'dark', portalUrl: 'https://portal.example.com' });
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'settings.json'), 'utf8')).theme).toBe('dark');
  });

  it('reads a hand-edited file leniently through parseStoredSettings', () => {
    fs.writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ theme: 'neon', connectivityCheckSeconds: 90, leftover: 1 }));
    expect(new ElectronSettingsStore().read()).toEqual({ ...defaultSettings, connectivityCheckSeconds: 90 });
  });

  it('starts with defaults when the file is not JSON at all', () => {
    fs.writeFileSync(path.join(userData, 'settings.json'), '{ not json');
    expect(new ElectronSettingsStore().read()).toEqual(defaultSettings);
  });
});
