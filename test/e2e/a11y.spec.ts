import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { goodWorkbook, rowRulesFile, type BulkTestFile } from '../support/bulk-files';
import { distributorWorkbook, CODES_NEEDED } from '../support/distributor-workbook';
import { unredeemedCodes } from '../support/sandbox-portal';
import { expect, test } from './fixtures';
import { nav, sandboxSystems, signInAndSync } from './lookup-helpers';

/**
 * Item 7 of issue 20: axe-core on every page, dialog and report, in both themes, at a field
 * laptop's 1366×768. Any serious or critical violation fails the test, listed with its rule, help
 * and the elements it found; moderate and minor ones are printed only.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const THEMES = ['light', 'dark'] as const;
/** The page background of each theme (renderer/src/theme/theme.ts): the switch has been drawn. */
const BACKGROUND = { light: 'rgb(244, 246, 249)', dark: 'rgb(17, 20, 24)' } as const;

interface Finding {
  where: string;
  theme: (typeof THEMES)[number];
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Collects every check's findings, so one run reports all of them (and the counts per page). */
class AxeAudit {
  readonly findings: Finding[] = [];
  readonly checked: string[] = [];

  constructor(private readonly page: Page) {}

  /**
   * Runs axe on the page as it is (or only inside `scope`, for a dialog), once per theme. The
   * theme follows the operating system's colour scheme (the Settings default), emulated here.
   */
  async check(where: string, scope?: Locator): Promise<void> {
    for (const theme of THEMES) {
      await this.page.emulateMedia({ colorScheme: theme });
      await expect.poll(() => this.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND[theme]);
      let builder = new AxeBuilder({ page: this.page }).withTags(AXE_TAGS);
      if (scope) {
        const id = await scope.evaluate((element) => {
          element.setAttribute('data-axe-scope', '');
          return element.tagName;
        });
        expect(id).toBeTruthy();
        builder = builder.include('[data-axe-scope]');
      }
      const results = await builder.analyze();
      if (scope) await scope.evaluate((element) => element.removeAttribute('data-axe-scope'));
      for (const violation of results.violations) {
        this.findings.push({
          where,
          theme,
          rule: violation.id,
          impact: violation.impact ?? 'unknown',
          help: violation.help,
          targets: violation.nodes.map((node) => node.target.join(' ')),
        });
      }
    }
    this.checked.push(where);
  }

  /** Prints the serious/critical count per check and theme, then every finding. */
  print(): void {
    const isSerious = (finding: Finding) => finding.impact === 'serious' || finding.impact === 'critical';
    const lines = this.checked.map((where) => {
      const perTheme = THEMES.map((theme) => {
        const here = this.findings.filter((finding) => finding.where === where && finding.theme === theme && isSerious(finding));
        const nodes = here.reduce((sum, finding) => sum + finding.targets.length, 0);
        return `${theme} ${here.length} rules/${nodes} nodes${here.length ? ` (${here.map((finding) => finding.rule).join(', ')})` : ''}`;
      });
      return `  ${where}: ${perTheme.join('; ')}`;
    });
    const details = this.findings.map(
      (finding) =>
        `  [${finding.impact}] ${finding.where} (${finding.theme}) ${finding.rule}: ${finding.help}\n      ${finding.targets.slice(0, 8).join('\n      ')}${finding.targets.length > 8 ? `\n      … ${finding.targets.length - 8} more` : ''}`,
    );
    console.log(`axe, serious/critical per check:\n${lines.join('\n')}\n${details.join('\n')}`);
  }

  /** Fails on any serious or critical finding, naming rule, help and the elements. */
  assertNoSeriousViolations(): void {
    const serious = this.findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
    expect(
      serious.map((finding) => `${finding.where} (${finding.theme}) ${finding.rule}: ${finding.help} → ${finding.targets.join(', ')}`),
    ).toEqual([]);
  }
}

/** Runs the steps, prints what axe found (even when a step failed), then asserts. */
async function audited(page: Page, steps: (audit: AxeAudit) => Promise<void>): Promise<void> {
  const audit = new AxeAudit(page);
  try {
    await steps(audit);
  } finally {
    audit.print();
  }
  audit.assertNoSeriousViolations();
}

async function openPage(page: Page, link: string, heading: string | RegExp) {
  await nav(page).getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

async function chooseBulkFile(page: Page, file: BulkTestFile) {
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'New job from a file' }).click();
  await (await choosing).setFiles(file);
}

