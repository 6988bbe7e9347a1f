import ExcelJS from 'exceljs';

/** A workbook as the portal's "Export List to Excel" writes it, with whatever rows are given. */
export async function portalWorkbook(rows: unknown[][], options: { dateColumn?: number } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('View Codes');
  for (const row of rows) {
    const added = sheet.addRow(row);
    if (options.dateColumn !== undefined) {
      const cell = added.getCell(options.dateColumn);
      if (cell.value instanceof Date) cell.numFmt = 'm/d/yyyy h:mm:ss AM/PM';
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
