import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { fact } from './locators';

export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** Signs in as demo/demo (landing on Redeem), opens the Sync page and fills the cache with Sync now. */
export async function signInAndSync(page: Page, url: string) {
  await page.goto(url);
  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('User name').fill('demo');
  await page.getByLabel('Password').fill('demo');
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Redeem codes' })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Sync' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  const syncNow = page.getByRole('button', { name: 'Sync now' });
  await expect(syncNow).toBeEnabled();
  await syncNow.click();
  await expect.poll(async () => Number((await fact(page, 'Feature keys').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
  await expect(syncNow).toBeEnabled();
}

export interface SandboxSystem {
  mac: string;
  name: string;
  customer: string;
  authCodes: string[];
  featureKeys: string[];
}

/** The sandbox's systems with their keys, most keys first (read from its database file). */
export function sandboxSystems(dataFile: string): SandboxSystem[] {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    const systems = db.prepare('SELECT mac, name, customer FROM systems ORDER BY mac').all() as Omit<
      SandboxSystem,
      'authCodes' | 'featureKeys'
    >[];
    const keys = db.prepare('SELECT auth_code, feature_key FROM feature_keys WHERE mac = ? ORDER BY auth_code');
    return systems
      .map((system) => {
        const rows = keys.all(system.mac) as { auth_code: string; feature_key: string }[];
        return { ...system, authCodes: rows.map((row) => row.auth_code), featureKeys: rows.map((row) => row.feature_key) };
      })
      .sort((a, b) => b.authCodes.length - a.authCodes.length);
  } finally {
    db.close();
  }
}

/** How many systems the sandbox holds with this MAC, and how many requests it acted on for it. */
export function sandboxSystemRecord(dataFile: string, mac: string): { systems: number; name: string | null; requests: number } {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    const systems = db.prepare('SELECT count(*) FROM systems WHERE mac = ?').pluck().get(mac) as number;
    const name = (db.prepare('SELECT name FROM systems WHERE mac = ?').pluck().get(mac) as string | null | undefined) ?? null;
    const requests = db
      .prepare("SELECT count(*) FROM idempotency WHERE status BETWEEN 200 AND 299 AND response_body LIKE '%' || ? || '%'")
      .pluck()
      .get(mac) as number;
    return { systems, name, requests };
  } finally {
    db.close();
  }
}

/** 000ADD023F8F → 00:0a:dd:02:3f:8f, as a technician might type it. */
export function lowerColons(mac: string): string {
  return mac.toLowerCase().match(/.{2}/g)!.join(':');
}

export function colons(mac: string): string {
  return mac.match(/.{2}/g)!.join(':');
}
