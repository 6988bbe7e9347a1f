import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../core/db/database';
import type { ChangesResponse } from '../../../core/portal-api/schemas';
import { ChangeApplier } from '../../../core/sync/pull';

const NOW = new Date('2026-11-23T12:00:00Z');
const page = (mac: string, seq: number): ChangesResponse => ({
  changes: [
    { seq, entity: 'system', id: mac, op: 'upsert', data: { mac, serial: null, name: 'Office', customer: null } },
    {
      seq: seq + 1,
      entity: 'featureKey',
      id: 'AAAAAA-BBBBBB-CCCCCC-DDDDDD',
      op: 'upsert',
      data: {
        authCode: 'AAAAAA-BBBBBB-CCCCCC-DDDDDD',
        featureKey: '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
        sku: '8210010',
        skuDescription: '8210010 - 6x Internet Call Access Key',
        distributor: null,
        mac,
        redeemedAt: '2026-01-01T00:00:00Z',
      },
    },
  ],
  nextCursor: seq + 1,
  hasMore: false,
});

describe('ChangeApplier', () => {
  const open = () => openDatabase({ file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-apply-')), 'fieldkey.db') }).db;

  it('stores auth codes compact and feature keys exactly; a key brings its SKU description', () => {
    const db = open();
    new ChangeApplier(db).applyPage(page('000ADD000001', 1), { portalUrl: 'http://a', clearCache: false, now: NOW });
    expect(db.prepare('SELECT auth_code, feature_key FROM feature_keys').get()).toEqual({
      auth_code: 'AAAAAABBBBBBCCCCCCDDDDDD',
      feature_key: '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
    });
    expect(db.prepare('SELECT description FROM skus').pluck().get()).toBe('8210010 - 6x Internet Call Access Key');
    // Relaxed only for the page's own transaction: the outbox's writes keep their guarantees.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('a cache filled from another portal is rebuilt from cursor 0, never merged', () => {
    const db = open();
    const applier = new ChangeApplier(db);
    applier.applyPage(page('000ADD000001', 1), { portalUrl: 'http://a', clearCache: false, now: NOW });
    expect(applier.cursorFor('http://a')).toBe(2);
    expect(applier.cursorFor('http://b')).toBe(0);
    expect(applier.cacheBelongsToAnotherPortal('http://b')).toBe(true);
    applier.applyPage(page('000ADD000002', 7), { portalUrl: 'http://b', clearCache: true, now: NOW });
    expect(db.prepare('SELECT mac FROM systems').pluck().all()).toEqual(['000ADD000002']);
    expect(applier.cacheBelongsToAnotherPortal('http://b')).toBe(false);
    expect(applier.cursorFor('http://a')).toBe(0);
    db.close();
  });
});
