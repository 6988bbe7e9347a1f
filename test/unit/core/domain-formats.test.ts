import { compactAuthCode, formatAuthCode, parseAuthCode } from '../../../core/domain/auth-code';
import { formatMac, parseMac } from '../../../core/domain/mac';

const CODE = '43XC98-68WTGB-CWMH53-YS4RA9';

describe('parseAuthCode: accepted forms', () => {
  it.each([
    ['canonical', CODE],
    ['lower case', '43xc98-68wtgb-cwmh53-ys4ra9'],
    ['no dashes', '43XC9868WTGBCWMH53YS4RA9'],
    ['spaces for dashes', '43XC98 68WTGB CWMH53 YS4RA9'],
    ['surrounding spaces', '  43XC98-68WTGB-CWMH53-YS4RA9 \n'],
    ['misplaced dashes', '43XC-9868WT-GBCWMH53YS-4RA9'],
    ['doubled dashes', '43XC98--68WTGB--CWMH53--YS4RA9'],
    ['en dashes from a word processor', '43XC98–68WTGB–CWMH53–YS4RA9'],
    ['mixed case and spaces', '43xC98 68wTGB-cwmh53 ys4RA9'],
    ['full-width characters', '４３ＸＣ９８-68WTGB-CWMH53-YS4RA9'],
    ['tab separated', '43XC98\t68WTGB\tCWMH53\tYS4RA9'],
    ['trailing dash from a scanner', '43XC98-68WTGB-CWMH53-YS4RA9-'],
  ])('%s', (_name, input) => {
    expect(parseAuthCode(input)).toEqual({ ok: true, code: CODE, compact: '43XC9868WTGBCWMH53YS4RA9' });
  });

  it('formats and compacts round trip', () => {
    expect(formatAuthCode(compactAuthCode(CODE))).toBe(CODE);
  });
});

