/**
 * The bulk file's rules (issue 12, item 6): a file breaking each rule of BULK_RULES is refused
 * whole with that rule and the row, as .csv and as .xlsx, through the real core (real SQLite).
 */
import { BULK_RULE_IDS, MAX_BULK_FILE_BYTES, MAX_BULK_ROWS } from '../../../core/domain/bulk-rules';
import { translator } from '../../../core/messages/say';
import { makeSyncCore, type SyncTestCore } from '../../support/sync-core';
import { type BulkFormat, codeN, csvOf, fileOf, problemsOf, xlsxOf } from './bulk-fixture';

const MAC_A = '00:0A:DD:01:00:01';
const MAC_B = '000ADD010002';
const HEADER = ['MAC', 'Auth Code', 'System Name'];

let t: SyncTestCore;
beforeEach(() => {
  t = makeSyncCore({ portalUrl: null });
});
afterEach(() => t.close());

const create = async (format: BulkFormat, rows: (string | null)[][], fileName = `order.${format}`) =>
  t.client.invoke('bulk.createFromFile', { fileName, bytes: await fileOf(format, rows) });
const jobCount = () => t.core.db.prepare('SELECT count(*) FROM bulk_jobs').pluck().get();

/** Every rule has a test below (a rule added to BULK_RULES without one fails here). */
const tested = new Set<string>();

