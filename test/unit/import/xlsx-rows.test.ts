import ExcelJS from 'exceljs';
import { checkXlsxPackage } from '../../../core/import/xlsx-package';
import { DAYS_1904, type XlsxRow, xlsxSheets } from '../../../core/import/xlsx-rows';
import { makeZip } from './zip-fixture';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package as a hand-written (or unusual) producer writes it: each sheet's XML given whole. */
function workbook(
  sheets: { name: string; xml: string; target?: string }[],
  options: { sharedStrings?: string; date1904?: boolean; parts?: { name: string; xml: string }[] } = {},
) {
  const parts = [
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets
          .map((sheet, i) => `<sheet name="${sheet.name.replaceAll('&', '&amp;')}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('')}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0"?><Relationships>${sheets
          .map((sheet, i) => `<Relationship Id="rId${i + 1}" Target="${sheet.target ?? `worksheets/sheet${i + 1}.xml`}"/>`)
          .join('')}</Relationships>`,
      ),
    },
    ...(options.parts ?? []).map((part) => ({ name: part.name, data: Buffer.from(part.xml) })),
    ...(options.sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: Buffer.from(options.sharedStrings) }] : []),
    // In the zip the sheets come in reverse: the reader follows the workbook's tab order.
    ...sheets
      .map((sheet, i) => ({
        name: (sheet.target ?? `worksheets/sheet${i + 1}.xml`).replace(/^\//, '').replace(/^(?!xl\/)/, 'xl/'),
        data: Buffer.from(sheet.xml),
      }))
      .reverse(),
  ];
  return makeZip(parts);
}

async function read(bytes: Buffer) {
  const { entries } = await checkXlsxPackage(bytes);
  const sheets = await xlsxSheets(bytes, entries);
  const result: { name: string; date1904: boolean; rows: XlsxRow[] }[] = [];
  for (const sheet of sheets) {
    const rows: XlsxRow[] = [];
    for await (const row of sheet.rows()) rows.push(row);
    result.push({ name: sheet.name, date1904: sheet.date1904, rows });
  }
  return result;
}

const values = (...cells: unknown[]) => [undefined, ...cells];

describe('xlsxSheets', () => {
  it('reads what exceljs writes: shared strings, numbers, booleans, formula results, in tab order', async () => {
    const book = new ExcelJS.Workbook();
    const first = book.addWorksheet('First');
    first.addRow(['SKU', 'Count', 'Sold', 'Sum']);
    first.addRow(['8210010 - 6x Internet Call Access Key', 12, true, { formula: 'B2*2', result: 24 }]);
    first.addRow(['a & b < c', 1.5, false, { formula: '"x"&"y"', result: 'xy' }]);
    book.addWorksheet('Second').addRow(['only']);
    const rows = await read(Buffer.from(await book.xlsx.writeBuffer()));
    expect(rows.map((sheet) => sheet.name)).toEqual(['First', 'Second']);
    expect(rows[0]!.rows).toEqual([
      { number: 1, values: values('SKU', 'Count', 'Sold', 'Sum') },
      { number: 2, values: values('8210010 - 6x Internet Call Access Key', 12, true, 24) },
      { number: 3, values: values('a & b < c', 1.5, false, 'xy') },
    ]);
    expect(rows[1]!.rows).toEqual([{ number: 1, values: values('only') }]);
  });

  it('reads hand-written XML: inline and rich strings without phonetic runs, CDATA, entities, prefixes, missing r, gaps, 1904 dates', async () => {
    const shared = `<sst xmlns="${MAIN}"><si><t>plain</t></si><si><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r><rPh><t>PHONETIC</t></rPh></si><si><t/></si><si><t>&#x41;&amp;&lt;&quot;</t></si></sst>`;
    const sheet = `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>
      <x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="E2" t="s"><x:v>3</x:v></x:c></x:row>
      <x:row><x:c t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r><x:rPh><x:t>no</x:t></x:rPh></x:is></x:c><x:c t="str"><x:f>A1</x:f><x:v><![CDATA[cdata <v>]]></x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c><x:v>40000</x:v></x:c></x:row>
      <x:row r="7"/>
      <x:row r="9"><x:c r="AA9" t="b"><x:v>1</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const [only] = await read(
      workbook([{ name: 'Hand & made', xml: sheet, target: '/xl/worksheets/other.xml' }], { sharedStrings: shared, date1904: true }),
    );
    expect(only!.name).toBe('Hand & made');
    expect(only!.date1904).toBe(true);
    expect(DAYS_1904).toBe(1462);
    const row3 = [];
    row3[1] = 'inline';
    row3[2] = 'cdata <v>';
    // The error cell holds nothing; the empty shared string is empty.
    row3[4] = '';
    row3[5] = 40000;
    const row9 = [];
    row9[27] = true;
    expect(only!.rows).toEqual([
      { number: 2, values: [undefined, undefined, 'plain', 'rich ', undefined, 'A&<"'] },
      { number: 3, values: row3 },
      { number: 7, values: [] },
      { number: 9, values: row9 },
    ]);
  });

  it('reads dates as exceljs does (date formats, built-in and custom, 1904 too) and lists merged ranges', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Dates');
    const when = new Date(Date.UTC(2026, 5, 14, 9, 30, 0));
    sheet.addRow(['Redeemed', 'Count', 'Time', 'Money']);
    sheet.addRow([when, 3, when, 12.5]);
    sheet.getCell('A2').numFmt = 'yyyy-mm-dd hh:mm';
    sheet.getCell('C2').numFmt = '[$-409]h:mm AM/PM';
    sheet.getCell('D2').numFmt = '"days" 0.00';
    sheet.mergeCells('A4:C5');
    sheet.getCell('A4').value = 'merged';
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const [dates] = await read(bytes);
    expect(dates!.rows[1]).toEqual({ number: 2, values: values(when, 3, when, 12.5) });
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(theirs.getWorksheet('Dates')!.getCell('A2').value).toEqual(dates!.rows[1]!.values[1]);

    const { entries } = await checkXlsxPackage(bytes);
    const [again] = await xlsxSheets(bytes, entries);
    for await (const _ of again!.rows());
    expect(again!.mergedRanges).toEqual(['A4:C5']);

    // A 1904 workbook's serial 0 is 1904-01-01.
    const styles = `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const xml = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c s="1"><v>0</v></c><c s="2"><v>1</v></c><c s="0"><v>1</v></c></row></sheetData></worksheet>`;
    const hand = workbook([{ name: 'S', xml }], { date1904: true, parts: [{ name: 'xl/styles.xml', xml: styles }] });
    const [only] = await read(hand);
    expect(only!.rows[0]!.values).toEqual(values(new Date(Date.UTC(1904, 0, 1)), new Date(Date.UTC(1904, 0, 2)), 1));
  });

  it('stops reading when the loop breaks, and refuses malformed XML with an error', async () => {
    const many = `<worksheet xmlns="${MAIN}"><sheetData>${Array.from({ length: 5000 }, (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>${i}</t></is></c></row>`).join('')}</sheetData></worksheet>`;
    const bytes = workbook([{ name: 'S', xml: many }]);
    const { entries } = await checkXlsxPackage(bytes);
    const [sheet] = await xlsxSheets(bytes, entries);
    let seen = 0;
    for await (const row of sheet!.rows()) {
      seen = row.number;
      if (row.number === 20) break;
    }
    expect(seen).toBe(20);

    const broken = workbook([{ name: 'S', xml: `<worksheet><sheetData><row r="1"><c t="s"><v>0</c></row></sheetData></worksheet>` }]);
    await expect(read(broken)).rejects.toThrow();
  });
});
