import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createCore, type Core } from '../../../core/core';
import { JsonFileSettingsStore } from '../../../core/settings/store';

/** A real core (real SQLite in a temp dir) without a portal, on a clock the test moves. */
export function makeCodesCore(clock: { now: Date } = { now: new Date('2026-11-30T09:00:00.000Z') }): Core {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-codes-'));
  return createCore({
    version: '0.0.0-test',
    dataDir,
    host: 'browser',
    // `system` resolves to English whatever the machine's locale: exports and messages stay deterministic.
    systemLocales: ['en-US'],
    settingsStore: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')),
    portalUrlOverride: null,
    now: () => clock.now,
  });
}

export interface SheetRow {
  distributor?: string;
  sku?: string | number;
  description?: string;
  code?: string;
  notes?: string;
}

/**
 * A distributor's workbook as they come: a title row, an empty row, the header on row 3
 * (Distributor, Part Number, Description, Voucher, Notes), then the rows; optionally a picture.
 */
export async function distributorWorkbook(rows: SheetRow[], options: { picture?: Buffer; title?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Order 2125469');
  sheet.getCell('A1').value = options.title ?? 'Northwind Telecom: authorization codes for order 2125469';
  sheet.getRow(3).values = ['Distributor', 'Part Number', 'Description', 'Voucher', 'Notes'];
  rows.forEach((row, index) => {
    sheet.getRow(4 + index).values = [
      row.distributor ?? null,
      row.sku ?? null,
      row.description ?? null,
      row.code ?? null,
      row.notes ?? null,
    ];
  });
  if (options.picture) {
    const image = workbook.addImage({ buffer: options.picture as unknown as ExcelJS.Buffer, extension: 'png' });
    sheet.addImage(image, { tl: { col: 4.1, row: 3.1 }, ext: { width: 200, height: 40 } });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Codes with only a sheet and a Code column (no SKU): what a check must fill. */
export async function codesOnlyWorkbook(codes: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Codes');
  sheet.getCell('A1').value = 'Auth Code';
  codes.forEach((code, index) => {
    sheet.getCell(`A${index + 2}`).value = code;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const compact = (code: string) => code.replace(/[-\s]/g, '').toUpperCase();
