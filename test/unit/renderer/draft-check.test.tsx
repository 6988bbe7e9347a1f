import {
  checkCodes,
  checkDraft,
  codeProblemShows,
  fieldErrorsFromCore,
  problemsInFormOrder,
  type CodeCheck,
  type DraftCheck,
} from '../../../renderer/src/pages/redeem/draft-check';

const A = '43XC98-68WTGB-CWMH53-YS4RA9';
const B = '2ZJCZN-2HEYV7-V3YJN8-5MSTGG';
const SHORT = '43XC98-68WTGB-CWMH5';
const TOO_SHORT = 'Too short: an authorization code has 24 letters and digits, this has 17.';

const draft = (mac: string, codes: string[], serial = '', systemName = '') => ({ mac, serial, systemName, codes });

describe('checkCodes: each Auth Code field', () => {
  it.each<[string, string[], CodeCheck[]]>([
    ['empty and blank fields are empty', ['', '   '], [{ kind: 'empty' }, { kind: 'empty' }]],
    ['a code in any spelling is valid, canonical', [A.toLowerCase().replace(/-/g, ' ')], [{ kind: 'valid', code: A }]],
    [
      'half a code says precisely what is wrong',
      [SHORT],
      [{ kind: 'invalid', message: expect.objectContaining({ code: 'code.tooShort', message: TOO_SHORT }) }],
    ],
    [
      'a repeat points at the first field with the code, however it is spelt',
      ['', A, B, A.toLowerCase()],
      [{ kind: 'empty' }, { kind: 'valid', code: A }, { kind: 'valid', code: B }, { kind: 'duplicate', code: A, sameAs: 1 }],
    ],
    [
      'a third copy still points at the first',
      [A, A, A],
      [
        { kind: 'valid', code: A },
        { kind: 'duplicate', code: A, sameAs: 0 },
        { kind: 'duplicate', code: A, sameAs: 0 },
      ],
    ],
  ])('%s', (_case, codes, expected) => {
    expect(checkCodes(codes)).toEqual(expected);
  });
});

describe('checkDraft: whether the draft can be sent, and what is sent', () => {
  it.each<[string, ReturnType<typeof draft>, Partial<DraftCheck>]>([
    [
      'nothing entered: the MAC is asked for first, and no code is noted',
      draft('', ['', '']),
      {
        macError: expect.objectContaining({ code: 'mac.required', message: 'Enter a MAC address.' }),
        noCodes: true,
        filled: [],
        firstProblem: { field: 'mac' },
        submission: null,
      },
    ],
    [
      'a valid MAC but no code: the first code field',
      draft('023F8F', ['', '']),
      { macError: null, noCodes: true, firstProblem: { field: 'code', index: 0 }, submission: null },
    ],
    [
      'a bad MAC comes before a bad code',
      draft('00:0A:DD:02:3F', [SHORT]),
      { noCodes: false, filled: [0], firstProblem: { field: 'mac' }, submission: null },
    ],
    [
      'the first bad code, not the first field',
      draft('023F8F', [A, '', SHORT, A]),
      { filled: [0, 2, 3], firstProblem: { field: 'code', index: 2 }, submission: null },
    ],
    ['a repeated code stops the redemption', draft('023F8F', [A, A]), { firstProblem: { field: 'code', index: 1 }, submission: null }],
    [
      'sent: the MAC compact, the filled codes canonical in order with their fields, empty optional fields left out',
      draft('000a.dd02.3f8f', [A.toLowerCase(), '', B], '  ', ' '),
      {
        macError: null,
        firstProblem: null,
        submission: { request: { mac: '000ADD023F8F', authCodes: [A, B] }, codeFields: [0, 2] },
      },
    ],
    [
      'sent: serial and system name trimmed',
      draft('023F8F', [B], ' SN-1 ', ' Lincoln '),
      { submission: { request: { mac: '000ADD023F8F', serial: 'SN-1', systemName: 'Lincoln', authCodes: [B] }, codeFields: [0] } },
    ],
  ])('%s', (_case, input, expected) => {
    expect(checkDraft(input)).toMatchObject(expected);
  });

  it('says the MAC problem precisely', () => {
    expect(checkDraft(draft('00:0A:DD:02:3F', [A])).macError?.message).toMatch(/12 hex digits .* this has 10/);
  });
});

describe('codeProblemShows: a bad code once the field is checked, a repeat at once', () => {
  it.each<[CodeCheck, boolean, boolean]>([
    [{ kind: 'invalid', message: { code: 'code.tooShort', message: TOO_SHORT } }, false, false],
    [{ kind: 'invalid', message: { code: 'code.tooShort', message: TOO_SHORT } }, true, true],
    [{ kind: 'duplicate', code: A, sameAs: 0 }, false, true],
    [{ kind: 'valid', code: A }, true, false],
    [{ kind: 'empty' }, true, false],
  ])('%o, checked %s → %s', (check, checked, shows) => {
    expect(codeProblemShows(check, checked)).toBe(shows);
  });
});

describe('fieldErrorsFromCore: the core names the codes it was sent, the form shows them on their fields', () => {
  it.each<[string, Record<string, string>, number[], ReturnType<typeof fieldErrorsFromCore>]>([
    ['authCodes.1 is the second code sent', { 'authCodes.1': 'refused' }, [0, 3], { codes: { 3: 'refused' } }],
    [
      'mac, serial and system name keep their names',
      { mac: 'm', serial: 's', systemName: 'n' },
      [0],
      { mac: 'm', serial: 's', systemName: 'n', codes: {} },
    ],
    [
      'a code index that was not sent, or a field the form lacks, is left out',
      { 'authCodes.5': 'x', authCodes: 'y', other: 'z' },
      [0],
      { codes: {} },
    ],
  ])('%s', (_case, byField, codeFields, expected) => {
    expect(fieldErrorsFromCore(byField, codeFields)).toEqual(expected);
  });
});

describe('problemsInFormOrder: what the summary above the form lists', () => {
  it.each<[string, Parameters<typeof problemsInFormOrder>[0], ReturnType<typeof problemsInFormOrder>]>([
    ['nothing wrong: nothing listed', { codes: [null, null] }, []],
    [
      'the fields in the order of the form: serial, MAC, system name, then each code',
      {
        systemName: 'Too long',
        mac: 'Enter a MAC address.',
        serial: 'Refused',
        codes: [null, 'Too short', null, 'Same code as Auth Code 2'],
      },
      [
        { field: 'serial', message: 'Refused' },
        { field: 'mac', message: 'Enter a MAC address.' },
        { field: 'systemName', message: 'Too long' },
        { field: 'code', index: 1, message: 'Too short' },
        { field: 'code', index: 3, message: 'Same code as Auth Code 2' },
      ],
    ],
    [
      'an empty message is no problem',
      { mac: '', serial: null, codes: ['', 'Unknown code'] },
      [{ field: 'code', index: 1, message: 'Unknown code' }],
    ],
  ])('%s', (_name, errors, expected) => {
    expect(problemsInFormOrder(errors)).toEqual(expected);
  });
});
