import type { KeyRow, QuickLookupResult } from '../../../core/keys/contract';
import type { SystemSummary } from '../../../core/systems/contract';
import type { FakeCore } from './fake-core';

type Answer = (args: never) => unknown;

/**
 * Teaches a FakeCore methods it does not answer itself (keys.lookup, search.all, systems.add…),
 * without changing the shared stand-in: calls still pass the real ApiServer's validation first
 * and are recorded; the methods not given here keep the stand-in's answers.
 */
export function answerWith(core: FakeCore, answers: Record<string, Answer>): void {
  const target = core as unknown as { answer(method: string, args: unknown): Promise<unknown> };
  const fallback = target.answer.bind(core);
  target.answer = async (method, args) => {
    const answer = answers[method];
    return answer ? (answer as (args: unknown) => unknown)(args) : fallback(method, args);
  };
}

export const LINCOLN: SystemSummary = {
  mac: '000ADD023F8F',
  serial: 'SN-1001',
  name: 'Lincoln Elementary',
  customer: 'Lincoln School District',
  keyCount: 3,
};

export function keyRow(overrides: Partial<KeyRow> = {}): KeyRow {
  return {
    authCode: '43XC98-68WTGB-CWMH53-YS4RA9',
    featureKey: '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
    sku: '8210010',
    skuDescription: '8210010 - 6x Internet Call Access Key',
    distributor: 'Northwind Telecom Supply',
    mac: LINCOLN.mac,
    systemName: LINCOLN.name,
    customer: LINCOLN.customer,
    redeemedAt: '2026-11-02T10:00:00.000Z',
    origin: 'portal',
    ...overrides,
  };
}

/** Lincoln Elementary with three keys of two SKUs. */
export function lincolnLookup(overrides: Partial<QuickLookupResult> = {}): QuickLookupResult {
  return {
    system: LINCOLN,
    keys: [
      keyRow(),
      keyRow({ authCode: '2ZJCZN-2HEYV7-V3YJN8-5MSTGG', featureKey: '8ak4-2PSR-fHmR-K4le-1pWl-1d0R' }),
      keyRow({
        authCode: '2ETTZ5-61DA9F-V5KUJZ-3QC9R6',
        featureKey: 'Fn&P-$sqS-D93i-RQe7-BB2g-s&DE',
        sku: '8210027',
        skuDescription: '8210027 - 6x User Upgrade 31-60 Users',
      }),
    ],
    inventory: [
      { sku: '8210010', description: '8210010 - 6x Internet Call Access Key', count: 2 },
      { sku: '8210027', description: '8210027 - 6x User Upgrade 31-60 Users', count: 1 },
    ],
    totalFeatures: 3,
    serialWarning: null,
    ...overrides,
  };
}

export const UNKNOWN_LOOKUP: QuickLookupResult = { system: null, keys: [], inventory: [], totalFeatures: 0, serialWarning: null };