describe('parseAuthCode: malformed input gets a precise message', () => {
  it.each([
    ['', 'Enter an authorization code.'],
    ['   ', 'Enter an authorization code.'],
    ['43XC98-68WTGB-CWMH53-YS4RA', 'Group 4 has 5 characters; each of the four groups has 6 (the code has 23 of 24).'],
    ['43XC98-68WTGB-CWMH53-YS4RA99', 'Group 4 has 7 characters; each of the four groups has 6 (the code has 25 of 24).'],
    ['43XC9-68WTGB-CWMH53-YS4RA9', 'Group 1 has 5 characters; each of the four groups has 6 (the code has 23 of 24).'],
    ['43XC98-68WTG-CWMH53-YS4RA9', 'Group 2 has 5 characters; each of the four groups has 6 (the code has 23 of 24).'],
    ['43XC98-68WTGB-CWMH5-YS4RA9', 'Group 3 has 5 characters; each of the four groups has 6 (the code has 23 of 24).'],
    ['43XC98-68WTGB-CWMH53', 'Too short: an authorization code has 24 letters and digits, this has 18.'],
    ['43XC98-68WTGB-CWMH53-YS4RA9-AAAAAA', 'Too long: an authorization code has 24 letters and digits, this has 30.'],
    ['43XC9868WTGBCWMH53YS4RA', 'Too short: an authorization code has 24 letters and digits, this has 23.'],
    ['43XC9868WTGBCWMH53YS4RA9A', 'Too long: an authorization code has 24 letters and digits, this has 25.'],
    ['A', 'Too short: an authorization code has 24 letters and digits, this has 1.'],
    ['43XC98', 'Too short: an authorization code has 24 letters and digits, this has 6.'],
    ['43XC98-68WTGB', 'Too short: an authorization code has 24 letters and digits, this has 12.'],
    ['$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK', '"$" (character 1) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98-68WTGB-CWMH53-YS4RA&', '"&" (character 24) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98_68WTGB_CWMH53_YS4RA9', '"_" (character 7) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98.68WTGB.CWMH53.YS4RA9', '"." (character 7) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98/68WTGB/CWMH53/YS4RA9', '"/" (character 7) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98-68WTGB-CWMH53-YS4RÄ9', '"Ä" (character 23) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98-68WTGB-CWMH53-YS4RA9!', '"!" (character 25) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['#43XC98-68WTGB-CWMH53-YS4RA9', '"#" (character 1) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98,68WTGB,CWMH53,YS4RA9', '"," (character 7) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['Code: 43XC98-68WTGB-CWMH53-YS4RA9', '":" (character 5) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['"43XC98-68WTGB-CWMH53-YS4RA9"', '""" (character 1) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98-68WTGB-CWMH53-YS4RA9;', '";" (character 25) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98-68WTGB-CWMH53-YS4RA€', '"€" (character 24) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98-68WTGB-CWMH53-YS4R@9', '"@" (character 23) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['43XC98+68WTGB+CWMH53+YS4RA9', '"+" (character 7) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
    ['=43XC98-68WTGB-CWMH53-YS4RA', '"=" (character 1) is not allowed: authorization codes contain only letters A–Z and digits 0–9.'],
  ])('%j', (input, message) => {
    expect(parseAuthCode(input)).toMatchObject({ ok: false, code: expect.stringMatching(/^code\./), message });
  });
});

describe('parseMac: accepted forms', () => {
  it.each([
    ['colons', '00:0A:DD:02:3F:8F', false],
    ['dashes', '00-0A-DD-02-3F-8F', false],
    ['plain', '000ADD023F8F', false],
    ['dotted lower case', '000a.dd02.3f8f', false],
    ['lower case colons', '00:0a:dd:02:3f:8f', false],
    ['surrounding spaces', '  000ADD023F8F  ', false],
    ['last six digits', '023F8F', true],
    ['last six, lower case', '023f8f', true],
    ['last three pairs with colons', '02:3F:8F', true],
    ['last three pairs with dashes', '02-3f-8f', true],
  ])('%s', (_name, input, prefixAdded) => {
    expect(parseMac(input)).toEqual({ ok: true, mac: '000ADD023F8F', display: '00:0A:DD:02:3F:8F', prefixAdded });
  });

  it('keeps another vendor prefix as given', () => {
    expect(parseMac('AA-BB-CC-02-3F-8F')).toMatchObject({ ok: true, mac: 'AABBCC023F8F' });
    expect(formatMac('aabbcc023f8f')).toBe('AA:BB:CC:02:3F:8F');
  });
});

const SEPARATORS = 'The separators are misplaced: write the MAC as 00:0A:DD:02:3F:8F, 00-0A-DD-02-3F-8F, 000ADD023F8F or 000a.dd02.3f8f.';
const badChar = (ch: string, pos: number) =>
  `"${ch}" (character ${pos}) is not allowed: a MAC address has hex digits 0–9 and A–F, optionally separated by : - or .`;
const count = (n: number) => `A MAC address has 12 hex digits (or the last 6, after the vendor prefix 00:0A:DD); this has ${n}.`;

describe('parseMac: malformed input gets a precise message', () => {
  it.each([
    ['', 'Enter a MAC address.'],
    ['  ', 'Enter a MAC address.'],
    ['00:0A:DD:02:3F:8G', badChar('G', 17)],
    ['00:0A:DD:02:3F:8F:', SEPARATORS],
    ['00:0A:DD:02:3F', count(10)],
    ['00:0A:DD:02:3F:8F:11', count(14)],
    ['000ADD023F8', count(11)],
    ['000ADD023F8F0', count(13)],
    ['0ADD023F8F', count(10)],
    ['23F8F', count(5)],
    ['00:0A-DD:02-3F:8F', SEPARATORS],
    ['000A:DD02:3F8F', SEPARATORS],
    ['00.0A.DD.02.3F.8F', SEPARATORS],
    ['000a.dd023f8f', SEPARATORS],
    ['00 0A DD 02 3F 8F', SEPARATORS],
    ['0:0A:DD:02:3F:8F0', SEPARATORS],
    ['00:0A:DD:02:3F:8F/', badChar('/', 18)],
    ['MAC 000ADD023F8F', badChar('M', 1)],
    ['00_0A_DD_02_3F_8F', badChar('_', 3)],
    ['zz:0A:DD:02:3F:8F', badChar('z', 1)],
    ['00;0A;DD;02;3F;8F', badChar(';', 3)],
    ['000ADD023F8O', badChar('O', 12)],
    ['O00ADD023F8F', badChar('O', 1)],
    ['00:0A:DD:02:3F:8Ｇ', badChar('G', 17)],
  ])('%j', (input, message) => {
    expect(parseMac(input)).toMatchObject({ ok: false, code: expect.stringMatching(/^mac\./), message });
  });
});
