import type { Message } from '../../../core/messages/catalogue';
import { say, translator } from '../../../core/messages/say';
import { MAX_MACS_PER_ADD, MAX_SYSTEM_NAME_LENGTH, type MacListRow, parseMacList, parseMacRange } from '../../../core/domain/mac-range';
import { MAX_SYSTEMS_PER_ADD } from '../../../core/systems/contract';

describe('parseMacRange: accepted ranges', () => {
  it.each([
    ['one MAC', '00:0A:DD:00:00:10', '000ADD000010', ['000ADD000010']],
    ['three, mixed formats', '00-0a-dd-00-00-10', '000a.dd00.0012', ['000ADD000010', '000ADD000011', '000ADD000012']],
    ['six digits get the vendor prefix', '0000FE', '00:01:01', ['000ADD0000FE', '000ADD0000FF', '000ADD000100', '000ADD000101']],
    ['carry across a byte', '000ADD01FFFF', '000ADD020000', ['000ADD01FFFF', '000ADD020000']],
    ['another vendor, same prefix both ends', '00-90-33-08-20-00', '00-90-33-08-20-01', ['009033082000', '009033082001']],
  ])('%s', (_name, from, to, macs) => {
    expect(parseMacRange(from, to)).toEqual({ ok: true, macs });
  });

  it(`holds exactly ${MAX_MACS_PER_ADD} MACs at most`, () => {
    const result = parseMacRange('000ADD000001', '000ADD000032');
    expect(result.ok && result.macs.length).toBe(50);
    expect(result.ok && result.macs.at(-1)).toBe('000ADD000032');
  });
});

describe('parseMacRange: refused with the reason', () => {
  it.each([
    ['empty From', '', '000ADD000001', 'From: Enter a MAC address.'],
    ['empty To', '000ADD000001', ' ', 'To: Enter a MAC address.'],
    [
      'a bad character',
      '000ADD00000G',
      '000ADD000001',
      'From: "G" (character 12) is not allowed: a MAC address has hex digits 0–9 and A–F, optionally separated by : - or .',
    ],
    [
      'too few digits',
      '000ADD000001',
      '000ADD0001',
      'To: A MAC address has 12 hex digits (or the last 6, after the vendor prefix 00:0A:DD); this has 10.',
    ],
    [
      'reversed',
      '000ADD000010',
      '000ADD000002',
      'To (00:0A:DD:00:00:02) comes before From (00:0A:DD:00:00:10): put the lower MAC in From.',
    ],
    [
      'over 50',
      '000ADD000001',
      '000ADD000033',
      'The range 00:0A:DD:00:00:01 – 00:0A:DD:00:00:33 holds 51 MACs; at most 50 can be added at once.',
    ],
    [
      "the seed's example range",
      '00-90-33-08-20-00',
      '00-90-33-08-22-00',
      'The range 00:90:33:08:20:00 – 00:90:33:08:22:00 holds 513 MACs; at most 50 can be added at once.',
    ],
    [
      'crossing the vendor prefix',
      '000ADDFFFFFF',
      '000ADE000001',
      'A range stays within one vendor prefix: From begins with 00:0A:DD and To with 00:0A:DE.',
    ],
    [
      'another vendor at one end',
      '009033000001',
      '000001',
      'A range stays within one vendor prefix: From begins with 00:90:33 and To with 00:0A:DD.',
    ],
  ])('%s', (_name, from, to, message) => {
    const parsed = parseMacRange(from, to);
    expect(parsed).toMatchObject({ ok: false, message });
    // The code and params say the same in the catalogue (its English is the message, less a From:/To: prefix).
    if (!parsed.ok)
      expect(`${parsed.end ? (parsed.end === 'from' ? 'From: ' : 'To: ') : ''}${say(parsed.code, parsed.params).message}`).toBe(message);
  });
});

const row = (line: number, input: string, mac: string | null, name = '', message: string | null = null): MacListRow => ({
  line,
  input,
  mac,
  name,
  message: message === null ? null : (expect.objectContaining({ message }) as Message),
});

describe('parseMacList: files', () => {
  it.each<[string, string, MacListRow[]]>([
    [
      'one MAC per line (.txt)',
      '000ADD000001\n00:0A:DD:00:00:02\n',
      [row(1, '000ADD000001', '000ADD000001'), row(2, '00:0A:DD:00:00:02', '000ADD000002')],
    ],
    ['Windows line ends and a BOM', '\uFEFF000001\r\n000002\r\n', [row(1, '000001', '000ADD000001'), row(2, '000002', '000ADD000002')]],
    [
      'blank lines skipped, line numbers kept',
      '\n000001\n\n   \n000002',
      [row(2, '000001', '000ADD000001'), row(5, '000002', '000ADD000002')],
    ],
    [
      'CSV with a header and names',
      'MAC,System Name\n00-0A-DD-00-00-01,Front desk\n000ADD000002,\n',
      [row(2, '00-0A-DD-00-00-01', '000ADD000001', 'Front desk'), row(3, '000ADD000002', '000ADD000002')],
    ],
    [
      'quoted cells with the separator and quotes inside',
      '"MAC Address","Name"\n"000ADD000001","Smith, Jones ""HQ"""\n',
      [row(2, '000ADD000001', '000ADD000001', 'Smith, Jones "HQ"')],
    ],
    [
      'semicolons (a European spreadsheet)',
      'MAC;System Name\n000ADD000001;Lager, Halle 2\n000ADD000002;Büro\n',
      [row(2, '000ADD000001', '000ADD000001', 'Lager, Halle 2'), row(3, '000ADD000002', '000ADD000002', 'Büro')],
    ],
    [
      'tabs (pasted from a spreadsheet)',
      '000ADD000001\tFront desk\n000ADD000002\tBack office\n',
      [row(1, '000ADD000001', '000ADD000001', 'Front desk'), row(2, '000ADD000002', '000ADD000002', 'Back office')],
    ],
    ['extra columns ignored', '000ADD000001,Front desk,ACME,extra\n', [row(1, '000ADD000001', '000ADD000001', 'Front desk')]],
    [
      "several MACs on one line, as the portal's example",
      '00-90-33-08-20-20 00-90-33-08-20-21\n00-90-33-24-20-20',
      [
        row(1, '00-90-33-08-20-20', '009033082020'),
        row(1, '00-90-33-08-20-21', '009033082021'),
        row(2, '00-90-33-24-20-20', '009033242020'),
      ],
    ],
  ])('%s', (_name, text, rows) => {
    expect(parseMacList(text)).toEqual({ rows, problem: null });
  });
});

