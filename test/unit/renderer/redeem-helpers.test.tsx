import { extractAuthCodes } from '../../../renderer/src/pages/redeem/extract-codes';
import { earlierDuplicate, fillCodes, nextEmptyField, placeScannedCode } from '../../../renderer/src/pages/redeem/code-fields';

const A = '43XC98-68WTGB-CWMH53-YS4RA9';
const B = '2ZJCZN-2HEYV7-V3YJN8-5MSTGG';
const C = '2ETTZ5-61DA9F-V5KUJZ-3QC9R6';

describe('extractAuthCodes', () => {
  it.each([
    ['one canonical code', A, [A], []],
    ['a code without dashes', '43XC9868WTGBCWMH53YS4RA9', [A], []],
    ['lower case', '43xc98-68wtgb-cwmh53-ys4ra9', [A], []],
    ['spaces between the groups', '43XC98 68WTGB CWMH53 YS4RA9', [A], []],
    ['spaces and dashes mixed, two halves', '43XC9868WTGB CWMH53-YS4RA9', [A], []],
    ['typographic dashes from a word processor', '43XC98–68WTGB—CWMH53‑YS4RA9', [A], []],
    ['one per line (a spreadsheet column)', `${A}\n${B}\r\n${C}\n`, [A, B, C], []],
    ['separated by commas, semicolons and tabs', `${A}, ${B};${C}\t`, [A, B, C], []],
    ['separated by spaces only', `${A} ${B} ${C}`, [A, B, C], []],
    ['grouped codes one after another on a line', '43XC98 68WTGB CWMH53 YS4RA9 2ZJCZN 2HEYV7 V3YJN8 5MSTGG', [A, B], []],
    ['mixed with words like "Code:"', `Code: ${A}\nAuth code 2: ${B.toLowerCase()}.`, [A, B], []],
    [
      'in an e-mail',
      `Hello,\n\nhere are your codes for order 4711:\n1) ${A} (6x Internet Call Access Key)\n2) ${B}\n\nRegards, the distributor`,
      [A, B],
      [],
    ],
    ['quoted and in brackets', `"${A}" [${B}] <${C}>`, [A, B, C], []],
    ['duplicates in the block, kept once in order', `${A}\n${B}\n${A.toLowerCase()}\n${B}`, [A, B], []],
    ['a code with a group too short', `${A}\n43XC98-68WTGB-CWMH5-YS4RA9`, [A], ['43XC98-68WTGB-CWMH5-YS4RA9']],
    ['a code one character short, in groups', '43XC98 68WTGB CWMH53 YS4RA', [], ['43XC98 68WTGB CWMH53 YS4RA']],
    ['a code with a character that is not allowed', '43XC98-68WTGB-CWMH53-YS4RA$', [], ['43XC98-68WTGB-CWMH53-YS4RA$']],
    ['a code too long', '43XC98-68WTGB-CWMH53-YS4RA9X', [], ['43XC98-68WTGB-CWMH53-YS4RA9X']],
    ['a feature key is not a code', `${A} $ZLW-ncjw-Foeb-l8H8-ic0d-aYbK`, [A], ['$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK']],
    ['plain words, numbers and dates are not reported', 'SKU 8210010 ordered 2026-11-23 Allworx', [], []],
    ['empty text', '', [], []],
  ])('%s', (_case, text, codes, unreadable) => {
    const result = extractAuthCodes(text);
    expect(result.codes).toEqual(codes);
    expect(result.unreadable).toEqual(unreadable);
  });

  it('says which codes appeared more than once', () => {
    expect(extractAuthCodes(`${A} ${B} ${A} ${A}`).repeated).toEqual([A]);
    expect(extractAuthCodes(`${A} ${B}`).repeated).toEqual([]);
  });
});

describe('earlierDuplicate', () => {
  it.each([
    [[A, B, A], 2, 0],
    [[A, B, A.toLowerCase().replace(/-/g, '')], 2, 0],
    [[A, B, C], 2, -1],
    [[A, '', A], 0, -1],
    [['', 'junk', 'junk'], 2, -1],
  ])('%j field %i → %i', (values, index, expected) => {
    expect(earlierDuplicate(values, index)).toBe(expected);
  });
});

describe('nextEmptyField', () => {
  it.each([
    [[A, '', ''], 0, 1],
    [[A, B, ''], 0, 2],
    ['A,,B,'.split(',').map((v) => (v ? A : '')), 2, 3],
    [['', A, B], 2, 0],
    [['', A, B], 1, 0],
    [[A, B, C], 1, -1],
    [[A, '  ', B], 2, 1],
  ])('%j after field %i → %i', (values, from, expected) => {
    expect(nextEmptyField(values, from)).toBe(expected);
  });
});

describe('fillCodes', () => {
  it.each([
    {
      name: 'fills from the field pasted into',
      current: ['', '', '', ''],
      start: 1,
      codes: [A, B],
      values: ['', A, B, ''],
      placed: [1, 2],
    },
    {
      name: 'skips fields already filled',
      current: ['', 'typed', '', C],
      start: 0,
      codes: [A, B],
      values: [A, 'typed', B, C],
      placed: [0, 2],
    },
    {
      name: 'adds fields when the form runs out',
      current: ['', ''],
      start: 1,
      codes: [A, B, C],
      values: ['', A, B, C],
      placed: [1, 2, 3],
    },
    {
      name: 'replaces the field pasted over when its whole content was selected',
      current: ['half-typed', ''],
      start: 0,
      codes: [A],
      values: [A, ''],
      placed: [0],
      replaceStart: true,
    },
  ])('$name', ({ current, start, codes, values, placed, replaceStart }) => {
    const result = fillCodes(current, start, codes, { replaceStart });
    expect(result.values).toEqual(values);
    expect(result.placed.map((p) => p.field)).toEqual(placed);
    expect(result.overflow).toEqual([]);
  });

  it('does not add a code already in the form, and says where it is', () => {
    const result = fillCodes([B, '', ''], 1, [A, B]);
    expect(result.values).toEqual([B, A, '']);
    expect(result.alreadyInForm).toEqual([{ code: B, field: 0 }]);
  });

  it('stops at fifty fields and lists what did not fit', () => {
    const full = new Array<string>(49).fill('x');
    const result = fillCodes(full, 0, [A, B, C]);
    expect(result.values).toHaveLength(50);
    expect(result.values[49]).toBe(A);
    expect(result.overflow).toEqual([B, C]);
  });
});

describe('placeScannedCode', () => {
  it('puts a code into the first empty field and names it 1-based', () => {
    expect(placeScannedCode([A, '', ''], B)).toEqual({ values: [A, B, ''], outcome: { kind: 'added', field: 2 } });
  });
  it('reports a code already in the form as a duplicate with its field', () => {
    expect(placeScannedCode(['', A], A).outcome).toEqual({ kind: 'duplicate', field: 2 });
  });
  it('adds a field when all are filled, until fifty', () => {
    expect(placeScannedCode([A, B], C)).toEqual({ values: [A, B, C], outcome: { kind: 'added', field: 3 } });
    const full = Array.from({ length: 50 }, (_, i) => `filled ${i}`);
    expect(placeScannedCode(full, C).outcome).toEqual({ kind: 'full' });
  });
});
