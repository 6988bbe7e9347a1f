/** Servers and history records as the portal's change feed carries them, for tests. */
import type { ChangesResponse, PortalChange, PortalServer, PortalServerHistoryEntry } from '../../../core/portal-api/schemas';

export const COMPLETE_REGISTRATION = {
  systemName: 'Acme 324',
  company: 'Acme Parts',
  street: '1 Main St',
  city: 'Rochester',
  region: 'NY',
  postalCode: '14604',
  country: 'US',
  contactName: 'Pat Lee',
  contactPhone: '+1 585 555 0100',
  contactEmail: 'pat@acme.example',
};

export const EMPTY_REGISTRATION = {
  systemName: null,
  company: null,
  street: null,
  city: null,
  region: null,
  postalCode: null,
  country: null,
  contactName: null,
  contactPhone: null,
  contactEmail: null,
};

export function portalServer(overrides: Partial<PortalServer> & { mac: string }): PortalServer {
  return {
    serial: `SN-${overrides.mac.slice(6)}`,
    model: 'Connect 324',
    siteId: null,
    status: 'saved',
    hidden: false,
    addedAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    registration: EMPTY_REGISTRATION,
    rma: null,
    ...overrides,
  };
}

export function historyEntry(overrides: Partial<PortalServerHistoryEntry> & { id: string; mac: string }): PortalServerHistoryEntry {
  return {
    siteId: null,
    at: '2026-11-01T10:00:00.000Z',
    action: 'saved',
    status: 'saved',
    model: 'Connect 324',
    registration: EMPTY_REGISTRATION,
    note: null,
    ...overrides,
  };
}

/** A change-feed page of these servers (upserts) and history records, seq from `firstSeq`. */
export function serversPage(
  servers: readonly PortalServer[],
  history: readonly PortalServerHistoryEntry[] = [],
  firstSeq = 1,
  deletions: { entity: 'server' | 'serverHistory'; id: string }[] = [],
): ChangesResponse {
  let seq = firstSeq;
  const changes: PortalChange[] = [
    ...servers.map((data): PortalChange => ({ seq: seq++, entity: 'server', id: data.mac, op: 'upsert', data })),
    ...history.map((data): PortalChange => ({ seq: seq++, entity: 'serverHistory', id: data.id, op: 'upsert', data })),
    ...deletions.map(({ entity, id }): PortalChange => ({ seq: seq++, entity, id, op: 'delete', data: null }) as PortalChange),
  ];
  return { changes, nextCursor: seq - 1, hasMore: false };
}
