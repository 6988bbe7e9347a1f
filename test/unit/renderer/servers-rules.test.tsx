import type { ServerDetails, ServerForm } from '../../../core/servers/contract';
import { emptyRegistration } from '../../../core/domain/servers';
import { canRegister, emptyServerForm, formFromDetails, formProblems } from '../../../renderer/src/pages/servers/server-form-rules';
import {
  filterFromView,
  nextSort,
  paramsFromView,
  viewFromParams,
  type ServersView,
} from '../../../renderer/src/pages/servers/servers-filter';
import { screenFromSegments } from '../../../renderer/src/pages/servers/use-servers-route';
import { pageHref } from '../../../renderer/src/routing/hash-route';

const defaults: ServersView = {
  from: null,
  to: null,
  by: 'all',
  contains: '',
  model: null,
  status: null,
  hidden: false,
  sort: 'addedAt',
  direction: 'desc',
};

describe('Servers filter in the URL', () => {
  it.each([
    ['', defaults],
    ['by=company&q=Acme', { ...defaults, by: 'company', contains: 'Acme' }],
    ['model=Connect+731&status=registered&hidden=1', { ...defaults, model: 'Connect 731', status: 'registered', hidden: true }],
    ['from=2026-11-02&to=2026-11-30', { ...defaults, from: '2026-11-02', to: '2026-11-30' }],
    ['sort=mac', { ...defaults, sort: 'mac', direction: 'asc' }],
    ['sort=company&dir=desc', { ...defaults, sort: 'company', direction: 'desc' }],
    // Anything malformed takes its default, so any link opens a working page.
    ['by=sku&model=99x&status=lost&hidden=yes&sort=price&dir=up&from=2026-02-30', defaults],
  ])('%s', (query, view) => {
    expect(viewFromParams(new URLSearchParams(query))).toEqual(view);
    // And back: the URL of that view names the same view, with the defaults left out.
    expect(viewFromParams(new URLSearchParams(pageHref('servers', [], paramsFromView(view as ServersView)).split('?')[1] ?? ''))).toEqual(
      view,
    );
  });

  it('the default list is a plain #/servers', () => {
    expect(pageHref('servers', [], paramsFromView(defaults))).toBe('#/servers');
  });

  it('the filter sends local days as instants and trims Contains', () => {
    const filter = filterFromView({ ...defaults, from: '2026-11-02', to: '2026-11-30', contains: '  acme ' });
    expect(new Date(filter.from!).getTime()).toBe(new Date(2026, 10, 2).getTime());
    expect(new Date(filter.to!).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(filter.contains).toBe('acme');
  });

  it.each([
    [defaults, 'addedAt', 'addedAt', 'asc'],
    [defaults, 'mac', 'mac', 'asc'],
    [{ ...defaults, sort: 'mac', direction: 'asc' } as ServersView, 'mac', 'mac', 'desc'],
    [{ ...defaults, sort: 'mac', direction: 'desc' } as ServersView, 'status', 'status', 'asc'],
  ] as const)('a click on a header: %o then %s → %s %s', (view, column, sort, direction) => {
    expect(nextSort(view, column)).toMatchObject({ sort, direction });
  });

  it.each([
    [[], { kind: 'list' }],
    [['000ADD023F8F'], { kind: 'details', mac: '000ADD023F8F' }],
    [['000ADD023F8F', 'history'], { kind: 'history', mac: '000ADD023F8F' }],
    [['site', '10020'], { kind: 'site', siteId: '10020' }],
  ])('#/servers/%j is %o', (segments, screen) => {
    expect(screenFromSegments(segments)).toEqual(screen);
  });
});

const complete = {
  systemName: 'Acme 324',
  company: 'Acme Parts',
  street: '1 Main St',
  city: 'Rochester',
  region: 'NY',
  postalCode: '14604',
  country: 'USA',
  contactName: 'Pat Doe',
  contactPhone: '585-555-0100',
  contactEmail: 'pat@acme.example',
};
const connect: ServerForm = { ...emptyServerForm({ serial: 'CX-1001', model: 'Connect 324', mac: '000ADD0A0B0C' }), ...complete };

describe('Add / Register Server form rules', () => {
  it.each([
    ['a complete Connect form registers', connect, 'register', {}],
    ['an empty registration saves', emptyServerForm({ serial: 'SN-1', model: 'Connect 324', mac: '0a0b0c' }), 'save', {}],
    [
      'no model and no MAC',
      emptyServerForm({ serial: 'SN-1' }),
      'save',
      { model: 'Choose the server model.', mac: 'Enter a MAC address.' },
    ],
    ['a malformed MAC', { ...connect, mac: '00:0A:DD:02' }, 'save', { mac: expect.stringMatching(/^A MAC address has 12 hex digits/) }],
    [
      'an existing site not picked',
      { ...connect, site: 'existing', siteId: '' },
      'save',
      { siteId: expect.stringMatching(/^Pick the existing/) },
    ],
    [
      'an existing site that is no number',
      { ...connect, site: 'existing', siteId: 'abc' },
      'save',
      { siteId: 'A Site/Server ID is a number, such as 10020.' },
    ],
    ['Register of a 24x', { ...connect, model: '24x' }, 'register', { model: 'Only Connect servers can be registered; this is a 24x.' }],
    [
      'Register of an incomplete form names each missing field',
      { ...connect, city: ' ', contactEmail: 'pat' },
      'register',
      { city: 'City is needed to register.', contactEmail: 'Contact Email is not an e-mail address.' },
    ],
  ] as const)('%s', (_name, form, action, problems) => {
    expect(formProblems(form as ServerForm, action)).toEqual(problems);
  });

  it.each([
    ['Connect 324', true],
    ['Connect 731', true],
    ['24x', false],
    ['6x', false],
    ['', false],
  ] as const)('Register is offered for %s: %s', (model, offered) => {
    expect(canRegister(model)).toBe(offered);
  });

  it('Modify starts from the server as registered, on its site', () => {
    const details = {
      mac: '000ADD0A0B0C',
      serial: 'CX-1001',
      model: 'Connect 324',
      siteId: '10020',
      registration: { ...emptyRegistration(), ...complete },
    } as ServerDetails;
    expect(formFromDetails(details)).toEqual({ ...connect, site: 'existing', siteId: '10020' });
    expect(formFromDetails({ ...details, siteId: null })).toMatchObject({ site: 'new', siteId: '' });
  });
});
