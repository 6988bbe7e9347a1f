import { PortalClient } from '../../../core/portal/client';
import { PortalError } from '../../../core/portal/errors';
import type { PortalServerRegistration } from '../../../core/portal-api/schemas';
import { DEMO_FREE_SERIALS, DEMO_SERVERS } from '../../../portal-sandbox/seed';
import { useSandboxCores } from '../../support/sandbox-cores';

const registration: PortalServerRegistration = {
  systemName: 'Dallas',
  company: "Misha's Office Supply",
  street: '500 Elm Street',
  city: 'Dallas',
  region: 'TX',
  postalCode: '75201',
  country: 'United States',
  contactName: 'Misha Ivanova',
  contactPhone: '+1 214 555 0199',
  contactEmail: 'misha@office.example',
};

/** The app's own portal client against the sandbox: both sides of Portal API v1.2 agree. */
describe('PortalClient ↔ sandbox portal: servers (v1.2)', () => {
  const { portal } = useSandboxCores({ scope: 'all' });
  let client: PortalClient;
  let token: string | null = null;

  beforeAll(async () => {
    client = new PortalClient({ portalUrl: portal.url, fetch, now: () => new Date(), token: () => token });
    token = (await client.login('demo', 'demo')).token;
  });

  it('looks a serial up, saves, registers, hides and starts an RMA; each write replays with its key', async () => {
    const known = DEMO_FREE_SERIALS.find((s) => s.model === 'Connect 731')!;
    const lookup = await client.lookupSerial(known.serial.toLowerCase());
    expect(lookup).toEqual({ ...known, onDashboard: false });

    const request = { serial: known.serial, mac: lookup.mac, model: lookup.model, siteId: null, registration, action: 'save' as const };
    const saved = await client.writeServer('client-key-0001', 'add', request);
    expect(saved).toMatchObject({ created: true, server: { status: 'saved', mac: known.mac } });
    // In doubt → replayed with the same key: the same answer, no second server.
    expect(await client.writeServer('client-key-0001', 'add', request)).toEqual(saved);

    // Modify with the MAC as a technician types it: the client puts it in the path, the sandbox reads it either way.
    const typedMac = known.mac.match(/.{2}/g)!.join(':');
    const registered = await client.writeServer('client-key-0002', 'modify', {
      ...request,
      mac: typedMac,
      siteId: saved.server.siteId,
      action: 'register',
    });
    expect(registered.server).toMatchObject({ status: 'registered', siteId: saved.server.siteId, registration });

    const hidden = await client.setServerHidden('client-key-0003', typedMac, true);
    expect(hidden.server.hidden).toBe(true);

    const rma = await client.requestRma('client-key-0004', known.mac, { reason: 'Fan noise', replacementMac: '00:0A:DD:AB:CD:EF' });
    expect(rma.server.rma).toMatchObject({ state: 'requested', replacementMac: '000ADDABCDEF', reason: 'Fan noise' });

    // The change feed carries what the client wrote, and the client parses it.
    const page = await client.changes(0, 10_000);
    const last = page.changes.filter((c) => c.entity === 'server' && c.id === known.mac).at(-1);
    expect(last?.data).toEqual(rma.server);
  });

  it("surfaces the portal's refusals with their codes: not_registrable, unknown_serial, duplicate_server", async () => {
    const known24 = DEMO_FREE_SERIALS.find((s) => s.model === '24x')!;
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error('expected a refusal');
        },
        (err: unknown) => {
          expect(err).toBeInstanceOf(PortalError);
          return { kind: (err as PortalError).kind, code: (err as PortalError).code, status: (err as PortalError).status };
        },
      );
    const base = { serial: known24.serial, mac: known24.mac, model: known24.model, siteId: null, registration };
    expect(await refusal(client.writeServer('client-key-0101', 'add', { ...base, action: 'register' }))).toEqual({
      kind: 'rejected',
      code: 'not_registrable',
      status: 422,
    });
    expect(await refusal(client.lookupSerial('NOSUCH-9'))).toMatchObject({ code: 'unknown_serial', status: 404 });
    const demo = DEMO_SERVERS[0]!;
    expect(
      await refusal(
        client.writeServer('client-key-0102', 'add', {
          serial: demo.serial,
          mac: demo.mac,
          model: demo.model,
          siteId: demo.siteId,
          registration,
          action: 'save',
        }),
      ),
    ).toMatchObject({ code: 'duplicate_server', status: 409 });
  });
});
