import { createI18n } from '../../../renderer/src/i18n/i18n';
import { sayMessage } from '../../../renderer/src/i18n/messages';
import { oneSystemSchema } from '../../../renderer/src/pages/systems/add-systems-form';
import type { AddSystemRow } from '../../../core/systems/contract';
import {
  canSend,
  checkOne,
  countReport,
  fileSystems,
  previewFile,
  previewRange,
  rangeSystems,
  reportRows,
} from '../../../renderer/src/pages/systems/add-systems-rules';
import { portalState } from '../../../renderer/src/pages/systems/use-outbox-status';

const added = (mac: string, operationId: number): AddSystemRow => ({ input: mac, mac, status: 'added', message: null, operationId });

describe('Add Systems rules', () => {
  it('one system: the MAC in any format, the name trimmed (it may be empty)', () => {
    expect(checkOne('000a.dd02.3f8f', '  Lincoln  ')).toEqual({
      ok: true,
      systems: [{ mac: '000ADD023F8F', name: 'Lincoln' }],
      macText: '00:0A:DD:02:3F:8F',
    });
    expect(checkOne('023f8f', '')).toMatchObject({ ok: true, systems: [{ mac: '000ADD023F8F', name: '' }] });
    expect(checkOne('', 'x')).toEqual({
      ok: false,
      macError: expect.objectContaining({ code: 'mac.required', message: 'Enter a MAC address.' }),
    });
  });

  it.each([
    ['', '000ADD000003', { state: 'incomplete' }],
    ['000ADD000001', ' ', { state: 'incomplete' }],
  ])('the range preview of %j – %j waits for both ends', (from, to, expected) => {
    expect(previewRange(from, to)).toEqual(expected);
  });

  it('the range preview counts the MACs, ends shown canonical', () => {
    const preview = previewRange('00-0a-dd-00-00-01', '000003');
    expect(preview).toEqual({
      state: 'ok',
      macs: ['000ADD000001', '000ADD000002', '000ADD000003'],
      first: '00:0A:DD:00:00:01',
      last: '00:0A:DD:00:00:03',
    });
  });

  it.each([
    ['000ADD000001', '000ADD000040', /holds 64 MACs; at most 50/],
    ['000ADD000005', '000ADD000001', /comes before From/],
    ['000ADD000001', '001122000001', /one vendor prefix/],
    ['xyz', '000ADD000001', /^From: /],
  ])('the range %s – %s is refused with parseMacRange’s reason', (from, to, reason) => {
    const preview = previewRange(from, to);
    expect(preview.state).toBe('invalid');
    expect(preview.state === 'invalid' ? preview.message : '').toMatch(reason);
  });

  it('a range’s name is numbered by place so the systems can be told apart; one system or no name is left as is', () => {
    expect(rangeSystems(['000ADD000001', '000ADD000002'], ' Depot ')).toEqual([
      { mac: '000ADD000001', name: 'Depot 1' },
      { mac: '000ADD000002', name: 'Depot 2' },
    ]);
    expect(rangeSystems(['000ADD000001'], 'Depot')).toEqual([{ mac: '000ADD000001', name: 'Depot' }]);
    expect(rangeSystems(['000ADD000001', '000ADD000002'], '')).toEqual([
      { mac: '000ADD000001', name: '' },
      { mac: '000ADD000002', name: '' },
    ]);
  });

  it('a file: its good rows are sent; its bad rows stay in the preview and come back into the report at their place', () => {
    const file = previewFile('macs.csv', 'MAC,System Name\n000ADD000001,Depot\nnot-a-mac,Shop\n000ADD000001,Again\n000ADD000002,\n');
    expect(file.problem).toBeNull();
    expect(file.addable).toBe(2);
    expect(fileSystems(file)).toEqual([
      { mac: '000ADD000001', name: 'Depot' },
      { mac: '000ADD000002', name: '' },
    ]);
    const rows = reportRows([added('000ADD000001', 7), { ...added('000ADD000002', 0), status: 'known', operationId: null }], file);
    expect(rows.map((row) => [row.line, row.status, row.operationId])).toEqual([
      [2, 'added', 7],
      [3, 'invalid', null],
      [4, 'invalid', null],
      [5, 'known', null],
    ]);
    expect(rows[2]!.message).toMatchObject({ code: 'macList.repeated', message: '00:0A:DD:00:00:01 is already on line 2.' });
    expect(countReport(rows)).toEqual({ added: 1, renamed: 0, known: 1, invalid: 2 });
  });

  it('a file with a problem of its own (too many MACs, nothing in it) sends nothing', () => {
    const many = Array.from({ length: 51 }, (_, i) => `000ADD${String(i).padStart(6, '0')}`).join('\n');
    const file = previewFile('many.txt', many);
    expect(file.problem?.message).toMatch(/51 MACs; at most 50/);
    expect(fileSystems(file)).toEqual([]);
    expect(previewFile('empty.txt', '\n\n').problem?.code).toBe('macList.empty');
  });

  it('without a file the report is the core’s rows as they are', () => {
    expect(reportRows([added('000ADD000001', 1)], null)).toEqual([{ ...added('000ADD000001', 1), line: null }]);
  });

  it.each([
    [0, false],
    [1, true],
    [50, true],
    [51, false],
  ])('%i systems may be sent: %s', (count, expected) => {
    expect(canSend(Array.from({ length: count }, () => ({ mac: '000ADD000001', name: '' })))).toBe(expected);
  });

  it.each([
    ['added, queued, no news yet', added('A', 1), true, [], 'queued'],
    ['added, sent before the answer', added('A', 1), false, [], 'sent'],
    ['added, the outbox says done', added('A', 1), true, [[1, 'done']], 'sent'],
    ['added, the outbox says in doubt', added('A', 1), true, [[1, 'in_doubt']], 'queued'],
    ['added, the portal refused', added('A', 1), true, [[1, 'needs_attention']], 'refused'],
    ['renamed, queued', { ...added('A', 2), status: 'renamed' }, true, [], 'queued'],
    ['known: nothing queued', { ...added('A', 0), status: 'known', operationId: null }, true, [], 'none'],
    ['invalid: nothing queued', { ...added('A', 0), status: 'invalid', operationId: null }, true, [], 'none'],
  ] as const)('portal state: %s → %s', (_case, row, queued, events, expected) => {
    const states = new Map(events.map(([id, status]) => [id, { status, lastError: null }] as const));
    expect(portalState(row, queued, states)).toBe(expected);
  });
});

describe('the One system form says the MAC rule in the user’s language', () => {
  it('in French, from the refusal’s code and params', () => {
    const i18n = createI18n('fr');
    const schema = oneSystemSchema((message) => sayMessage(i18n.t, message));
    const result = schema.safeParse({ mac: '00:0A:DD:02:3F', name: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'Une adresse MAC compte 12 chiffres hexadécimaux (ou les 6 derniers, après le préfixe fabricant 00:0A:DD)\u202f; celle-ci en compte 10.',
    );
  });
});
