/**
 * The servers handlers through the real core (real SQLite files), with the cache filled by the
 * real change applier and no portal to answer (signed out): reads, every bad input refused on its
 * field with nothing queued, changes queued with their optimistic rows, and what pulls, answers
 * and dismissals do to a row with changes open.
 */
import ExcelJS from 'exceljs';
import type { ApiError } from '../../../core/rpc/errors';
import type { ServerFormInput } from '../../../core/servers/contract';
import type { ServerOperation } from '../../../core/sync/contract';
import { ChangeApplier } from '../../../core/sync/pull';
import { makeSyncCore, type SyncTestCore } from '../../support/sync-core';
import { fieldsOf } from '../../support/validation-fields';
import { COMPLETE_REGISTRATION, historyEntry, portalServer, serversPage } from './server-fixture';

const PORTAL = 'http://127.0.0.1:9';
const NOW = new Date('2026-11-30T12:00:00.000Z');

const SEED = [
  portalServer({
    mac: '000ADD011111',
    serial: 'SN-324-0001',
    model: 'Connect 324',
    siteId: '10020',
    status: 'registered',
    registration: COMPLETE_REGISTRATION,
    addedAt: '2026-11-05T10:00:00.000Z',
  }),
  portalServer({
    mac: '000ADD022222',
    serial: 'SN-731-0002',
    model: 'Connect 731',
    siteId: '10019',
    status: 'activated',
    registration: { ...COMPLETE_REGISTRATION, systemName: 'Dallas', company: "Misha's Office Supply" },
    addedAt: '2026-11-04T10:00:00.000Z',
  }),
  portalServer({
    mac: '000ADD033333',
    serial: 'SN-731-0003',
    model: 'Connect 731',
    siteId: '10018',
    status: 'activated',
    registration: { ...COMPLETE_REGISTRATION, systemName: null, company: 'Widget Components' },
    addedAt: '2026-11-03T10:00:00.000Z',
  }),
  portalServer({
    mac: '000ADD04444A',
    serial: 'SN-24X-0004',
    model: '24x',
    siteId: '10020',
    status: 'saved',
    registration: { ...COMPLETE_REGISTRATION, systemName: 'Sacramento', company: 'Components, Inc.' },
    addedAt: '2026-11-02T10:00:00.000Z',
  }),
  portalServer({
    mac: '000ADD05555B',
    serial: 'SN-6X-0005',
    model: '6x',
    status: 'saved',
    hidden: true,
    addedAt: '2026-11-01T10:00:00.000Z',
  }),
];

const form = (overrides: Partial<ServerFormInput> = {}): ServerFormInput => ({
  serial: 'SN-NEW-0001',
  mac: '00:0A:DD:0A:BC:DE',
  model: 'Connect 536',
  ...COMPLETE_REGISTRATION,
  site: 'new',
  siteId: '',
  ...overrides,
});