async function closeDialog(page: Page, dialog: Locator) {
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

test.beforeEach(async ({ page }) => {
  // Transitions would let axe measure a colour halfway through the theme switch.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
      document.head.append(style);
    });
  });
});

test.describe('accessibility (axe-core) at 1366×768 in both themes', () => {
  test('Sign in, every page after a sync, Key Details, the server dialogs, Quick Lookup results, a redemption', async ({
    page,
    hostWithSandbox,
  }) => {
    test.setTimeout(300_000);
    const { portal, serve } = hostWithSandbox;
    await audited(page, async (audit) => {
      await page.goto(serve.url);
      await openPage(page, 'Sign in', 'Sign in');
      await audit.check('Sign in');

      await signInAndSync(page, serve.url);
      await audit.check('Sync');

      await openPage(page, 'Redeem', 'Redeem codes');
      await audit.check('Redeem');
      await page.getByRole('button', { name: 'Pick from inventory' }).click();
      const pick = page.getByRole('dialog', { name: 'Pick from inventory' });
      await expect(pick).toBeVisible();
      await audit.check('Pick from inventory (empty inventory)', pick);
      await closeDialog(page, pick);

      await openPage(page, 'Codes', 'Codes');
      await audit.check('Codes');
      await openPage(page, 'Bulk redemption', 'Bulk redemption');
      await audit.check('Bulk redemption');

      await openPage(page, 'Keys', 'Keys');
      const details = page.getByRole('button', { name: /^Details of / }).first();
      await expect(details).toBeVisible();
      await audit.check('Keys');
      await details.click();
      const keyDialog = page.getByRole('dialog', { name: /^Key / });
      await expect(keyDialog).toBeVisible();
      await audit.check('Key Details', keyDialog);
      await closeDialog(page, keyDialog);

      const [system] = sandboxSystems(portal.dataFile);
      if (!system) throw new Error('The demo seed should have systems.');
      await openPage(page, 'Quick Lookup', 'Quick Lookup');
      await audit.check('Quick Lookup');
      await page.getByRole('combobox', { name: 'MAC Address' }).fill(system.mac);
      await page.getByRole('button', { name: 'Look up' }).click();
      await expect(page.getByRole('table', { name: 'Feature keys of this system' })).toBeVisible();
      await audit.check('Quick Lookup results');

      await openPage(page, 'Systems', 'Systems');
      await audit.check('Systems');

      await openPage(page, 'Servers', 'Server Management');
      const firstServer = page.getByRole('radio', { name: /^Select / }).first();
      await expect(firstServer).toBeVisible();
      await audit.check('Servers');
      await page.getByRole('button', { name: 'Add / Register Server' }).click();
      const addServer = page.getByRole('dialog', { name: 'Add / Register Server' });
      await expect(addServer).toBeVisible();
      await audit.check('Add / Register Server', addServer);
      await closeDialog(page, addServer);
      await firstServer.check();
      await page.getByRole('button', { name: 'Management Function' }).click();
      const menu = page.getByRole('menu');
      await expect(menu).toBeVisible();
      await audit.check('Servers: Management Function menu', menu);
      await page.getByRole('menuitem', { name: 'Modify/Complete Registration' }).click();
      const editServer = page.getByRole('dialog', { name: 'Modify/Complete Registration' });
      await expect(editServer).toBeVisible();
      await audit.check('Modify/Complete Registration', editServer);
      await closeDialog(page, editServer);

      await openPage(page, 'Settings', 'Settings');
      await audit.check('Settings');
      await openPage(page, 'About', 'About');
      await audit.check('About');

      // A redemption's results (the report Redeem shows), with one of the sandbox's codes.
      const [code] = await unredeemedCodes(portal);
      if (!code) throw new Error('The demo seed should offer unredeemed codes.');
      await openPage(page, 'Redeem', 'Redeem codes');
      await page.getByRole('combobox', { name: 'MAC Address' }).fill(system.mac);
      await page.getByLabel('Auth Code 1', { exact: true }).fill(code.code);
      await page.getByRole('button', { name: 'Redeem', exact: true }).click();
      await expect(page.getByRole('table', { name: 'Redeemed feature keys' })).toBeVisible({ timeout: 30_000 });
      await audit.check('Redeem results');
    });
  });

  test('the Codes Draft report and Pick from inventory, a bulk draft, refusal and report, a keys import report', async ({
    page,
    hostWithSandbox,
  }) => {
    test.setTimeout(300_000);
    const { portal, serve } = hostWithSandbox;
    await audited(page, async (audit) => {
      const available = (await unredeemedCodes(portal)).sort((a, b) => a.sku.localeCompare(b.sku) || a.code.localeCompare(b.code));
      const workbook = await distributorWorkbook(available.slice(0, CODES_NEEDED));
      await signInAndSync(page, serve.url);

      await openPage(page, 'Codes', 'Codes');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import distributor spreadsheet' }).click();
      await (await chooser).setFiles({
        name: workbook.fileName,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: workbook.buffer,
      });
      await expect(page.getByRole('heading', { level: 2, name: `Draft report: ${workbook.fileName}` })).toBeVisible({ timeout: 60_000 });
      await audit.check('Codes: Draft report');
      await page
        .getByRole('region', { name: /^Draft report/ })
        .getByRole('button', { name: /^Import \d+ codes?$/ })
        .click();
      await expect(page.getByRole('status').filter({ hasText: `Imported from ${workbook.fileName}` })).toBeVisible();
      await audit.check('Codes: after an import');

      await openPage(page, 'Redeem', 'Redeem codes');
      await page.getByRole('button', { name: 'Pick from inventory' }).click();
      const pick = page.getByRole('dialog', { name: 'Pick from inventory' });
      await expect(pick).toBeVisible();
      await audit.check('Pick from inventory', pick);
      await closeDialog(page, pick);

      // Bulk: a refused file's problems, then a good file's draft, started, and its report.
      const systems = sandboxSystems(portal.dataFile);
      const redeemed = systems.find((system) => system.authCodes.length > 0)!;
      await openPage(page, 'Bulk redemption', 'Bulk redemption');
      const refused = rowRulesFile([systems[0]!.mac, systems[1]!.mac], redeemed.authCodes[0]!);
      await chooseBulkFile(page, refused.file);
      await expect(page.getByRole('table', { name: 'Problems' })).toBeVisible();
      await audit.check('Bulk: a refused file');

      const bulkCodes = available.slice(CODES_NEEDED, CODES_NEEDED + 2);
      const good = await goodWorkbook(
        bulkCodes.map((entry, i) => ({ mac: systems[i]!.mac, authCode: entry.code, systemName: `A11y ${i}` })),
      );
      await chooseBulkFile(page, good);
      await expect(page.getByRole('table', { name: 'Rows' })).toBeVisible();
      await audit.check('Bulk: draft review');
      await page.getByRole('button', { name: 'Start job' }).click();
      // Starting may ask for a confirmation first (issue 20, item 3).
      const report = page.getByRole('heading', { level: 1, name: /^Report: / });
      const confirm = page.getByRole('dialog');
      await expect(report.or(confirm)).toBeVisible();
      if (await confirm.isVisible()) {
        await audit.check('Bulk: start confirmation', confirm);
        await confirm.getByRole('button', { name: /start|redeem/i }).click();
      }
      await expect(report).toBeVisible();
      await expect(
        page
          .getByRole('status')
          .filter({ hasText: /2 redeemed/ })
          .or(page.getByText(/2 redeemed/)),
      ).toBeVisible({
        timeout: 60_000,
      });
      await audit.check('Bulk: report');

      // A keys import report: a portal's View Codes export of one key.
      await openPage(page, 'Keys', 'Keys');
      const viewCodes = new ExcelJS.Workbook();
      const sheet = viewCodes.addWorksheet('View Codes');
      sheet.getRow(1).values = ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed'];
      sheet.getRow(2).values = [
        '8210010 - 6x Internet Call Access Key',
        'Allworx Corp.',
        '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
        '8ak4-2PSR-fHmR-K4le-1pWl',
        systems[0]!.mac,
        new Date(Date.now() - 24 * 3600_000),
      ];
      const exported = test.info().outputPath('View Codes.xlsx');
      await viewCodes.xlsx.writeFile(exported);
      const choosing = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import portal export' }).click();
      await (await choosing).setFiles(exported);
      const importReport = page.getByRole('dialog', { name: 'Import finished' });
      await expect(importReport).toBeVisible();
      await audit.check('Keys: import report', importReport);
      await importReport.getByRole('button', { name: 'Close' }).click();
      await expect(importReport).toHaveCount(0);
    });
  });
});