describe.each(['csv', 'xlsx'] as const)('a bulk %s file', (format) => {
  it('with good rows becomes a draft: codes canonical, MACs compact, one name per MAC, blank rows skipped', async () => {
    const job = await create(format, [
      ['mac', 'AUTH-CODE', 'system name', 'Notes'],
      [MAC_A, codeN(1).toLowerCase(), 'Front desk', 'ignored'],
      [null, null, null, 'only a note: blank'],
      [MAC_B, codeN(2).replace(/-/g, ''), null, null],
      [MAC_A, codeN(3), null, null],
    ]);
    expect(job).toMatchObject({ name: 'order', state: 'draft', source: 'file', fileName: `order.${format}`, macs: 2 });
    expect(job.progress).toEqual({ total: 3, redeemed: 0, refused: 0, waiting: 3, operations: 2, operationsAnswered: 0 });
    expect(job.rows.map((r) => [r.row, r.mac, r.systemName, r.authCode, r.outcome])).toEqual([
      [2, '000ADD010001', 'Front desk', codeN(1), 'waiting'],
      [4, '000ADD010002', null, codeN(2), 'waiting'],
      [5, '000ADD010001', 'Front desk', codeN(3), 'waiting'],
    ]);
  });

  const rule = (id: (typeof BULK_RULE_IDS)[number], name: string, fn: () => Promise<void>, timeoutMs?: number) => {
    tested.add(id);
    it(
      `breaking ${id} (${name}) is refused with the rule and row; nothing saved`,
      async () => {
        await fn();
        expect(jobCount()).toBe(0);
      },
      timeoutMs,
    );
  };

  rule('file_type', 'not a spreadsheet, a password-protected workbook, another extension', async () => {
    const binary = Buffer.alloc(4096, 0);
    binary.write('%PDF-1.7', 0);
    const junk = await problemsOf(t.client.invoke('bulk.createFromFile', { fileName: `order.${format}`, bytes: binary }));
    expect(junk.problems).toEqual([expect.objectContaining({ rule: 'file_type', row: null })]);
    expect(junk.reason).toBe('not_a_spreadsheet');
    expect(junk.message).toMatch(/"file_type"/);
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
      Buffer.from('EncryptedPackage', 'utf16le'),
    ]);
    const locked = await problemsOf(t.client.invoke('bulk.createFromFile', { fileName: 'order.xlsx', bytes: ole }));
    expect(locked).toMatchObject({ reason: 'password_protected', problems: [{ rule: 'file_type' }] });
    const good = await fileOf(format, [HEADER, [MAC_A, codeN(1), null]]);
    const pdf = await problemsOf(t.client.invoke('bulk.createFromFile', { fileName: 'order.pdf', bytes: good }));
    expect(pdf).toMatchObject({ reason: 'wrong_extension', problems: [{ rule: 'file_type', text: null }] });
  });

  rule('max_size', 'over 5 MB, checked before reading', async () => {
    const good = await fileOf(format, [HEADER, [MAC_A, codeN(1), null]]);
    const big = Buffer.concat([good, Buffer.alloc(MAX_BULK_FILE_BYTES + 1 - good.length, 0x20)]);
    const refused = await problemsOf(t.client.invoke('bulk.createFromFile', { fileName: `order.${format}`, bytes: big }));
    expect(refused).toMatchObject({ reason: 'too_large', problems: [{ rule: 'max_size', row: null }] });
  });

  rule(
    'max_rows',
    'more than 15,000 rows below the header',
    async () => {
      const rows = [HEADER, ...Array.from({ length: MAX_BULK_ROWS + 1 }, (_, i) => [MAC_A, codeN(i), null])];
      const refused = await problemsOf(create(format, rows));
      expect(refused).toMatchObject({ reason: 'too_many_rows', problems: [{ rule: 'max_rows', row: null }] });
      // Exactly 15,000 is allowed.
      const job = await create(format, rows.slice(0, MAX_BULK_ROWS + 1));
      expect(job.progress.total).toBe(MAX_BULK_ROWS);
      t.core.db.prepare('DELETE FROM bulk_jobs').run();
    },
    60_000,
  );

  rule('columns', 'no MAC or no Auth Code header', async () => {
    const refused = await problemsOf(
      create(format, [
        ['Serial', 'Code'],
        [MAC_A, codeN(1)],
      ]),
    );
    expect(refused.reason).toBe('missing_columns');
    expect(refused.problems).toEqual([expect.objectContaining({ rule: 'columns', row: 1 })]);
    expect(refused.problems[0]!.message).toEqual({
      code: 'bulk.file.missingColumns',
      message: 'Row 1 must name the columns MAC and Auth Code; it has "Serial", "Code".',
      params: { found: '"Serial", "Code"' },
    });
    expect(refused.messageCode).toBe('bulk.refused.fileAtRow');
  });

  rule('mac_required', 'a row without a MAC', async () => {
    const refused = await problemsOf(create(format, [HEADER, [MAC_A, codeN(1), null], [null, codeN(2), 'Lobby']]));
    expect(refused.problems).toEqual([
      {
        rule: 'mac_required',
        row: 3,
        column: 'MAC',
        text: null,
        message: { code: 'bulk.problem.macMissing', message: 'The MAC is missing.' },
      },
    ]);
  });

  rule('mac_format', 'a malformed MAC, and two MACs in one cell', async () => {
    const refused = await problemsOf(
      create(format, [HEADER, [MAC_A, codeN(1), null], ['00:0A:DD:ZZ:00:01', codeN(2), null], [`${MAC_A}, ${MAC_B}`, codeN(3), null]]),
    );
    expect(refused.problems).toEqual([
      expect.objectContaining({ rule: 'mac_format', row: 3, column: 'MAC', text: '00:0A:DD:ZZ:00:01' }),
      expect.objectContaining({
        rule: 'mac_format',
        row: 4,
        text: `${MAC_A}, ${MAC_B}`,
        message: { code: 'bulk.problem.severalMacs', message: 'One MAC address per cell: this cell has 2.', params: { count: 2 } },
      }),
    ]);
  });

  it('mac_format: a MAC of 6 hex digits (the last 6 alone: 010003, 01:00:04) is a break, as the rule says 12', async () => {
    const refused = await problemsOf(
      create(format, [HEADER, [MAC_A, codeN(1), null], ['010003', codeN(2), null], ['01:00:04', codeN(3), null]]),
    );
    expect(refused.problems).toEqual([
      expect.objectContaining({
        rule: 'mac_format',
        row: 3,
        column: 'MAC',
        text: '010003',
        message: expect.objectContaining({ code: 'bulk.problem.macLastSix', message: expect.stringMatching(/all 12 hex digits/) }),
      }),
      expect.objectContaining({ rule: 'mac_format', row: 4, column: 'MAC', text: '01:00:04' }),
    ]);
    expect(jobCount()).toBe(0);
  });

  rule('code_required', 'a row without a code', async () => {
    const refused = await problemsOf(create(format, [HEADER, [MAC_A, null, 'Front desk']]));
    expect(refused.problems).toEqual([expect.objectContaining({ rule: 'code_required', row: 2, column: 'Auth Code' })]);
  });

  rule('code_format', 'a malformed code, and two codes in one cell', async () => {
    const long = `${codeN(2)} ${codeN(3)}`;
    const refused = await problemsOf(create(format, [HEADER, [MAC_A, 'BULKAA-00001-CCCCCC-DDDDDD', null], [MAC_A, long, null]]));
    expect(refused.problems).toEqual([
      expect.objectContaining({
        rule: 'code_format',
        row: 2,
        text: 'BULKAA-00001-CCCCCC-DDDDDD',
        message: expect.objectContaining({ message: expect.stringMatching(/Group 2/) }),
      }),
      expect.objectContaining({
        rule: 'code_format',
        row: 3,
        text: long,
        message: expect.objectContaining({
          code: 'bulk.problem.severalCodes',
          message: 'One authorization code per cell: this cell has 2.',
        }),
      }),
    ]);
  });

  rule('code_unique', 'a code twice (later rows name the first)', async () => {
    const refused = await problemsOf(
      create(format, [
        HEADER,
        [MAC_A, codeN(1), null],
        [MAC_B, codeN(2), null],
        [MAC_B, codeN(1).toLowerCase(), null],
        [MAC_A, codeN(1), null],
      ]),
    );
    expect(refused.problems.map((p) => [p.rule, p.row, p.message.message])).toEqual([
      ['code_unique', 4, 'The same code is on row 2: each code may appear once.'],
      ['code_unique', 5, 'The same code is on row 2: each code may appear once.'],
    ]);
    expect(refused.problems[0]!.message).toMatchObject({ code: 'bulk.problem.codeRepeated', params: { row: 2 } });
  });

  rule('code_unused', 'redeemed in the cache, queued in the outbox, or in another job', async () => {
    const at = '2026-11-30T09:00:00.000Z';
    const db = t.core.db;
    db.prepare(`INSERT INTO skus (sku, description, updated_at) VALUES ('8210010', 'Key', ?)`).run(at);
    db.prepare(`INSERT INTO systems (mac, created_at, updated_at) VALUES ('000ADD0F0F0F', ?, ?)`).run(at, at);
    db.prepare(
      `INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) VALUES (?, 'KEY', '8210010', '000ADD0F0F0F', ?, ?)`,
    ).run(codeN(1).replace(/-/g, ''), at, at);
    t.core.outbox.enqueueRedemption({
      portalUrl: 'http://127.0.0.1:9',
      request: { mac: '000ADD0F0F0F', serial: null, systemName: null, authCodes: [codeN(2)] },
      now: new Date(at),
    });
    const other = await create(format, [HEADER, [MAC_B, codeN(3), null]], `other.${format}`);
    const refused = await problemsOf(
      create(format, [HEADER, [MAC_A, codeN(4), null], [MAC_A, codeN(1), null], [MAC_A, codeN(2), null], [MAC_A, codeN(3), null]]),
    );
    expect(refused.problems.map((p) => [p.rule, p.row])).toEqual([
      ['code_unused', 3],
      ['code_unused', 4],
      ['code_unused', 5],
    ]);
    expect(refused.problems.map((p) => p.message)).toEqual([
      expect.objectContaining({ code: 'bulk.used.redeemed', message: expect.stringMatching(/already redeemed/) }),
      expect.objectContaining({ code: 'bulk.used.queued', message: expect.stringMatching(/waiting to be redeemed/) }),
      { code: 'bulk.used.inDraftJob', message: 'This code is in the bulk job "other" (draft).', params: { name: 'other' } },
    ]);
    expect(translator('fr')(refused.problems[2]!.message.code, refused.problems[2]!.message.params)).toBe(
      'Ce code fait partie de la tâche groupée «\u00a0other\u00a0» (brouillon).',
    );
    await t.client.invoke('bulk.delete', { jobId: other.id });
  });

  rule('system_name', 'over 200 characters, or two names for one MAC', async () => {
    const refused = await problemsOf(
      create(format, [
        HEADER,
        [MAC_A, codeN(1), 'Front desk'],
        [MAC_B, codeN(2), 'x'.repeat(201)],
        [MAC_A, codeN(3), null],
        [MAC_A.toLowerCase(), codeN(4), 'Back office'],
      ]),
    );
    expect(refused.problems).toEqual([
      expect.objectContaining({ rule: 'system_name', row: 3, column: 'System Name', text: 'x'.repeat(100) }),
      expect.objectContaining({
        rule: 'system_name',
        row: 5,
        message: expect.objectContaining({
          code: 'bulk.problem.systemNameDiffers',
          message: expect.stringMatching(/named "Front desk" on row 2/),
        }),
      }),
    ]);
  });

  it('lists every break in row order, then the rule order within a row', async () => {
    const refused = await problemsOf(
      create(format, [HEADER, [MAC_A, codeN(1), null], ['bad', 'bad', null], [null, codeN(1), null], [MAC_A, null, null]]),
    );
    expect(refused.problems.map((p) => [p.row, p.rule])).toEqual([
      [3, 'mac_format'],
      [3, 'code_format'],
      [4, 'mac_required'],
      [4, 'code_unique'],
      [5, 'code_required'],
    ]);
    expect(refused.message).toMatch(/5 problems, the first breaking rule "mac_format" on row 3/);
  });
});

