/**
 * The dashboard's status rules (core/domain/servers.ts), table-driven: every model × current
 * status × event, then the registration, serial and Site/Server ID rules.
 */
import {
  CONNECT_MODELS,
  isRegistrable,
  registrationProblems,
  parseSerial,
  parseSiteId,
  SERVER_MODELS,
  SERVER_STATUSES,
  statusAfter,
  statusRank,
  type ServerEvent,
  type ServerModel,
  type ServerStatus,
} from '../../../core/domain/servers';

const EVENTS: ServerEvent[] = [
  { kind: 'save', complete: false },
  { kind: 'save', complete: true },
  { kind: 'register', complete: false },
  { kind: 'register', complete: true },
  { kind: 'activate' },
  { kind: 'rmaReplacement', complete: false },
  { kind: 'rmaReplacement', complete: true },
];
const CURRENT: (ServerStatus | null)[] = [null, ...SERVER_STATUSES];
const label = (event: ServerEvent) => ('complete' in event ? `${event.kind}(${event.complete ? 'complete' : 'incomplete'})` : event.kind);

/**
 * What the seed's Server Status table says, written out per event: the status after, or the
 * reason it is refused.
 */
const CONNECT: Record<string, Record<string, ServerStatus | string>> = {
  'save(incomplete)': { none: 'saved', saved: 'saved', registered: 'backwards', activated: 'backwards' },
  'save(complete)': { none: 'saved', saved: 'saved', registered: 'registered', activated: 'activated' },
  'register(incomplete)': { none: 'incomplete', saved: 'incomplete', registered: 'incomplete', activated: 'incomplete' },
  'register(complete)': { none: 'registered', saved: 'registered', registered: 'registered', activated: 'activated' },
  activate: { none: 'not_registered', saved: 'not_registered', registered: 'activated', activated: 'activated' },
  'rmaReplacement(incomplete)': { none: 'saved', saved: 'saved', registered: 'saved', activated: 'saved' },
  'rmaReplacement(complete)': { none: 'registered', saved: 'registered', registered: 'registered', activated: 'registered' },
};
/** 6x, 6x12, 24x, 48x: always Saved; register and activate refused. */
const OTHER: Record<string, ServerStatus | string> = {
  'save(incomplete)': 'saved',
  'save(complete)': 'saved',
  'register(incomplete)': 'not_registrable',
  'register(complete)': 'not_registrable',
  activate: 'not_registrable',
  'rmaReplacement(incomplete)': 'saved',
  'rmaReplacement(complete)': 'saved',
};

const cases = SERVER_MODELS.flatMap((model) =>
  CURRENT.flatMap((current) =>
    EVENTS.map((event) => {
      const expected = isRegistrable(model) ? CONNECT[label(event)]![current ?? 'none']! : OTHER[label(event)]!;
      return { model, current, event, expected, name: `${model} ${current ?? '(new)'} + ${label(event)} → ${expected}` };
    }),
  ),
);

describe('statusAfter: every model × status × event', () => {
  it.each(cases)('$name', ({ model, current, event, expected }) => {
    const ruling = statusAfter(model, current, event);
    if ((SERVER_STATUSES as readonly string[]).includes(expected)) expect(ruling).toEqual({ ok: true, status: expected });
    else expect(ruling).toMatchObject({ ok: false, reason: expected, message: expect.any(String) });
  });

  it('covers all 7 models, 4 starting points and 7 events', () => {
    expect(cases).toHaveLength(7 * 4 * 7);
  });

  it('never moves a Connect server backwards except through an RMA', () => {
    for (const model of CONNECT_MODELS) {
      for (const current of SERVER_STATUSES) {
        for (const event of EVENTS.filter((e) => e.kind !== 'rmaReplacement')) {
          const ruling = statusAfter(model, current, event);
          if (ruling.ok)
            expect([model, current, label(event), statusRank(ruling.status) >= statusRank(current)]).toEqual([
              model,
              current,
              label(event),
              true,
            ]);
        }
      }
    }
  });

  it('only Saved for the models that cannot be registered, whatever happens', () => {
    for (const model of SERVER_MODELS.filter((m) => !isRegistrable(m))) {
      for (const event of EVENTS) {
        const ruling = statusAfter(model as ServerModel, 'saved', event);
        expect(ruling.ok ? ruling.status : ruling.reason).toBe(ruling.ok ? 'saved' : 'not_registrable');
      }
    }
  });

  it('says why in a sentence naming the model or the status', () => {
    expect(statusAfter('24x', null, { kind: 'register', complete: true })).toMatchObject({
      message: 'Only Connect servers can be registered; this is a 24x.',
    });
    expect(statusAfter('Connect 731', 'registered', { kind: 'save', complete: false })).toMatchObject({
      message: 'This server is Registered: its registration must stay complete.',
    });
  });
});

describe('registration, serial and Site/Server ID rules', () => {
  const complete = {
    systemName: 'Acme',
    company: 'Acme Parts',
    street: '1 Main St',
    city: 'Rochester',
    region: 'NY',
    postalCode: '14604',
    country: 'US',
    contactName: 'Pat',
    contactPhone: '555',
    contactEmail: 'pat@acme.example',
  };

  it.each([
    [{}, ['systemName', 'company', 'street', 'city', 'region', 'postalCode', 'country', 'contactName', 'contactPhone', 'contactEmail']],
    [complete, []],
    [{ ...complete, company: '   ' }, ['company']],
    [{ ...complete, city: null }, ['city']],
    [{ ...complete, contactEmail: 'pat at acme' }, ['contactEmail']],
  ])('registrationProblems(%o) names %o', (fields, expected) => {
    expect(registrationProblems(fields).map((p) => p.field)).toEqual(expected);
  });

  it('names the field by its label', () => {
    expect(registrationProblems({ ...complete, company: '' })).toEqual([
      {
        field: 'company',
        code: 'registration.required',
        message: 'End Customer Company is needed to register.',
        params: { label: 'End Customer Company', field: 'company' },
      },
    ]);
  });

  it.each([
    [' sn-324-0001 ', { ok: true, serial: 'SN-324-0001' }],
    ['ABCD', { ok: true, serial: 'ABCD' }],
    ['', { ok: false }],
    ['ABC', { ok: false }],
    ['SN 0001', { ok: false }],
    ['X'.repeat(33), { ok: false }],
  ])('parseSerial(%j)', (input, expected) => {
    expect(parseSerial(input)).toMatchObject(expected);
  });

  it.each([
    ['10020', { ok: true, siteId: '10020' }],
    [' 0010020 ', { ok: true, siteId: '10020' }],
    ['', { ok: false }],
    ['10-20', { ok: false }],
    ['12345678901', { ok: false }],
  ])('parseSiteId(%j)', (input, expected) => {
    expect(parseSiteId(input)).toMatchObject(expected);
  });
});
