import fs from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument, openApiJson } from '../../../core/portal-api/openapi';

const committed = path.resolve(__dirname, '..', '..', '..', 'docs', 'portal-api.openapi.json');

describe('Portal API document', () => {
  it('docs/portal-api.openapi.json is what the zod schemas generate (run "npm run docs:portal-api" after changing them)', () => {
    expect(fs.readFileSync(committed, 'utf8')).toBe(openApiJson());
  });

  it('documents every /api/v1 endpoint with its error statuses, Retry-After on 429/503, Idempotency-Key where needed', () => {
    const doc = buildOpenApiDocument() as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, { headers?: object }>; parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(operations.sort()).toEqual(
      [
        'POST /api/v1/session',
        'DELETE /api/v1/session',
        'POST /api/v1/password',
        'GET /api/v1/changes',
        'POST /api/v1/redemptions',
        'GET /api/v1/auth-codes/{code}',
        'POST /api/v1/auth-codes/lookup',
        'POST /api/v1/systems',
        'GET /api/v1/systems/{mac}/keys',
        'GET /api/v1/servers/serials/{serial}',
        'POST /api/v1/servers',
        'PUT /api/v1/servers/{mac}',
        'POST /api/v1/servers/{mac}/visibility',
        'POST /api/v1/servers/{mac}/rma',
      ].sort(),
    );
    for (const [p, method] of [
      ['/api/v1/servers', 'post'],
      ['/api/v1/servers/{mac}', 'put'],
      ['/api/v1/servers/{mac}/visibility', 'post'],
      ['/api/v1/servers/{mac}/rma', 'post'],
    ] as const) {
      const write = doc.paths[p]![method]!;
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
