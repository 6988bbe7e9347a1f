import { findCodes } from '../../../core/codes/find-codes';

const CODE = '43XC98-68WTGB-CWMH53-YS4RA9';
const OTHER = 'K7PQ2M-ZX81LA-9RTN4E-W3HJ6B';

describe('findCodes: codes in every form', () => {
  it.each([
    ['canonical', CODE, [CODE]],
    ['lower case', '43xc98-68wtgb-cwmh53-ys4ra9', [CODE]],
    ['compact', '43XC9868WTGBCWMH53YS4RA9', [CODE]],
    ['compact, lower case', '43xc9868wtgbcwmh53ys4ra9', [CODE]],
    ['spaces between groups', '43XC98 68WTGB CWMH53 YS4RA9', [CODE]],
    ['two spaces and a tab', '43xc98  68wtgb\tcwmh53 ys4ra9', [CODE]],
    ['non-breaking spaces', '43XC98\u00a068WTGB\u00a0CWMH53\u00a0YS4RA9', [CODE]],
    ['dots', '43xc98.68wtgb.cwmh53.ys4ra9', [CODE]],
    ['underscores', '43XC98_68WTGB_CWMH53_YS4RA9', [CODE]],
    ['spaced dashes', '43XC98 - 68WTGB - CWMH53 - YS4RA9', [CODE]],
    ['en dashes from a word processor', '43XC98–68WTGB–CWMH53–YS4RA9', [CODE]],
    ['two halves', '43XC9868WTGB-CWMH53YS4RA9', [CODE]],
    ['split over a line after a dash', '43XC98-68WTGB-\nCWMH53-YS4RA9', [CODE]],
    ['full-width characters', '４３ＸＣ９８６８ＷＴＧＢＣＷＭＨ５３ＹＳ４ＲＡ９', [CODE]],
    ['in a sentence', 'Your code: 43xc98 68wtgb cwmh53 ys4ra9, thanks', [CODE]],
    ['in a sentence, then a six-letter word', 'Use 43xc98 68wtgb cwmh53 ys4ra9 before friday', [CODE]],
    ['after a six-letter word', 'thanks 43xc98 68wtgb cwmh53 ys4ra9', [CODE]],
    ['with a label and no space', 'Code:43XC9868WTGBCWMH53YS4RA9.', [CODE]],
    ['in brackets and quotes', '("43XC98-68WTGB-CWMH53-YS4RA9")', [CODE]],
    ['after a SKU in one dashed run', 'SKU-8210010-43XC98-68WTGB-CWMH53-YS4RA9', [CODE]],
    ['two codes on two lines', `${CODE}\n${OTHER}`, [CODE, OTHER]],
    ['two compact codes separated by a space', '43XC9868WTGBCWMH53YS4RA9 K7PQ2MZX81LA9RTN4EW3HJ6B', [CODE, OTHER]],
    ['two codes separated by " - "', `${CODE} - ${OTHER}`, [CODE, OTHER]],
    ['two codes separated by a comma', `${CODE.toLowerCase()}, ${OTHER.replace(/-/g, ' ')}`, [CODE, OTHER]],
    ['the same code twice', `${CODE} ${CODE}`, [CODE, CODE]],
    ['a code in a sentence with a MAC and SKU', 'SKU 8210010 for 00:0A:DD:02:3F:8F: 43XC98-68WTGB-CWMH53-YS4RA9 (6x Call Access)', [CODE]],
  ])('%s', (_name, text, expected) => {
    const found = findCodes(text);
    expect(found.codes.map((c) => c.code)).toEqual(expected);
    expect(found.notCodes).toEqual([]);
    for (const code of found.codes) {
      expect(text.slice(code.start, code.end)).toBe(code.text);
      expect(code.compact).toBe(code.code.replace(/-/g, ''));
    }
  });
});

