import type { Download, Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { startTestPortal, type TestPortal } from '../support/sandbox-portal';
import { startServe, type ServeProcess } from '../support/serve-process';
import { expect, test } from './fixtures';
import { nav, signInAndSync } from './lookup-helpers';

// Tall enough that every row of the demo's dashboard is drawn (the table only draws rows in view).
test.use({ viewport: { width: 1700, height: 2400 } });

/** Serials the demo portal knows and no dashboard holds (portal-sandbox/seed.ts DEMO_FREE_SERIALS). */
const CONNECT_324 = { serial: 'CN324-9040', mac: '000ADDFE0018', shown: '00:0A:DD:FE:00:18' };
const MODEL_24X = { serial: 'AX24-9020', mac: '000ADDFE0014', shown: '00:0A:DD:FE:00:14' };

const serversTable = (page: Page) => page.getByRole('table', { name: 'Servers' });
const bodyRows = (page: Page) => serversTable(page).locator('tbody tr[aria-rowindex]');
const rowOf = (page: Page, shownMac: string) => bodyRows(page).filter({ hasText: shownMac });
/** Status is the 7th cell: Select, MAC Address, Server Model, System Name, End Customer Company, Site/Server ID, Status, Added. */
const statusCell = (row: Locator) => row.locator('td').nth(6);

interface ShownServer {
  mac: string;
  model: string;
  systemName: string;
  company: string;
  siteId: string;
  status: string;
}

/** The table's body rows as shown, in order (the Status cell's first word: the status without its chips). */
async function shownServers(page: Page): Promise<ShownServer[]> {
  return bodyRows(page).evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td')];
      const text = (i: number) => cells[i]?.getAttribute('title') ?? cells[i]?.textContent ?? '';
      return { mac: text(1), model: text(2), systemName: text(3), company: text(4), siteId: text(5), status: text(6) };
    }),
  );
}

/** The rows shown once the list has some (it loads, and reloads when a pull brings server changes). */
async function loadedServers(page: Page): Promise<ShownServer[]> {
  let rows: ShownServer[] = [];
  await expect
    .poll(async () => {
      rows = await shownServers(page);
      return rows.length;
    })
    .toBeGreaterThan(0);
  return rows;
}

async function openServers(page: Page) {
  await nav(page).getByRole('link', { name: 'Servers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Server Management' })).toBeVisible();
  await expect(bodyRows(page).first()).toBeVisible();
}

async function manage(page: Page, shownMac: string, fn: string) {
  await page.getByRole('radio', { name: `Select ${shownMac}` }).check();
  await page.getByRole('button', { name: 'Management Function' }).click();
  await page.getByRole('menuitem', { name: fn }).click();
}

async function syncNow(page: Page) {
  await nav(page).getByRole('link', { name: 'Sync' }).click();
  const button = page.getByRole('button', { name: 'Sync now' });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(button).toBeEnabled();
}

const registration = {
  'System Name': 'E2E Connect',
  'End Customer Company': 'E2E Dental',
  'Street Address': '1 Main Street',
  City: 'Rochester',
  'State/Province': 'NY',
  'ZIP/Postal Code': '14604',
  Country: 'United States',
  'Contact Name': 'Pat Doe',
  'Contact Phone': '+1 585 555 0100',
  'Contact Email': 'pat@e2e.example',
};