describe('servers handlers (cache, outbox, no portal answering)', () => {
  let app: SyncTestCore;
  let events: { name: string; payload: unknown }[];
  const invoke = <M extends Parameters<SyncTestCore['client']['invoke']>[0]>(method: M, args: unknown) =>
    app.client.invoke(method, args as never);
  const failure = async (method: Parameters<SyncTestCore['client']['invoke']>[0], args: unknown): Promise<ApiError> => {
    try {
      await app.client.invoke(method, args as never);
    } catch (err) {
      return err as ApiError;
    }
    throw new Error(`${method} did not fail`);
  };
  const outboxRows = () => app.core.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  const applier = () => new ChangeApplier(app.core.db);
  const pull = (page: ReturnType<typeof serversPage>, clearCache = false) =>
    applier().applyPage(page, { portalUrl: PORTAL, clearCache, now: NOW });

  beforeEach(() => {
    app = makeSyncCore({ portalUrl: PORTAL, now: () => NOW });
    events = [];
    app.core.events.subscribe((name, payload) => events.push({ name, payload }));
    pull(
      serversPage(SEED, [
        historyEntry({ id: 'h1', mac: '000ADD011111', siteId: '10020', at: '2026-11-05T10:00:00Z', action: 'saved' }),
        historyEntry({
          id: 'h2',
          mac: '000ADD011111',
          siteId: '10020',
          at: '2026-11-06T10:00:00+01:00',
          action: 'registered',
          status: 'registered',
          registration: COMPLETE_REGISTRATION,
        }),
        historyEntry({ id: 'h3', mac: '000ADD04444A', siteId: '10020', at: '2026-11-02T10:00:00Z', model: '24x' }),
      ]),
    );
  });
  afterEach(() => app.close());

  it('lists the shown servers newest first, with the count, and the hidden ones apart', async () => {
    const page = await invoke('servers.list', { filter: {} });
    expect(page.rows.map((r) => r.mac)).toEqual(['000ADD011111', '000ADD022222', '000ADD033333', '000ADD04444A']);
    expect(page.total).toEqual({ count: 4, exact: true });
    expect(page.nextCursor).toBeNull();
    expect(page.rows[0]).toEqual({
      mac: '000ADD011111',
      serial: 'SN-324-0001',
      model: 'Connect 324',
      systemName: 'Acme 324',
      company: 'Acme Parts',
      siteId: '10020',
      status: 'registered',
      hidden: false,
      addedAt: '2026-11-05T10:00:00.000Z',
      rma: null,
      origin: 'portal',
      pending: [],
    });
    const hidden = await invoke('servers.list', { filter: { hidden: true } });
    expect(hidden.rows.map((r) => r.mac)).toEqual(['000ADD05555B']);
  });

  it('get: the registration, the key count, null for an unknown MAC, VALIDATION for a malformed one', async () => {
    const details = await invoke('servers.get', { mac: '01-11-11' });
    expect(details).toMatchObject({ mac: '000ADD011111', registration: COMPLETE_REGISTRATION, keyCount: 0, keysToMove: 0 });
    expect(await invoke('servers.get', { mac: '000ADD999999' })).toBeNull();
    expect((await failure('servers.get', { mac: 'xyz' })).code).toBe('VALIDATION');
  });

  it('save offline (signed out): the row at once as the form says, queued with its reason, shown pending', async () => {
    const result = await invoke('servers.save', { form: form(), action: 'register', mode: 'add' });
    expect(result.queued).toBe(true);
    expect(result.queuedReason?.message).toMatch(/[Ss]ign in/);
    expect(result.server).toMatchObject({
      mac: '000ADD0ABCDE',
      serial: 'SN-NEW-0001',
      model: 'Connect 536',
      status: 'registered',
      origin: 'local',
      siteId: null,
    });
    expect(result.operation).toMatchObject({
      kind: 'server',
      status: 'pending',
      request: {
        action: 'register',
        mode: 'add',
        mac: '000ADD0ABCDE',
        serial: 'SN-NEW-0001',
        model: 'Connect 536',
        siteId: null,
        registration: COMPLETE_REGISTRATION,
      },
    });
    expect(result.server.pending).toEqual([{ operationId: result.operation.id, action: 'register', status: 'pending', lastError: null }]);
    const page = await invoke('servers.list', { filter: { sort: 'mac', direction: 'asc' } });
    expect(page.rows.find((r) => r.mac === '000ADD0ABCDE')?.pending).toHaveLength(1);
    expect(events.some((e) => e.name === 'servers.changed')).toBe(true);
    // Saved incomplete: Saved.
    const saved = await invoke('servers.save', {
      form: form({ serial: 'SN-NEW-0002', mac: '0ABCDF', company: '' }),
      action: 'save',
      mode: 'add',
    });
    expect(saved.server.status).toBe('saved');
  });

  it('every bad input is named on its field (form.<field>, with its message code) and nothing is queued', async () => {
    type Case = [Partial<ServerFormInput>, 'save' | 'register', 'add' | 'modify', string, string, string, RegExp];
    const cases: Case[] = [
      [{ serial: '' }, 'save', 'add', 'VALIDATION', 'serial', 'serial.required', /serial number/],
      [{ serial: 'a b' }, 'save', 'add', 'VALIDATION', 'serial', 'serial.invalid', /4 to 32/],
      [{ mac: '00:0A:DD:0A:BC' }, 'save', 'add', 'VALIDATION', 'mac', 'mac.wrongLength', /12 hex digits/],
      [{ mac: 'zz' }, 'save', 'add', 'VALIDATION', 'mac', 'mac.badCharacter', /not allowed/],
      [{ model: '' }, 'save', 'add', 'VALIDATION', 'model', 'model.required', /model/],
      [{ site: 'existing', siteId: '' }, 'save', 'add', 'VALIDATION', 'siteId', 'siteId.required', /Pick/],
      [{ site: 'existing', siteId: 'abc' }, 'save', 'add', 'VALIDATION', 'siteId', 'siteId.invalid', /number/],
      [{ site: 'existing', siteId: '99999' }, 'save', 'add', 'VALIDATION', 'siteId', 'siteId.unknown', /does not exist/],
      [{ model: '24x' }, 'register', 'add', 'VALIDATION', 'model', 'model.notRegistrable', /Only Connect/],
      [
        { company: ' ', contactEmail: '' },
        'register',
        'add',
        'VALIDATION',
        'company',
        'registration.required',
        /End Customer Company is needed/,
      ],
      [{ contactEmail: 'not-mail' }, 'save', 'add', 'VALIDATION', 'contactEmail', 'registration.notEmail', /not an e-mail/],
      [{ mac: '000ADD011111', serial: 'SN-OTHER' }, 'save', 'add', 'CONFLICT', 'mac', 'server.onDashboard', /already on the dashboard/],
      [{ serial: 'SN-324-0001' }, 'save', 'add', 'CONFLICT', 'serial', 'serial.taken', /already on the dashboard, on 00:0A:DD:01:11:11/],
      [
        { mac: '000ADD011111', serial: 'SN-324-0001', model: 'Connect 324', company: '' },
        'save',
        'modify',
        'VALIDATION',
        'company',
        'registration.mustStayComplete',
        /Registered: its registration must stay complete/,
      ],
      [
        { mac: '000ADD011111', serial: 'SN-324-0001', model: '24x' },
        'save',
        'modify',
        'VALIDATION',
        'model',
        'model.statusStays',
        /stays a Connect 324/,
      ],
      [
        { mac: '000ADD011111', serial: 'SN-731-0002', model: 'Connect 324' },
        'save',
        'modify',
        'VALIDATION',
        'serial',
        'serial.taken',
        /already on the dashboard, on 00:0A:DD:02:22:22/,
      ],
    ];
    for (const [overrides, action, mode, code, field, messageCode, message] of cases) {
      const err = await failure('servers.save', { form: form(overrides), action, mode });
      expect([overrides, err.code]).toEqual([overrides, code]);
      expect([overrides, fieldsOf(err).find((f) => f.field === `form.${field}`)]).toEqual([
        overrides,
        expect.objectContaining({ code: messageCode, message: expect.stringMatching(message) }),
      ]);
    }
    // A malformed MAC names the character at fault, for a translation to fill in.
    const badMac = await failure('servers.save', { form: form({ mac: '00:0A:DD:0G:00:01' }), action: 'save', mode: 'add' });
    expect(fieldsOf(badMac)).toEqual([
      { field: 'form.mac', code: 'mac.badCharacter', message: expect.stringContaining('"G"'), params: { character: 'G', position: 11 } },
    ]);
    // Register with several fields missing names each of them.
    const err = await failure('servers.save', { form: form({ company: '', city: '', contactPhone: '' }), action: 'register', mode: 'add' });
    expect(fieldsOf(err).map((f) => f.field)).toEqual(['form.company', 'form.city', 'form.contactPhone']);
    expect((await failure('servers.save', { form: form({ mac: '000ADD0FFFFF' }), action: 'save', mode: 'modify' })).code).toBe('NOT_FOUND');
    expect(outboxRows()).toBe(0);
    expect(app.core.db.prepare('SELECT count(*) FROM servers').pluck().get()).toBe(SEED.length);
  });

  it('save on an existing site is accepted; modify keeps a registered server registered', async () => {
    const added = await invoke('servers.save', { form: form({ site: 'existing', siteId: '010020' }), action: 'save', mode: 'add' });
    expect(added.server.siteId).toBe('10020');
    const modified = await invoke('servers.save', {
      form: form({
        mac: '000ADD011111',
        serial: 'SN-324-0001',
        model: 'Connect 324',
        systemName: 'Acme HQ',
        site: 'existing',
        siteId: '10020',
      }),
      action: 'save',
      mode: 'modify',
    });
    expect(modified.server).toMatchObject({ status: 'registered', systemName: 'Acme HQ', origin: 'portal' });
    expect(modified.operation.request).toMatchObject({ action: 'save', mode: 'modify' });
  });

  it('hide and show: the row moves between the lists at once; unknown MAC is NOT_FOUND', async () => {
    const hidden = await invoke('servers.setHidden', { mac: '00:0A:DD:02:22:22', hidden: true });
    expect(hidden.server).toMatchObject({ hidden: true, pending: [{ action: 'hide', status: 'pending' }] });
    expect((await invoke('servers.list', { filter: { hidden: true } })).rows.map((r) => r.mac)).toEqual(['000ADD022222', '000ADD05555B']);
    expect((await failure('servers.setHidden', { mac: '000ADD0FFFFF', hidden: true })).code).toBe('NOT_FOUND');
    expect((await failure('servers.setHidden', { mac: 'nope', hidden: true })).code).toBe('VALIDATION');
  });

  it('initiate RMA: refused inputs on their fields, then under RMA at once with its keys to move; a second is CONFLICT', async () => {
    const bad = await failure('servers.initiateRma', { mac: '000ADD011111', reason: ' ', replacementMac: '000ADD011111' });
    expect(bad.code).toBe('VALIDATION');
    expect(fieldsOf(bad).map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'reason', code: 'rma.reasonRequired' },
      { field: 'replacementMac', code: 'rma.sameMac' },
    ]);
    expect((await failure('servers.initiateRma', { mac: '000ADD011111', reason: 'Dead PSU', replacementMac: 'G' })).code).toBe(
      'VALIDATION',
    );
    expect((await failure('servers.initiateRma', { mac: '000ADD0FFFFF', reason: 'Dead PSU', replacementMac: '0AAAAA' })).code).toBe(
      'NOT_FOUND',
    );
    expect(outboxRows()).toBe(0);
    const result = await invoke('servers.initiateRma', { mac: '000ADD011111', reason: 'Dead PSU', replacementMac: '0A:AA:AA' });
    expect(result.server.rma).toEqual({ state: 'requested', replacementMac: '000ADD0AAAAA', reason: 'Dead PSU' });
    expect((await failure('servers.initiateRma', { mac: '000ADD011111', reason: 'Again', replacementMac: '0AAAAB' })).code).toBe(
      'CONFLICT',
    );
    const history = await invoke('servers.history', { mac: '000ADD011111' });
    expect(history.records.map((r) => [r.id, r.action, r.source])).toEqual([
      [`queued-${result.operation.id}`, 'rma_requested', 'queued'],
      ['h2', 'registered', 'portal'],
      ['h1', 'saved', 'portal'],
    ]);
    expect(history.records[1]!.at).toBe('2026-11-06T09:00:00.000Z');
  });

  it('site history: every record with the Site/Server ID and the servers of the site', async () => {
    const site = await invoke('servers.siteHistory', { siteId: '10020' });
    expect(site.records.map((r) => r.id)).toEqual(['h2', 'h1', 'h3']);
    expect(site.servers.map((s) => s.mac)).toEqual(['000ADD011111', '000ADD04444A']);
    expect((await failure('servers.siteHistory', { siteId: 'x' })).code).toBe('VALIDATION');
  });

  it('sites: distinct site IDs with company and server count, matches first', async () => {
    const { sites } = await invoke('servers.sites', { query: 'widget' });
    expect(sites[0]).toEqual({ siteId: '10018', company: 'Widget Components', servers: 1 });
    expect(sites.map((s) => s.siteId).sort()).toEqual(['10018', '10019', '10020']);
    expect(sites.find((s) => s.siteId === '10020')?.servers).toBe(2);
  });

  it('lookupSerial: from the cache, else unchecked while signed out; a malformed one is VALIDATION', async () => {
    expect(await invoke('servers.lookupSerial', { serial: 'sn-731-0002' })).toEqual({
      status: 'known',
      serial: 'SN-731-0002',
      model: 'Connect 731',
      mac: '000ADD022222',
      source: 'cache',
      onDashboard: true,
    });
    expect(await invoke('servers.lookupSerial', { serial: 'SN-UNKNOWN-9' })).toMatchObject({ status: 'unchecked', serial: 'SN-UNKNOWN-9' });
    expect((await failure('servers.lookupSerial', { serial: '!' })).code).toBe('VALIDATION');
  });

  it('a pull under an open change updates the base and keeps the change on top; the answer replaces both', async () => {
    const result = await invoke('servers.setHidden', { mac: '000ADD022222', hidden: true });
    pull(serversPage([portalServer({ ...SEED[1]!, registration: { ...SEED[1]!.registration, systemName: 'Dallas 2' } })], [], 10));
    expect(await invoke('servers.get', { mac: '000ADD022222' })).toMatchObject({ hidden: true, systemName: 'Dallas 2', origin: 'portal' });
    app.core.outbox.recordServerAnswer(result.operation.id, { ...SEED[1]!, hidden: true, systemName: undefined } as never, NOW);
    const after = await invoke('servers.get', { mac: '000ADD022222' });
    expect(after).toMatchObject({ hidden: true, systemName: 'Dallas', pending: [] });
    expect(app.core.db.prepare('SELECT count(*) FROM server_base').pluck().get()).toBe(0);
    expect(app.core.db.prepare('SELECT count(*) FROM outbox_servers').pluck().get()).toBe(0);
  });

  it('dismissing a refused add removes its local row; a refused modify gives way to the portal version', async () => {
    const added = await invoke('servers.save', { form: form(), action: 'save', mode: 'add' });
    const modified = await invoke('servers.save', {
      form: form({ mac: '000ADD022222', serial: 'SN-731-0002', model: 'Connect 731', systemName: 'Dallas draft' }),
      action: 'save',
      mode: 'modify',
    });
    app.core.outbox.markRejected(added.operation.id, 'The serial number SN-NEW-0001 is unknown.', NOW);
    app.core.outbox.markRejected(modified.operation.id, 'Site 10019 is closed.', NOW);
    // Refused: the drafts stay, with the portal's reason on the row.
    expect(await invoke('servers.get', { mac: '000ADD0ABCDE' })).toMatchObject({
      origin: 'local',
      pending: [{ status: 'needs_attention', lastError: 'The serial number SN-NEW-0001 is unknown.' }],
    });
    expect(await invoke('servers.get', { mac: '000ADD022222' })).toMatchObject({ systemName: 'Dallas draft' });
    await invoke('sync.dismiss', { id: added.operation.id });
    await invoke('sync.dismiss', { id: modified.operation.id });
    expect(await invoke('servers.get', { mac: '000ADD0ABCDE' })).toBeNull();
    expect(await invoke('servers.get', { mac: '000ADD022222' })).toMatchObject({ systemName: 'Dallas', pending: [] });
    expect((app.core.outbox.get(added.operation.id) as ServerOperation).status).toBe('dismissed');
    expect(app.core.db.prepare('SELECT count(*) FROM outbox_servers').pluck().get()).toBe(0);
  });

  it('completing a refused add sends it as an add again; while the first add may still land, as a modify', async () => {
    const added = await invoke('servers.save', { form: form({ company: '' }), action: 'save', mode: 'add' });
    const whileOpen = await invoke('servers.save', { form: form(), action: 'save', mode: 'modify' });
    expect(whileOpen.operation.request).toMatchObject({ mode: 'modify' });
    app.core.outbox.markRejected(added.operation.id, 'The portal knows no server with serial number SN-NEW-0001.', NOW);
    app.core.outbox.markRejected(whileOpen.operation.id, 'No server 00:0A:DD:0A:BC:DE on your dashboard.', NOW);
    const retried = await invoke('servers.save', { form: form({ serial: 'SN-NEW-0009' }), action: 'register', mode: 'modify' });
    expect(retried.operation.request).toMatchObject({ mode: 'add', serial: 'SN-NEW-0009' });
    expect(retried.server).toMatchObject({ serial: 'SN-NEW-0009', status: 'registered', origin: 'local' });
    // Once the portal has it, the refused drafts before it no longer lie over its version.
    app.core.outbox.recordServerAnswer(
      retried.operation.id,
      {
        mac: '000ADD0ABCDE',
        serial: 'SN-NEW-0009',
        model: 'Connect 536',
        siteId: '20001',
        status: 'registered',
        hidden: false,
        addedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        registration: COMPLETE_REGISTRATION,
        rma: null,
      },
      NOW,
    );
    expect(await invoke('servers.get', { mac: '000ADD0ABCDE' })).toMatchObject({
      origin: 'portal',
      siteId: '20001',
      company: 'Acme Parts',
      pending: [],
    });
    expect((await invoke('sync.outbox', {})).counts.needsAttention).toBe(2);
    await invoke('sync.dismiss', { id: added.operation.id });
    expect(await invoke('servers.get', { mac: '000ADD0ABCDE' })).toMatchObject({ origin: 'portal', siteId: '20001' });
  });

  it('a full resync clears servers and history but keeps a queued add', async () => {
    await invoke('servers.save', { form: form(), action: 'save', mode: 'add' });
    pull(serversPage([SEED[0]!], [], 1), true);
    const page = await invoke('servers.list', { filter: { sort: 'mac', direction: 'asc' } });
    expect(page.rows.map((r) => [r.mac, r.origin])).toEqual([
      ['000ADD011111', 'portal'],
      ['000ADD0ABCDE', 'local'],
    ]);
    expect(app.core.db.prepare('SELECT count(*) FROM server_history').pluck().get()).toBe(0);
  });

  it('pull deletes: a server and a history record go', async () => {
    pull(
      serversPage([], [], 20, [
        { entity: 'server', id: '000ADD033333' },
        { entity: 'serverHistory', id: 'h3' },
      ]),
    );
    expect(await invoke('servers.get', { mac: '000ADD033333' })).toBeNull();
    expect((await invoke('servers.siteHistory', { siteId: '10020' })).records.map((r) => r.id)).toEqual(['h2', 'h1']);
  });

  it('export with a job id reports its progress, and servers.cancelExport of another job changes nothing', async () => {
    const filter = { sort: 'mac', direction: 'asc' } as const;
    expect(await invoke('servers.cancelExport', { jobId: 'no-such-job-1' })).toEqual({ cancelled: false });
    await invoke('servers.export', { filter, jobId: 'servers-job-1' });
    const progress = events.filter((e) => e.name === 'servers.exportProgress').map((e) => e.payload);
    expect(progress[0]).toEqual({ jobId: 'servers-job-1', rowsWritten: 0, totalRows: 4 });
    expect(progress.at(-1)).toEqual({ jobId: 'servers-job-1', rowsWritten: 4, totalRows: 4 });
  });

  it('export stopped by servers.cancelExport rejects with CANCELLED', async () => {
    const running = invoke('servers.export', { filter: {}, jobId: 'servers-job-2' });
    expect(await invoke('servers.cancelExport', { jobId: 'servers-job-2' })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('export: exactly the listed rows in their order, as a styled workbook with a file name that says the filter', async () => {
    const filter = { sort: 'company', direction: 'asc', model: 'Connect 731' } as const;
    const listed = await invoke('servers.list', { filter });
    const file = await invoke('servers.export', { filter });
    expect(file.fileName).toMatch(/^FieldKey servers Connect 731 \d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    expect(workbook.creator).toBe('FieldKey');
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'MAC Address',
      'Server Model',
      'System Name',
      'End Customer Company',
      'Site/Server ID',
      'Status',
      'Added',
    ]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const macs: string[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) macs.push(String(sheet.getRow(r).getCell(1).value));
    expect(macs).toEqual(listed.rows.map((r) => r.mac.match(/.{2}/g)!.join(':')));
    expect(sheet.getRow(2).getCell(7).value).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(6).value).toBe('Activated');
  });
});