describe('findCodes: nothing to find', () => {
  it.each([
    ['empty', ''],
    ['a SKU', '8210010'],
    ['a SKU with its description', '8210010 - 6x Internet Call Access Key'],
    ['a date', '2026-11-30'],
    ['a US date and time', '10/14/2009 4:55:28 PM'],
    ['a MAC', '00:0A:DD:02:3F:8F'],
    ['a compact MAC', '000ADD023F8F'],
    ['two MACs in groups of six', '000ADD 023F8F 000ADD 023F90'],
    ['two compact MACs', '000ADD023F8F 000ADD023F90'],
    ['a UUID', '652d2f57-6e3b-4170-8bf9-4f1e98c88b56'],
    ['a feature key', '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK'],
    ['a feature key of upper-case letters', 'ABCD-EF12-GH34-IJ56-KL78-MN90'],
    ['a sentence of six-letter words', 'Please redeem before friday'],
    ['a sentence of lower-case six-letter words', 'please redeem before friday'],
    ['a code inside a web address', 'https://portal.example.com/redeem?code=43XC9868WTGBCWMH53YS4RA9'],
    ['a code inside a www address', 'www.example.com/43XC98-68WTGB-CWMH53-YS4RA9'],
    ['a code as an e-mail name', '43xc9868wtgbcwmh53ys4ra9@example.com'],
    ['24 characters inside a longer token', 'X43XC9868WTGBCWMH53YS4RA9Y0000000'],
    ['24 characters after a slash', 'batch/43XC9868WTGBCWMH53YS4RA9'],
    ['24 characters after an equals sign', 'id=43XC9868WTGBCWMH53YS4RA9'],
    ['24 digits (an order number)', '123456789012345678901234'],
    ['a SHA-1 in hex', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['24 hex digits', '0123456789ABCDEF01234567'],
    ['a 24-letter mixed-case word', 'Donaudampfschifffahrtsge'],
    ['a phone number', '+1 214 555 0199'],
    ['a serial number', 'CN731-9061'],
    ['an amount', '1,530.00 EUR'],
  ])('%s', (_name, text) => {
    expect(findCodes(text)).toEqual({ codes: [], notCodes: [] });
  });
});

describe('findCodes: pieces that look like codes but are not, verbatim with the reason', () => {
  it.each([
    ['a group one short', 'Code 43XC98-68WTGB-CWMH53-YS4RA please', '43XC98-68WTGB-CWMH53-YS4RA', /Group 4 has 5 characters/],
    ['a group one long', '43XC98-68WTGB-CWMH53-YS4RA9X', '43XC98-68WTGB-CWMH53-YS4RA9X', /Group 4 has 7 characters/],
    ['23 characters compact', '43XC9868WTGBCWMH53YS4RA', '43XC9868WTGBCWMH53YS4RA', /Too short.*23/],
    ['25 characters compact', '43XC9868WTGBCWMH53YS4RA9Z', '43XC9868WTGBCWMH53YS4RA9Z', /Too long.*25/],
    ['a Cyrillic letter', '43XC98-68WTGB-CWMН53-YS4RA9', '43XC98-68WTGB-CWMН53-YS4RA9', /"Н" \(character 16\) is not allowed/],
    ['a Greek letter in a compact code', '43XC9868WTGBCWMH53YS4RΑ9 ', '43XC9868WTGBCWMH53YS4RΑ9', /"Α" \(character 23\) is not allowed/],
    ['three groups only', 'code 43xc98 68wtgb cwmh53.', '43xc98 68wtgb cwmh53', /Too short/],
    ['three groups and a short one', '43xc98 68wtgb cwmh53 ys4ra', '43xc98 68wtgb cwmh53 ys4ra', /Group 4 has 5/],
    ['five coded groups', '43xc98 68wtgb cwmh53 ys4ra9 a1b2c3', '43xc98 68wtgb cwmh53 ys4ra9 a1b2c3', /5 groups of six/],
    ['three dashed groups', '43XC98-68WTGB-CWMH53', '43XC98-68WTGB-CWMH53', /Too short/],
  ])('%s', (_name, text, piece, reason) => {
    const found = findCodes(text);
    expect(found.codes).toEqual([]);
    expect(found.notCodes).toHaveLength(1);
    expect(found.notCodes[0]!.text).toBe(piece);
    expect(found.notCodes[0]!.message.message).toMatch(reason);
    expect(text.slice(found.notCodes[0]!.start, found.notCodes[0]!.end)).toBe(piece);
  });

  it('cannot tell a six-letter word from a group beside three groups: it takes the four (the portal check then says not_found)', () => {
    expect(findCodes('code 43xc98 68wtgb cwmh53 thanks').codes.map((c) => c.code)).toEqual(['43XC98-68WTGB-CWMH53-THANKS']);
  });

  it('finds the codes and the bad pieces of one cell, each in place', () => {
    const text = `Order 2125469: ${CODE}, 43xc9868wtgbcwmh53ys4ra and ${OTHER.toLowerCase()}.`;
    const found = findCodes(text);
    expect(found.codes.map((c) => [c.code, c.text])).toEqual([
      [CODE, CODE],
      [OTHER, OTHER.toLowerCase()],
    ]);
    expect(found.notCodes.map((p) => p.text)).toEqual(['43xc9868wtgbcwmh53ys4ra']);
  });
});
