import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { ApiClient } from '../../core/api/client';
import { methodContracts, type MethodName } from '../../core/api/contract';
import { ApiError } from '../../core/rpc/errors';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations';
import { createCore, type Core } from '../../core/core';
import { JsonFileSettingsStore } from '../../core/settings/store';
import type { Settings } from '../../core/settings/contract';
import { portalWorkbook } from '../unit/import/portal-workbook';
import { rejectionOf } from './rejection';
import { fieldsOf } from './validation-fields';

export interface ContractHarness {
  client: ApiClient;
  /** Tears down the transport (the core is closed by the suite). */
  teardown(): Promise<void> | void;
}

/** A real core on a temporary data directory, as every transport test starts it. */
export function makeTestCore(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-core-'))): Core {
  return createCore({
    version: '0.0.0-test',
    dataDir,
    host: 'browser',
    // `system` resolves to English whatever the machine's locale: exports and messages stay deterministic.
    systemLocales: ['en-US'],
    settingsStore: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')),
    // No portal in these tests: connectivity stays offline without touching the network.
    portalUrlOverride: null,
  });
}

const expectApiError = (promise: Promise<unknown>) => rejectionOf(promise, ApiError);

/**
 * The one contract suite: every transport must pass it unchanged.
 * `connect` receives a fresh core and returns a client that reaches it through the transport.
 */
