/**
 * codes.check through the real core against the real sandbox portal over 127.0.0.1: the demo
 * seed's unredeemed codes imported from a sheet without SKUs, then filled by the batch look-up
 * (SKU, description, status; a code redeemed meanwhile by someone else with its MAC; a code the
 * portal does not know); offline or signed out they stay unchecked; after a sync they are checked
 * by themselves.
 */
import { randomUUID } from 'node:crypto';
import { translator } from '../../../core/messages/say';
import type { CodeCheckResult, CodeImportDraft, CodePage } from '../../../core/codes/contract';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';
import type { SyncTestCore } from '../../support/sync-core';
import { codesOnlyWorkbook } from './codes-fixture';

/** A well-formed code the sandbox does not know. */
const UNKNOWN = 'ZZ9ZZ9-ZZ9ZZ9-ZZ9ZZ9-ZZ9ZZ9';
const OTHER_MAC = '000ADD7E0042';

describe('codes.check against the sandbox portal', () => {
  const { portal, core, signedInCore } = useSandboxCores();
  let codes: { code: string; sku: string }[];

  const app = async (login: boolean) => {
    if (!login) return core();
    const made = await signedInCore();
    await made.core.codes.idle();
    return made;
  };
  const importCodes = async (made: SyncTestCore, list: string[]) => {
    const bytes = await codesOnlyWorkbook(list);
    const draft = (await made.core.server.dispatch('codes.previewImport', {
      fileName: 'codes.xlsx',
      bytes: bytes,
    })) as CodeImportDraft;
    await made.core.server.dispatch('codes.confirmImport', { draftId: draft.draftId });
  };
  const rows = async (made: SyncTestCore) =>
    ((await made.core.server.dispatch('codes.list', { filter: { sort: 'code', direction: 'asc' }, limit: 500 })) as CodePage).rows;
  const check = (made: SyncTestCore, args: Record<string, unknown> = {}) =>
    made.core.server.dispatch('codes.check', args) as Promise<CodeCheckResult>;

  beforeEach(async () => {
    codes = (await unredeemedCodes(portal)).slice(0, 6);
    expect(codes).toHaveLength(6);
  });

  it('fills SKU, description and status; a code redeemed elsewhere is redeemed with its MAC; an unknown one is unknown', async () => {
    const made = await app(true);
    // Another technician redeems one of them on the portal; this FieldKey has not synced since.
    const token = await portal.login();
    const redeemed = await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: randomUUID(),
      body: { mac: OTHER_MAC, authCodes: [codes[0]!.code] },
    });
    expect(redeemed.status).toBe(200);
    await importCodes(made, [...codes.map((c) => c.code), UNKNOWN]);
    expect((await rows(made)).every((r) => r.status === 'unchecked' && r.sku === null)).toBe(true);

    const result = await check(made);
    expect(result).toEqual({ checked: 7, available: 5, redeemed: 1, unknown: 1, unchecked: 0, reason: null, message: null });
    const byCode = new Map((await rows(made)).map((r) => [r.code, r]));
    for (const { code, sku } of codes.slice(1)) {
      expect(byCode.get(code)).toMatchObject({ status: 'available', sku, redeemedMac: null });
      expect(byCode.get(code)!.description).toMatch(new RegExp(`^${sku}`));
      expect(byCode.get(code)!.lastCheckedAt).toMatch(/Z$/);
    }
    expect(byCode.get(codes[0]!.code)).toMatchObject({ status: 'redeemed', sku: codes[0]!.sku, redeemedMac: OTHER_MAC });
    expect(byCode.get(codes[0]!.code)!.redeemedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(byCode.get(UNKNOWN)).toMatchObject({ status: 'unknown', sku: null });
    const balance = (await made.core.server.dispatch('codes.balance', {})) as { total: number };
    expect(balance.total).toBe(5);

    // The next sync brings the key into the cache: the inventory row agrees (and stays redeemed).
    expect((await made.client.invoke('sync.now')).ok).toBe(true);
    await made.core.codes.idle();
    expect((await rows(made)).find((r) => r.code === codes[0]!.code)).toMatchObject({ status: 'redeemed', redeemedMac: OTHER_MAC });
  });

  it('checks only the codes given (any form); VALIDATION for a malformed one', async () => {
    const made = await app(true);
    await importCodes(
      made,
      codes.map((c) => c.code),
    );
    const result = await check(made, { codes: [codes[1]!.code.toLowerCase().replace(/-/g, '')] });
    expect(result).toMatchObject({ checked: 1, available: 1, unchecked: 5 });
    await expect(check(made, { codes: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('offline or signed out: the codes stay unchecked and the result says why', async () => {
    const signedOut = await app(false);
    await importCodes(
      signedOut,
      codes.map((c) => c.code),
    );
    const notSignedIn = await check(signedOut);
    expect(notSignedIn).toMatchObject({ checked: 0, unchecked: 6, reason: 'signed_out' });
    expect(notSignedIn.message).toMatchObject({
      code: 'codes.check.signedOut',
      message: expect.stringMatching(/^Not checked: sign in to the portal/),
    });

    const made = await app(true);
    await importCodes(
      made,
      codes.map((c) => c.code),
    );
    await portal.close();
    const offline = await check(made);
    expect(offline).toMatchObject({ checked: 0, unchecked: 6, reason: 'offline' });
    expect(offline.message).toEqual({
      code: 'codes.check.offline',
      message: 'Not checked: the portal cannot be reached. The codes stay unchecked and are checked after the next sync.',
    });
    expect(translator('fr')(offline.message!.code)).toBe(
      'Non vérifiés\u00a0: le portail est injoignable. Les codes restent non vérifiés et seront vérifiés après la prochaine synchronisation.',
    );
    expect((await rows(made)).every((r) => r.status === 'unchecked' && r.lastCheckedAt === null)).toBe(true);
  });

  it('a code redeemed from this FieldKey is redeemed in the inventory with the answer (codes.changed)', async () => {
    const made = await app(true);
    await importCodes(
      made,
      codes.map((c) => c.code),
    );
    const events: string[] = [];
    made.core.events.subscribe((name, payload) => {
      if (name === 'codes.changed') events.push((payload as { reason: string }).reason);
    });
    const submitted = await made.client.invoke('redeem.submit', { mac: OTHER_MAC, authCodes: [codes[2]!.code] });
    expect(submitted.queued).toBe(false);
    const row = (await rows(made)).find((r) => r.code === codes[2]!.code);
    expect(row).toMatchObject({ status: 'redeemed', redeemedMac: OTHER_MAC });
    const balance = (await made.core.server.dispatch('codes.balance', {})) as { total: number };
    expect(balance.total).toBe(5);
    expect(events).toContain('redemption');
  });

  it('a successful sync checks the unchecked codes by itself', async () => {
    const made = await app(true);
    await importCodes(
      made,
      codes.map((c) => c.code),
    );
    const events: string[] = [];
    made.core.events.subscribe((name, payload) => {
      if (name === 'codes.changed') events.push((payload as { reason: string }).reason);
    });
    expect((await made.client.invoke('sync.now')).ok).toBe(true);
    await made.core.codes.idle();
    expect((await rows(made)).map((r) => r.status)).toEqual(Array(6).fill('available'));
    expect(events).toContain('check');
  });
});
