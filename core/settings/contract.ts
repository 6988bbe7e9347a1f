import { z } from 'zod';
import { method, refusedAs } from '../rpc/define';
import { languageSettings } from '../messages/language';

/** A portal address: http(s) only (also used by session.login). */
export const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, refusedAs('portalUrl.invalid'));

/** Every user setting, with its default. Secrets never go here (the keychain holds them). */
export const settingsSchema = z.object({
  /** Light or dark theme; `system` follows the operating system. */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** The language of the app and its exports; `system` follows the operating system. */
  language: z.enum(languageSettings).default('system'),
  /** The portal to sync with; null means the embedded sandbox portal. */
  portalUrl: httpUrl.nullable().default(null),
  /** How often to check whether the portal can be reached, in seconds. */
  connectivityCheckSeconds: z.number().int().min(10).max(3600).default(60),
  /** How often to pull changes from the portal while logged in, in minutes. */
  syncIntervalMinutes: z.number().int().min(1).max(1440).default(5),
  /** Where the desktop app looks for updates (electron-builder's generic feed with latest.yml); null means no checks. */
  updateFeedUrl: httpUrl.nullable().default(null),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

/** A change to some settings; unknown names are refused so a typo is not silently ignored. */
export const settingsPatchSchema = settingsSchema
  .extend({
    theme: settingsSchema.shape.theme.removeDefault(),
    language: settingsSchema.shape.language.removeDefault(),
    portalUrl: httpUrl.nullable(),
    connectivityCheckSeconds: settingsSchema.shape.connectivityCheckSeconds.removeDefault(),
    syncIntervalMinutes: settingsSchema.shape.syncIntervalMinutes.removeDefault(),
    updateFeedUrl: httpUrl.nullable(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsMethods = {
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.set': method<Settings>()(z.object({ patch: settingsPatchSchema }).strict()),
};

export interface SettingsEvents {
  'settings.changed': Settings;
}