test.describe('Servers page against the browser host and the sandbox', () => {
  let serve: ServeProcess | null = null;
  let portal: TestPortal | null = null;
  test.afterEach(async () => {
    await serve?.stop();
    serve = null;
    await portal?.close();
    portal = null;
  });

  test('a Connect server added offline and saved → portal back → Register → Registered → the portal activates it → Activated after sync; a 24x has no Register', async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(240_000);
    portal = await startTestPortal({ seed: 'demo' });
    const { port, dataDir } = portal;
    serve = await startServe({ args: ['--portal', portal.url] });
    await signInAndSync(page, serve.url);
    await openServers(page);

    // Offline: the serial cannot be checked, so the model is chosen and the MAC typed.
    await portal.close();
    portal = null;
    await page.getByRole('button', { name: 'Add / Register Server' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add / Register Server' });
    await dialog.getByLabel('Serial Number').fill(CONNECT_324.serial);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByText(/could not be checked/)).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Server Model' }).click();
    await page.getByRole('option', { name: 'Connect 324' }).click();
    await dialog.getByLabel('MAC Address').fill(CONNECT_324.shown.toLowerCase());
    await dialog.getByLabel('System Name').fill('E2E Connect');
    // Register on the incomplete form says what is missing, on the fields, and sends nothing.
    await dialog.getByRole('button', { name: 'Register' }).click();
    await expect(dialog.getByText('City is needed to register.')).toBeVisible();
    await expect(dialog.getByLabel('City')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    // The dialog gives the focus back to the button that opened it.
    await expect(page.getByRole('button', { name: 'Add / Register Server' })).toBeFocused();
    await expect(
      page.getByRole('status').filter({ hasText: `Server ${CONNECT_324.shown} saved on this computer, queued for the portal` }),
    ).toBeVisible();
    await expect(statusCell(rowOf(page, CONNECT_324.shown))).toContainText('Saved');
    await expect(statusCell(rowOf(page, CONNECT_324.shown))).toContainText('Save queued');
    await page.screenshot({ path: test.info().outputPath('servers-queued.png'), animations: 'disabled' });

    // The portal is back: the outbox sends the save by itself and the chip goes.
    portal = await startTestPortal({ seed: 'demo', dataDir, port });
    await expect(statusCell(rowOf(page, CONNECT_324.shown))).not.toContainText('queued', { timeout: 90_000 });

    // Complete the registration and Register.
    await manage(page, CONNECT_324.shown, 'Modify/Complete Registration');
    dialog = page.getByRole('dialog', { name: 'Modify/Complete Registration' });
    await expect(dialog.getByLabel('System Name')).toHaveValue('E2E Connect');
    for (const [label, value] of Object.entries(registration)) await dialog.getByLabel(label, { exact: true }).fill(value);
    await dialog.getByRole('button', { name: 'Register' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    // Opened from a menu item that is gone: the focus is back on the menu's button, not on <body>.
    await expect(page.getByRole('button', { name: 'Management Function' })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: `Server ${CONNECT_324.shown} registered` })).toBeVisible();
    await expect(statusCell(rowOf(page, CONNECT_324.shown))).toHaveText(/^Registered/, { timeout: 60_000 });

    // The portal activates it; the change arrives by sync.
    const activated = await fetch(`${portal.url}/sandbox/servers/${CONNECT_324.mac}/activate`, { method: 'POST' });
    expect(activated.status).toBe(200);
    await syncNow(page);
    await openServers(page);
    await expect(statusCell(rowOf(page, CONNECT_324.shown))).toHaveText(/^Activated/);

    // A 24x server: only ever saved, so the form has no Register button.
    await page.getByRole('button', { name: 'Add / Register Server' }).click();
    dialog = page.getByRole('dialog', { name: 'Add / Register Server' });
    await dialog.getByLabel('Serial Number').fill(MODEL_24X.serial);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    // The MAC the portal knows for the serial, shown canonical like everywhere else (not 000ADDFE0014).
    await expect(dialog.getByLabel('MAC Address')).toHaveValue(MODEL_24X.shown);
    await expect(dialog.getByRole('combobox', { name: 'Server Model' })).toHaveText('24x');
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Register' })).toHaveCount(0);
    await dialog.getByLabel('System Name').fill('E2E Depot');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    await expect(statusCell(rowOf(page, MODEL_24X.shown))).toHaveText(/^Saved/);
    expect(consoleErrors).toEqual([]);
  });

  test('hide, then find it under Show Only Hidden; the export equals the table; an RMA shows in Server History; Site History lists the site’s servers', async ({
    page,
    signedIn: _signedIn,
    consoleErrors,
  }) => {
    test.setTimeout(180_000);
    await openServers(page);
    await expect(page.getByText(/^Last synced /)).toBeVisible();

    // (c) Hide the first server shown; it leaves the list and is found under Show Only Hidden.
    const [first] = await loadedServers(page);
    await manage(page, first!.mac, 'Hide');
    await expect(page.getByRole('status').filter({ hasText: `Server ${first!.mac} hidden` })).toBeVisible();
    await expect(rowOf(page, first!.mac)).toHaveCount(0);
    // The box follows the address (#/servers?hidden=1), which changes a moment after the click:
    // click, then wait for it, rather than check() (which wants the state at once).
    await page.getByRole('checkbox', { name: 'Show Only Hidden Servers' }).click();
    await expect(page.getByRole('checkbox', { name: 'Show Only Hidden Servers' })).toBeChecked();
    await expect(page).toHaveURL(/#\/servers\?.*hidden=1/);
    await expect(rowOf(page, first!.mac)).toHaveCount(1);
    await page.getByRole('checkbox', { name: 'Show Only Hidden Servers' }).click();
    await expect(page.getByRole('checkbox', { name: 'Show Only Hidden Servers' })).not.toBeChecked();
    await expect(rowOf(page, first!.mac)).toHaveCount(0);

    // (d) Filtered to Connect servers, sorted by company: the export holds exactly these rows, in order.
    await page.getByRole('combobox', { name: 'Machine Type' }).click();
    await page.getByRole('option', { name: 'Connect 731' }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await serversTable(page).getByRole('button', { name: 'End Customer Company' }).click();
    await expect(serversTable(page).getByRole('columnheader', { name: 'End Customer Company' })).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(async () => (await shownServers(page)).every((server) => server.model === 'Connect 731')).toBe(true);
    const shown = await shownServers(page);
    expect(shown.length).toBeGreaterThan(1);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Server List to Excel' }).click();
    const exported = await readExport(await downloading);
    expect(exported).toEqual(
      shown.map((server) => [server.mac, server.model, server.systemName, server.company, server.siteId, server.status]),
    );

    // (e) An RMA for a server of the list shows in its Server History.
    await page.getByRole('button', { name: 'Reset' }).click();
    const candidate = (await loadedServers(page)).find((server) => !server.status.includes('RMA'))!;
    await manage(page, candidate.mac, 'Initiate RMA');
    const dialog = page.getByRole('dialog', { name: `Initiate RMA for ${candidate.mac}` });
    await dialog.getByLabel('Reason').fill('E2E: power supply failed');
    await dialog.getByLabel('Replacement MAC Address').fill('00:0A:DD:FE:00:1B');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByText(/replaced by 00:0A:DD:FE:00:1B/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Initiate RMA' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(statusCell(rowOf(page, candidate.mac))).toContainText('Under RMA');
    // The portal's history record of the RMA arrives with the next pull.
    await syncNow(page);
    await openServers(page);
    await manage(page, candidate.mac, 'View Server History');
    await expect(page.getByRole('heading', { level: 1, name: `Server History ${candidate.mac}` })).toBeVisible();
    const records = page.getByRole('table', { name: 'Registration records' });
    await expect(
      records.getByRole('row').filter({ hasText: 'RMA requested' }).filter({ hasText: 'E2E: power supply failed' }),
    ).not.toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('server-history.png'), animations: 'disabled' });
    await page.getByRole('link', { name: 'Back to Server Management' }).click();

    // (f) Site History: the servers of one site, those the list shows with that Site/Server ID.
    // Polled: the list (re)loads on return, and again when a pull brings server changes.
    let largest: [string, string[]] | undefined;
    await expect
      .poll(async () => {
        const bySite = new Map<string, string[]>();
        for (const server of await shownServers(page))
          if (server.siteId) bySite.set(server.siteId, [...(bySite.get(server.siteId) ?? []), server.mac]);
        largest = [...bySite].sort((a, b) => b[1].length - a[1].length)[0];
        return largest?.[1].length ?? 0;
      })
      .toBeGreaterThan(1);
    const [siteId, macs] = largest!;
    await manage(page, macs[0]!, 'View Site History');
    await expect(page.getByRole('heading', { level: 1, name: `Site History ${siteId}` })).toBeVisible();
    const siteServers = page.getByRole('table', { name: 'Servers of this site' });
    await expect(siteServers.getByRole('link')).toHaveCount(macs.length);
    expect((await siteServers.getByRole('link').allTextContents()).sort()).toEqual([...macs].sort());
    await expect(page.getByRole('table', { name: 'Registration records' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('site-history.png'), animations: 'disabled' });
    expect(consoleErrors).toEqual([]);
  });
});

/** The exported rows below the header, as text: MAC Address … Status (the date aside). */
async function readExport(download: Download): Promise<string[][]> {
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  let headerRow = 0;
  sheet.eachRow((row, number) => {
    if (!headerRow && row.getCell(1).text === 'MAC Address') headerRow = number;
  });
  expect(headerRow, 'the export has a header starting with MAC Address').toBeGreaterThan(0);
  const rows: string[][] = [];
  sheet.eachRow((row, number) => {
    if (number > headerRow) rows.push([1, 2, 3, 4, 5, 6].map((column) => row.getCell(column).text));
  });
  return rows;
}