describe('parseMacList: bad rows are listed with the reason, the rest kept', () => {
  it.each<[string, string, MacListRow[]]>([
    [
      'an invalid MAC',
      '000ADD000001\n000ADD00000Z,Lobby\n',
      [
        row(1, '000ADD000001', '000ADD000001'),
        row(
          2,
          '000ADD00000Z',
          null,
          'Lobby',
          '"Z" (character 12) is not allowed: a MAC address has hex digits 0–9 and A–F, optionally separated by : - or .',
        ),
      ],
    ],
    [
      'a duplicate in another format',
      '000ADD000001,A\n00:0a:dd:00:00:01,B\n',
      [
        row(1, '000ADD000001', '000ADD000001', 'A'),
        row(2, '00:0a:dd:00:00:01', '000ADD000001', 'B', '00:0A:DD:00:00:01 is already on line 1.'),
      ],
    ],
    [
      'a name without a MAC',
      '000ADD000001\n,Lobby\n',
      [row(1, '000ADD000001', '000ADD000001'), row(2, '', null, 'Lobby', 'Enter a MAC address.')],
    ],
    [
      'a first row that is not a header',
      'hello\n000ADD000001\n',
      [
        row(
          1,
          'hello',
          null,
          '',
          '"h" (character 1) is not allowed: a MAC address has hex digits 0–9 and A–F, optionally separated by : - or .',
        ),
        row(2, '000ADD000001', '000ADD000001'),
      ],
    ],
    [
      'a header only on the first row',
      'MAC\n000ADD000001\nMAC\n',
      [
        row(2, '000ADD000001', '000ADD000001'),
        row(
          3,
          'MAC',
          null,
          '',
          '"M" (character 1) is not allowed: a MAC address has hex digits 0–9 and A–F, optionally separated by : - or .',
        ),
      ],
    ],
    [
      'a name too long',
      `000ADD000001,${'x'.repeat(201)}\n`,
      [row(1, '000ADD000001', '000ADD000001', 'x'.repeat(201), 'The system name has 201 characters; at most 200.')],
    ],
  ])('%s', (_name, text, rows) => {
    expect(parseMacList(text)).toEqual({ rows, problem: null });
  });
});

describe('parseMacList: problems with the whole file', () => {
  it('more than 50 rows: says so, and still lists them', () => {
    const text = Array.from({ length: 51 }, (_, i) => `000ADD${i.toString(16).padStart(6, '0')}`).join('\n');
    const result = parseMacList(text);
    expect(result.problem).toEqual(say('macList.tooMany', { count: 51, limit: 50 }));
    expect(result.problem?.message).toBe('The file lists 51 MACs; at most 50 can be added at once: split it into files of 50 or fewer.');
    expect(translator('fr')(result.problem!.code, result.problem!.params)).toBe(
      'Le fichier contient 51 adresses MAC\u202f; 50 au plus peuvent être ajoutées à la fois\u00a0: divisez-le en fichiers de 50 adresses ou moins.',
    );
    expect(result.rows).toHaveLength(51);
  });

  it('exactly 50 rows are fine', () => {
    const text = Array.from({ length: 50 }, (_, i) => `000ADD${i.toString(16).padStart(6, '0')}`).join('\n');
    expect(parseMacList(text).problem).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['blank lines only', '\n  \n\t\n'],
    ['a header only', 'MAC,System Name\n'],
  ])('%s: no MAC addresses', (_name, text) => {
    expect(parseMacList(text)).toEqual({ rows: [], problem: say('macList.empty') });
  });

  it('a binary file', () => {
    expect(parseMacList('PK\u0003\u0004\u0000\u0000')).toEqual({
      rows: [],
      problem: { code: 'macList.notText', message: 'This is not a text file: choose a .txt or .csv file of MAC addresses.' },
    });
  });
});

it('the limits are those of systems.add', () => {
  expect(MAX_MACS_PER_ADD).toBe(MAX_SYSTEMS_PER_ADD);
  expect(MAX_SYSTEM_NAME_LENGTH).toBe(200);
});
