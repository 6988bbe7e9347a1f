import { keysExportFileName, systemExportFileName } from '../../../core/keys/export-file-names';
import { serversExportFileName } from '../../../core/servers/export-file-name';
import {
  excelSerialDate,
  exportFileName,
  fittedWidth,
  MAX_COLUMN_WIDTH,
  safeFileNamePart,
  wallClock,
  wallClockText,
} from '../../../core/export/workbook';
import { keyFilter } from '../../../core/keys/contract';
import { serverFilter } from '../../../core/servers/contract';

describe('file names', () => {
  it.each([
    [{ contains: '3F8F', from: '2026-11-01', to: '2026-11-30' }, 'FieldKey keys contains 3F8F 2026-11-01 to 2026-11-30.xlsx'],
    [{ by: 'mac', contains: '000ADD023F8F' }, 'FieldKey keys MAC contains 000ADD023F8F 2026-11-30.xlsx'],
    [
      { by: 'customer', contains: 'Acme', from: '2026-11-01T00:00:00.000Z' },
      'FieldKey keys customer contains Acme 2026-11-01 to 2026-11-30.xlsx',
    ],
    [{ to: '2026-10-31' }, 'FieldKey keys until 2026-10-31.xlsx'],
    [{}, 'FieldKey keys 2026-11-30.xlsx'],
    [{ contains: 'a/b\\c:d*e?f"g<h>i|j' }, 'FieldKey keys contains a-b-c-d-e-f-g-h-i-j 2026-11-30.xlsx'],
    [{ contains: '  ..hidden..  ' }, 'FieldKey keys contains hidden 2026-11-30.xlsx'],
  ] as const)('names the Keys export of %j', (filter, expected) => {
    expect(keysExportFileName(keyFilter.parse(filter), '2026-11-30')).toBe(expected);
  });

  it.each([
    ['UTC', 0, '2025-01-01T00:00:00.000Z', '2026-12-05T00:00:00.000Z'],
    ['UTC+2', 120, '2024-12-31T22:00:00.000Z', '2026-12-04T22:00:00.000Z'],
    ['UTC-5', -300, '2025-01-01T05:00:00.000Z', '2026-12-05T05:00:00.000Z'],
  ] as const)(
    'names a list export with the days the user chose, in %s (the page sends local midnights, the end exclusive)',
    (_zone, offset, from, to) => {
      const zone = () => offset;
      expect(keysExportFileName(keyFilter.parse({ from, to }), '2026-12-05', zone)).toBe('FieldKey keys 2025-01-01 to 2026-12-04.xlsx');
      expect(serversExportFileName(serverFilter.parse({ from, to }), '2026-12-05', zone)).toBe(
        'FieldKey servers 2025-01-01 to 2026-12-04.xlsx',
      );
      expect(keysExportFileName(keyFilter.parse({ to }), '2026-12-05', zone)).toBe('FieldKey keys until 2026-12-04.xlsx');
    },
  );

  it.each([
    [{ contains: '3F8F', from: '2026-11-01', to: '2026-11-30' }, 'FieldKey clés contient 3F8F 2026-11-01 au 2026-11-30.xlsx'],
    [{ by: 'authCode', contains: '43XC98' }, "FieldKey clés code d'autorisation contient 43XC98 2026-11-30.xlsx"],
    [{ to: '2026-10-31' }, "FieldKey clés jusqu'au 2026-10-31.xlsx"],
  ] as const)('names the Keys export of %j in French', (filter, expected) => {
    expect(keysExportFileName(keyFilter.parse(filter), '2026-11-30', () => 0, 'fr')).toBe(expected);
  });

  it('names the Servers and system exports in French', () => {
    const filter = serverFilter.parse({ model: 'Connect 731', status: 'registered', by: 'company', contains: 'Acme', from: '2026-11-01' });
    expect(serversExportFileName(filter, '2026-11-30', () => 0, 'fr')).toBe(
      'FieldKey serveurs Connect 731 enregistrés société contient Acme 2026-11-01 au 2026-11-30.xlsx',
    );
    expect(serversExportFileName(filter, '2026-11-30', () => 0, 'en')).toBe(
      'FieldKey servers Connect 731 registered company contains Acme 2026-11-01 to 2026-11-30.xlsx',
    );
    expect(systemExportFileName('000ADD023F8F', '2026-11-30', 'txt', 'fr')).toBe('FieldKey clés 000ADD023F8F 2026-11-30.txt');
  });

  it('names a system export by its MAC and the day', () => {
    expect(systemExportFileName('000ADD023F8F', '2026-11-30', 'xlsx')).toBe('FieldKey keys 000ADD023F8F 2026-11-30.xlsx');
    expect(systemExportFileName('000ADD023F8F', '2026-11-30', 'txt')).toBe('FieldKey keys 000ADD023F8F 2026-11-30.txt');
  });

  it('keeps names safe on every file system: no reserved or control characters, no trailing dot, bounded length', () => {
    const name = exportFileName(['keys', `contains ${'x'.repeat(500)}\u0000\u0007.`], 'xlsx');
    expect(name).toMatch(/^FieldKey keys contains x+\.xlsx$/);
    expect(name.length).toBeLessThanOrEqual(160);
    expect(safeFileNamePart('CON. ')).toBe('CON');
    expect(safeFileNamePart('tab\there')).toBe('tab here');
    expect(safeFileNamePart('Ünïcödé  ok')).toBe('Ünïcödé ok');
  });
});

describe('column widths', () => {
  it('fit the header and the longest value, with room for the filter button, within bounds', () => {
    expect(fittedWidth({ header: 'MAC', kind: 'text' }, ['00:0A:DD:02:3F:8F'])).toBe(19);
    expect(fittedWidth({ header: 'Feature Key', kind: 'text' }, [])).toBe(14);
    expect(fittedWidth({ header: 'SKU', kind: 'text' }, ['1'])).toBe(8);
    expect(fittedWidth({ header: 'Customer', kind: 'text' }, ['y'.repeat(300)])).toBe(MAX_COLUMN_WIDTH);
    expect(fittedWidth({ header: 'Redeemed', kind: 'date' }, [])).toBe('yyyy-mm-dd hh:mm:ss'.length + 2);
  });
});

describe('dates', () => {
  it('are the wall-clock time of the zone, stored as Excel serial days', () => {
    const at = new Date('2026-11-23T14:03:12.000Z');
    expect(wallClockText(wallClock(at, () => -300))).toBe('2026-11-23 09:03:12');
    expect(excelSerialDate(new Date('1900-03-01T00:00:00.000Z'))).toBe(61);
    expect(excelSerialDate(new Date('2026-11-23T12:00:00.000Z'))).toBe(46349.5);
  });
});
