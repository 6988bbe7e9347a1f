import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings } from '../../../core/settings/contract';
import { JsonFileSettingsStore, parseStoredSettings } from '../../../core/settings/store';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-settings-')), 'settings.json');

describe('JsonFileSettingsStore (browser host settings)', () => {
  it('returns the defaults when no file exists yet', () => {
    expect(new JsonFileSettingsStore(tempFile()).read()).toEqual(defaultSettings);
  });

  it('writes and reads back, readable only by the user', () => {
    const file = tempFile();
    const store = new JsonFileSettingsStore(file);
    store.write({ ...defaultSettings, theme: 'dark', portalUrl: 'https://portal.example.com' });
    expect(new JsonFileSettingsStore(file).read()).toMatchObject({ theme: 'dark', portalUrl: 'https://portal.example.com' });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });

  it('keeps the valid settings of a hand-edited file and defaults the invalid ones', () => {
    expect(parseStoredSettings({ theme: 'dark', portalUrl: 'gopher://x', connectivityCheckSeconds: 5, stale: true })).toEqual({
      ...defaultSettings,
      theme: 'dark',
    });
  });

  it("language: an older file's 'en' stays English, a missing one is 'system', an unknown one falls back to 'system' and keeps the rest", () => {
    const file = tempFile();
    // What FieldKey wrote before French existed: language could only be 'en'.
    fs.writeFileSync(file, JSON.stringify({ theme: 'dark', language: 'en', portalUrl: null, connectivityCheckSeconds: 60 }));
    expect(new JsonFileSettingsStore(file).read()).toEqual({ ...defaultSettings, theme: 'dark', language: 'en' });

    fs.writeFileSync(file, JSON.stringify({ theme: 'dark' }));
    expect(new JsonFileSettingsStore(file).read().language).toBe('system');

    for (const unknown of ['de', 'FR', 'fr-FR', '', 42, null]) {
      fs.writeFileSync(file, JSON.stringify({ theme: 'dark', language: unknown, syncIntervalMinutes: 15 }));
      const store = new JsonFileSettingsStore(file);
      expect(store.read()).toEqual({ ...defaultSettings, theme: 'dark', language: 'system', syncIntervalMinutes: 15 });
      // A value that no longer validates is not an unreadable file: nothing is set aside.
      expect(store.unreadableFileSetAside()).toBeNull();
    }

    for (const language of ['system', 'en', 'fr'] as const) {
      new JsonFileSettingsStore(file).write({ ...defaultSettings, language });
      expect(new JsonFileSettingsStore(file).read().language).toBe(language);
    }
  });

  it('sets an unreadable file aside instead of failing or overwriting it', () => {
    const file = tempFile();
    fs.writeFileSync(file, '{ "theme": "dark", ');
    const store = new JsonFileSettingsStore(file);
    expect(store.unreadableFileSetAside()).toBeNull();
    expect(store.read()).toEqual(defaultSettings);
    const kept = fs.readdirSync(path.dirname(file)).find((name) => name.startsWith('settings.json.unreadable-'));
    expect(kept).toBeDefined();
    expect(fs.readFileSync(path.join(path.dirname(file), kept!), 'utf8')).toBe('{ "theme": "dark", ');
    // Remembered for the run, so the app can tell the user once; later reads find no file and use defaults.
    expect(store.unreadableFileSetAside()).toBe(path.join(path.dirname(file), kept!));
    expect(store.read()).toEqual(defaultSettings);
    expect(store.unreadableFileSetAside()).toBe(path.join(path.dirname(file), kept!));
  });
});
