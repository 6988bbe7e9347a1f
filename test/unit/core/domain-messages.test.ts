/**
 * The domain parsers' refusals are catalogued messages: the code and params say, in the
 * catalogue's English, exactly the sentence the parser wrote, and French has its own text.
 */
import { parseAuthCode } from '../../../core/domain/auth-code';
import { parseMac } from '../../../core/domain/mac';
import type { Refusal } from '../../../core/domain/refusal';
import { parseSerial, parseSiteId, registrationProblems } from '../../../core/domain/servers';
import { normalisePortalUrl } from '../../../core/portal/errors';
import { isMessageCode, say, translator } from '../../../core/messages/say';

const refusals: [string, { ok: boolean } | Refusal][] = [
  ['empty MAC', parseMac('')],
  ['MAC with a bad character', parseMac('00:0A:DD:02:3F:8G')],
  ['MAC of 10 digits', parseMac('000ADD023F')],
  ['MAC with misplaced separators', parseMac('000A:DD02:3F8F')],
  ['empty code', parseAuthCode('')],
  ['code with a bad character', parseAuthCode('43XC98-68WTGB-CWMH53-YS4RA!')],
  ['code with a short group', parseAuthCode('43XC9-68WTGB-CWMH53-YS4RA9')],
  ['short code', parseAuthCode('43XC98')],
  ['long code', parseAuthCode('43XC9868WTGBCWMH53YS4RA9AA')],
  ['empty serial', parseSerial('')],
  ['bad serial', parseSerial('a b')],
  ['bad Site/Server ID', parseSiteId('ten')],
  ['portal address', normalisePortalUrl('ftp://portal.example.com')],
  ['portal address with a password', normalisePortalUrl('https://user:pw@portal.example.com')],
];

describe('domain refusals are catalogued', () => {
  it.each(refusals)('%s', (_name, refusal) => {
    expect(refusal.ok).toBe(false);
    const { code, message, params } = refusal as Refusal;
    expect(isMessageCode(code)).toBe(true);
    expect(say(code, params).message).toBe(message);
    const french = translator('fr')(code, params);
    expect(french).not.toBe(message);
    expect(french).not.toMatch(/\{\{|\$t\(/);
  });

  it('registration problems say the field in French from its key', () => {
    const [problem] = registrationProblems({ systemName: 'PBX', company: '' }).filter((p) => p.field === 'company');
    expect(problem).toMatchObject({ code: 'registration.required', params: { label: 'End Customer Company', field: 'company' } });
    expect(say(problem!.code, problem!.params).message).toBe(problem!.message);
    expect(translator('fr')(problem!.code, problem!.params)).toBe(
      'Société du client final est nécessaire à l\u2019enregistrement.'.replace('\u2019', "'"),
    );
  });

  it('French typography: no-break spaces before the colon and inside guillemets', () => {
    const refusal = parseMac('00:0A:DD:02:3F:8G') as Refusal;
    expect(translator('fr')(refusal.code, refusal.params)).toBe(
      "«\u00a0G\u00a0» (caractère 17) n'est pas autorisé\u00a0: une adresse MAC se compose de chiffres hexadécimaux 0–9 et A–F, éventuellement séparés par «\u00a0:\u00a0», «\u00a0-\u00a0» ou «\u00a0.\u00a0».",
    );
  });
});