describe('bulk files (either format)', () => {
  it('every rule of BULK_RULES has its test above', () => {
    expect([...tested].sort()).toEqual([...BULK_RULE_IDS].sort());
  });

  it('reads a CSV with a byte-order mark, semicolons and quoted fields (a delimiter and a quote inside)', async () => {
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      csvOf(
        [
          ['Auth Code', 'System Name', 'MAC Address'],
          [codeN(1), 'Desk; "A"', MAC_A],
        ],
        ';',
      ),
    ]);
    const job = await t.client.invoke('bulk.createFromFile', { fileName: 'semi.CSV', bytes: csv, name: 'Mine' });
    expect(job).toMatchObject({ name: 'Mine', rows: [{ row: 2, mac: '000ADD010001', systemName: 'Desk; "A"', authCode: codeN(1) }] });
  });

  it('lists at most 1,000 problems, then one saying how many more', async () => {
    const rows = [HEADER, ...Array.from({ length: 1_200 }, (_, i) => [`zz${i}`, codeN(i), null])];
    const refused = await problemsOf(create('csv', rows));
    expect(refused.problems).toHaveLength(1_001);
    expect(refused.problems.at(-1)).toMatchObject({
      rule: 'mac_format',
      row: null,
      message: { code: 'bulk.problem.more', params: { count: 200 }, message: expect.stringMatching(/200 more problems/) },
    });
    expect(refused.message).toMatch(/1,200 problems/);
    const more = refused.problems.at(-1)!.message;
    expect(translator('fr')(more.code, more.params)).toBe('…et 200 autres problèmes non listés\u00a0: corrigez ceux-ci et réessayez.');
  });

  it('reads only the first sheet of a workbook', async () => {
    const xlsx = await xlsxOf([HEADER, [MAC_A, codeN(7), null]]);
    const job = await t.client.invoke('bulk.createFromFile', { fileName: 'two sheets.xlsx', bytes: xlsx });
    expect(job.rows.map((r) => r.authCode)).toEqual([codeN(7)]);
  });
});
