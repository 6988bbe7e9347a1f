import fs from 'node:fs';
import path from 'node:path';
import { endpointList } from '../../../core/portal-api/endpoints';
import { buildOpenApiDocument, openApiJson } from '../../../core/portal-api/openapi';
import { API_PREFIX } from '../../../core/portal-api/schemas';

const committed = path.resolve(__dirname, '..', '..', '..', 'docs', 'portal-api.openapi.json');

describe('Portal API document', () => {
  it('docs/portal-api.openapi.json is what the endpoint table and its zod schemas generate (run "npm run docs:portal-api" after changing them)', () => {
    expect(fs.readFileSync(committed, 'utf8')).toBe(openApiJson());
  });

  it('documents every /api/v1 endpoint with its error statuses, Retry-After on 429/503, Idempotency-Key where needed', () => {
    const doc = buildOpenApiDocument() as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, { headers?: object }>; parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    // One operation per entry of the endpoint table, and nothing else.
    expect(operations.sort()).toEqual(endpointList.map((e) => `${e.method} ${API_PREFIX}${e.path}`).sort());
    expect(operations).toHaveLength(endpointList.length);
    const idempotent = endpointList.filter((e) => e.idempotent);
    expect(idempotent.map((e) => e.operationId)).toEqual(
      expect.arrayContaining(['redeem', 'upsertSystem', 'addServer', 'modifyServer', 'setServerHidden', 'requestRma']),
    );
    for (const endpoint of idempotent) {
      const write = doc.paths[`${API_PREFIX}${endpoint.path}`]![endpoint.method.toLowerCase()]!;
      expect(write.parameters!.map((x) => x.name)).toContain('Idempotency-Key');
      expect(Object.keys(write.responses)).toEqual(expect.arrayContaining(['409', '422', '429', '503']));
      expect(write.responses['409']!.headers).toHaveProperty('Retry-After');
    }
    const redeem = doc.paths['/api/v1/redemptions']!.post!;
    expect(Object.keys(redeem.responses).sort()).toEqual(['200', '400', '401', '409', '413', '422', '429', '503']);
    expect(redeem.responses['503']!.headers).toHaveProperty('Retry-After');
    expect(redeem.parameters!.map((p) => p.name)).toContain('Idempotency-Key');
    expect(Object.keys(doc.paths['/api/v1/changes']!.get!.responses)).toContain('410');
  });
});