export function describeContract(transportName: string, connect: (core: Core) => Promise<ContractHarness> | ContractHarness): void {
  describe(`API contract over ${transportName}`, () => {
    let core: Core;
    let harness: ContractHarness;

    beforeEach(async () => {
      core = makeTestCore();
      harness = await connect(core);
    });
    afterEach(async () => {
      await harness.teardown();
      if (core.db.open) core.close();
    });

    it('app.info reports version, data directory, schema version, portal and online state', async () => {
      const info = await harness.client.invoke('app.info');
      expect(info.version).toBe('0.0.0-test');
      expect(info.dataDir).toBe(path.dirname(core.database.file));
      expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(info.portalUrl).toBeNull();
      expect(info.online).toBe(false);
    });

    it('settings.get returns the defaults on a fresh data directory', async () => {
      const settings = await harness.client.invoke('settings.get');
      expect(settings).toMatchObject({ theme: 'system', language: 'system', portalUrl: null });
    });

    it('settings.set saves a change, returns all settings and announces settings.changed', async () => {
      const changed = new Promise<Settings>((resolve) => {
        const off = harness.client.on('settings.changed', (payload) => {
          off();
          resolve(payload);
        });
      });
      const saved = await harness.client.invoke('settings.set', { patch: { theme: 'dark' } });
      expect(saved.theme).toBe('dark');
      expect((await changed).theme).toBe('dark');
      expect((await harness.client.invoke('settings.get')).theme).toBe('dark');
    });

    it('a wrong argument is refused with a validation error naming the field', async () => {
      const err = await expectApiError(harness.client.invoke('settings.set', { patch: { theme: 'purple' as never } }));
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain('patch.theme');
      expect(err.details).toEqual({ fields: [expect.objectContaining({ field: 'patch.theme' })] });
      expect((await harness.client.invoke('settings.get')).theme).toBe('system');
    });

    it('every method refuses an unknown or a wrong-typed argument with VALIDATION naming its fields in the one shape', async () => {
      const methods = Object.keys(methodContracts) as MethodName[];
      expect(methods.length).toBeGreaterThan(50);
      for (const method of methods) {
        const unknown = await expectApiError(harness.client.invoke(method, { __bogus: 1 } as never));
        expect([method, unknown.code]).toEqual([method, 'VALIDATION']);
        expect([method, fieldsOf(unknown)]).toEqual([
          method,
          expect.arrayContaining([
            { field: '__bogus', code: 'zod.unrecognized_keys', message: expect.any(String), params: { key: '__bogus' } },
          ]),
        ]);
        const wrongType = await expectApiError(harness.client.invoke(method, 42 as never));
        expect([method, wrongType.code]).toEqual([method, 'VALIDATION']);
        expect([method, fieldsOf(wrongType)]).toEqual([
          method,
          [{ field: '(arguments)', code: 'zod.invalid_type', message: expect.any(String), params: { expected: 'object' } }],
        ]);
      }
    });

    it('a handler refusing input names its fields in the same shape, with a stable message code', async () => {
      const CODE = '43XC98-68WTGB-CWMH53-YS4RA9';
      const cases: [MethodName, unknown, string, string][] = [
        ['redeem.submit', { mac: '000ADD0C0FFE', authCodes: ['43XC98-68WTGB'] }, 'authCodes.0', 'code.tooShort'],
        ['redeem.submit', { mac: '000ADD0C0FFE', authCodes: [CODE, CODE.toLowerCase()] }, 'authCodes.1', 'code.duplicate'],
        ['redeem.submit', { mac: '000ADD0C0FFE', authCodes: [CODE] }, 'portalUrl', 'portalUrl.missing'],
        ['redeem.submit', { mac: '00:0A:DD:0G:00:01', authCodes: [CODE] }, 'mac', 'mac.badCharacter'],
        ['servers.save', { form: { serial: 'SN-1', mac: 'zz', model: '6x' }, action: 'save', mode: 'add' }, 'form.mac', 'mac.badCharacter'],
        [
          'servers.save',
          { form: { serial: 'SN-1001', mac: '0C0FFE', model: '6x' }, action: 'save', mode: 'add' },
          'portalUrl',
          'portalUrl.missing',
        ],
        ['servers.get', { mac: '0C0F' }, 'mac', 'mac.wrongLength'],
        ['servers.lookupSerial', { serial: '' }, 'serial', 'serial.required'],
        ['servers.siteHistory', { siteId: 'x' }, 'siteId', 'siteId.invalid'],
        ['servers.initiateRma', { mac: '0C0FFE', reason: '', replacementMac: '0C0FFF' }, 'reason', 'rma.reasonRequired'],
        ['servers.list', { filter: { from: '2026-13-01' } }, 'filter.from', 'date.invalid'],
        ['keys.list', { filter: { from: '2026-11-03', to: '2026-11-01' } }, 'filter.from', 'date.afterEnd'],
        ['keys.list', { filter: {}, after: 'bm90IGpzb24' }, 'after', 'cursor.invalid'],
        ['keys.get', { authCode: 'ABC' }, 'authCode', 'code.tooShort'],
        ['keys.lookup', { mac: '' }, 'mac', 'mac.required'],
        ['keys.exportSystem', { mac: '0C0F', format: 'xlsx' }, 'mac', 'mac.wrongLength'],
        ['systems.get', { mac: '0C0F' }, 'mac', 'mac.wrongLength'],
        ['systems.add', { systems: [{ mac: '0C0FFE', name: 'A' }] }, 'portalUrl', 'portalUrl.missing'],
        ['codes.check', { codes: ['nope'] }, 'codes.0', 'code.tooShort'],
        ['session.login', { username: 'demo', password: 'demo' }, 'portalUrl', 'portalUrl.missing'],
        ['session.login', { portalUrl: 'ftp://portal.example', username: 'demo', password: 'demo' }, 'portalUrl', 'zod.custom'],
      ];
      for (const [method, args, field, code] of cases) {
        // A call that succeeds shows as code 'none' beside its method and arguments.
        const err = await harness.client.invoke(method, args as never).then(
          () => ({ code: 'none' }) as unknown as ApiError,
          (e: unknown) => e as ApiError,
        );
        expect([method, args, err.code]).toEqual([method, args, 'VALIDATION']);
        expect([method, args, fieldsOf(err)]).toEqual([method, args, expect.arrayContaining([expect.objectContaining({ field, code })])]);
      }
    });

    it('a limit broken names the limit: zod.too_big with its maximum', async () => {
      const err = await expectApiError(harness.client.invoke('systems.search', { query: 'x'.repeat(5000) }));
      expect(fieldsOf(err)).toEqual([
        {
          field: 'query',
          code: 'zod.too_big',
          message: expect.any(String),
          params: expect.objectContaining({ origin: 'string', maximum: expect.any(Number) }),
        },
      ]);
    });

    it('an unknown setting is refused by name, not ignored', async () => {
      const err = await expectApiError(harness.client.invoke('settings.set', { patch: { colour: 'red' } as never }));
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain('colour');
    });

    it('a portal address that is not http(s) is refused', async () => {
      const err = await expectApiError(harness.client.invoke('settings.set', { patch: { portalUrl: 'ftp://portal.example' } }));
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain('patch.portalUrl');
    });

    it('session.login refuses a portal address that is not http(s), naming the field, before any network call', async () => {
      const err = await expectApiError(
        harness.client.invoke('session.login', { portalUrl: 'javascript:alert(1)', username: 'demo', password: 'demo' }),
      );
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain('portalUrl');
      expect(err.details).toEqual({ fields: [expect.objectContaining({ field: 'portalUrl' })] });
      const missing = await expectApiError(harness.client.invoke('session.login', { username: 'demo' } as never));
      expect(missing.message).toContain('password');
    });

    it('session.status and sync.status describe a fresh install: logged out, nothing cached', async () => {
      expect(await harness.client.invoke('session.status')).toEqual({
        loggedIn: false,
        username: null,
        partnerName: null,
        portalUrl: null,
      });
      const sync = await harness.client.invoke('sync.status');
      expect(sync).toMatchObject({ running: false, portalUrl: null, cursor: 0, cached: { skus: 0, systems: 0, featureKeys: 0 } });
    });

    it('sync.now without a portal answers with the reason instead of failing', async () => {
      const result = await harness.client.invoke('sync.now');
      expect(result).toMatchObject({ ok: false, applied: 0, state: { lastError: { kind: 'no_portal' } } });
    });

    it('an unknown method is refused with an error naming it', async () => {
      const err = await expectApiError(harness.client.invoke('keys.deleteEverything' as never, {} as never));
      expect(err.code).toBe('UNKNOWN_METHOD');
      expect(err.message).toContain('keys.deleteEverything');
    });

    it('a file crosses as bytes: keys.import reads a real .xlsx sent as a Uint8Array, and a string is refused', async () => {
      const workbook = await portalWorkbook([
        ['Feature Keys'],
        ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed', 'Details'],
        [
          '8210010 - 6x Internet Call Access Key',
          'Allworx Corp.',
          '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
          '8ak4-2PSR-fHmR-K4le-1pWl-1d0R',
          '00:0A:DD:02:3F:8F',
          '10/14/2009 4:55:28 PM',
          'View',
        ],
      ]);
      // A plain Uint8Array (not a Buffer), as the renderer's FileReader gives it.
      const bytes = new Uint8Array(workbook);
      const report = await harness.client.invoke('keys.import', { fileName: 'View Codes.xlsx', bytes });
      expect(report).toMatchObject({ fileName: 'View Codes.xlsx', imported: 1 });
      expect(core.db.prepare('SELECT feature_key FROM feature_keys').pluck().all()).toEqual(['8ak4-2PSR-fHmR-K4le-1pWl-1d0R']);

      const asText = await expectApiError(
        harness.client.invoke('keys.import', { fileName: 'View Codes.xlsx', bytes: workbook.toString('base64') as never }),
      );
      expect(asText.code).toBe('VALIDATION');
      expect(asText.message).toContain('bytes');
    });

    it('every byte value crosses unchanged, in a file beside other arguments', async () => {
      // A CSV whose system name holds every non-ASCII byte a UTF-8 name can: the name comes back as sent.
      const name = 'Café Ünïcødé ☎ 𝄞';
      const csv = new TextEncoder().encode(`MAC,Auth Code,System Name\r\n000ADD010001,43XC98-68WTGB-CWMH53-YS4RA9,${name}\r\n`);
      const job = await harness.client.invoke('bulk.createFromFile', { fileName: 'order.csv', bytes: csv, name: 'Bytes' });
      expect(job).toMatchObject({ name: 'Bytes', fileName: 'order.csv' });
      expect(job.rows.map((row) => row.systemName)).toEqual([name]);
    });

    it('an unexpected failure crosses as a plain error without a stack trace', async () => {
      core.close(); // app.info now fails inside the handler: the database is closed.
      const err = await expectApiError(harness.client.invoke('app.info'));
      expect(err.code).toBe('INTERNAL');
      expect(err.message).not.toMatch(/at .*\.ts:\d+|database connection is not open/);
      expect(JSON.stringify(err.details ?? null)).not.toContain('.ts:');
    });
  });
}
