/**
 * The Portal API v1 document (OpenAPI 3.1), generated from the endpoint table (./endpoints) and the
 * zod schemas in ./schemas, so the documentation cannot drift from what the client calls and the
 * sandbox serves and validates.
 * `npm run docs:portal-api` writes it to docs/portal-api.openapi.json; a test fails when the
 * committed file is out of date.
 */
import { z } from 'zod';
import type { Endpoint } from './endpoint';
import { endpointList } from './endpoints';
import * as api from './schemas';

type JsonObject = Record<string, unknown>;

/** Every named schema; responses use them through $ref. */
const components: [string, z.ZodType][] = [
  ['Error', api.errorBody],
  ['SessionRequest', api.sessionRequest],
  ['SessionResponse', api.sessionResponse],
  ['Partner', api.partner],
  ['PasswordChangeRequest', api.passwordChangeRequest],
  ['Sku', api.sku],
  ['System', api.system],
  ['FeatureKey', api.featureKey],
  ['Change', api.change],
  ['ChangesResponse', api.changesResponse],
  ['RedemptionRequest', api.redemptionRequest],
  ['RedemptionResult', api.redemptionResult],
  ['RedemptionResponse', api.redemptionResponse],
  ['AuthCodeLookup', api.authCodeLookupResponse],
  ['SystemUpsertRequest', api.systemUpsertRequest],
  ['SystemUpsertResponse', api.systemUpsertResponse],
  ['SystemKeysResponse', api.systemKeysResponse],
  ['Server', api.server],
  ['ServerRegistration', api.serverRegistration],
  ['ServerRma', api.serverRma],
  ['ServerHistoryEntry', api.serverHistoryEntry],
  ['SerialLookup', api.serialLookupResponse],
  ['ServerWriteRequest', api.serverWriteRequest],
  ['ServerWriteResponse', api.serverWriteResponse],
  ['ServerVisibilityRequest', api.serverVisibilityRequest],
  ['ServerRmaRequest', api.serverRmaRequest],
  ['ServerResponse', api.serverResponse],
  ['AuthCodeBatchLookupRequest', api.authCodeBatchLookupRequest],
  ['AuthCodeBatchResult', api.authCodeBatchResult],
  ['AuthCodeBatchLookupResponse', api.authCodeBatchLookupResponse],
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: string) => ({ 'application/json': { schema: ref(name) } });

const retryAfterHeader = {
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
};

/** The error answers, by status; each endpoint lists those it can give. */
const errors: Record<string, JsonObject> = {
  '400': {
    description: 'Malformed request: the message names the field and the problem (`bad_request`, `invalid_mac`, `password_rules`).',
  },
  '401': { description: 'No valid bearer token (`unauthorized`): log in again.' },
  '403': { description: 'The current password is wrong (`wrong_password`).' },
  '404': { description: 'Unknown auth code or system (`not_found`).' },
  '409': {
    description: 'A request with this Idempotency-Key is still running (`in_progress`): retry later with the same key.',
    headers: { 'Retry-After': retryAfterHeader['Retry-After'] },
  },
  '410': { description: 'The cursor can no longer be served (`cursor_expired`): sync again from cursor 0.' },
  '413': { description: `The body is larger than ${api.MAX_REQUEST_BODY_BYTES} bytes (\`too_large\`).` },
  '422': { description: 'This Idempotency-Key was used for a different request (`idempotency_mismatch`).' },
  '429': { description: 'Too many requests (`rate_limited`).', headers: retryAfterHeader },
  '503': { description: 'The portal is unavailable (`unavailable`).', headers: retryAfterHeader },
};

/** `described`: errors whose description is the endpoint's own (the v1.2 server codes). */
function responses(success: Record<string, JsonObject>, errorStatuses: string[], described: Record<string, string> = {}): JsonObject {
  const out: JsonObject = { ...success };
  // Any request may meet an outage or rate limiting.
  for (const status of [...errorStatuses, '429', '503']) {
    const own = described[status];
    out[status] = { ...errors[status], ...(own ? { description: own } : {}), content: jsonContent('Error') };
  }
  return out;
}

const bearer = [{ bearer: [] }];
const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    'Made by the client when it queues the operation and never changed. The same key and request → the stored response, byte for byte; ' +
    'another request → 422; while the first is running → 409. Kept indefinitely, per partner.',
  schema: stripMeta(z.toJSONSchema(api.idempotencyKey) as JsonObject),
};

function stripMeta(schema: JsonObject): JsonObject {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function componentSchemas(): JsonObject {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of components) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonObject> };
  return Object.fromEntries(components.map(([id]) => [id, stripMeta(generated.schemas[id]!)]));
}

function queryParameters(schema: z.ZodObject): JsonObject[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, JsonObject> };
  return Object.entries(json.properties).map(([name, property]) => ({ name, in: 'query', required: false, schema: property }));
}

/** The $ref of a schema named in `components`. */
function refOf(schema: z.ZodType, operationId: string): string {
  const found = components.find(([, named]) => named === schema);
  if (!found) throw new Error(`${operationId}: its request or response schema is not among the OpenAPI components`);
  return found[0];
}

function parametersOf(endpoint: Endpoint): JsonObject[] {
  const params = Object.entries(endpoint.params ?? {}).map(([name, description]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description,
  }));
  return [...params, ...(endpoint.query ? queryParameters(endpoint.query) : []), ...(endpoint.idempotent ? [idempotencyKeyParameter] : [])];
}

function operationOf(endpoint: Endpoint): JsonObject {
  const { operationId, response } = endpoint;
  const success = Object.fromEntries(
    Object.entries(endpoint.success).map(([status, description]) => [
      status,
      status === '204' || response === null ? { description } : { description, content: jsonContent(refOf(response, operationId)) },
    ]),
  );
  const parameters = parametersOf(endpoint);
  return {
    operationId,
    summary: endpoint.summary,
    ...(endpoint.description === undefined ? {} : { description: endpoint.description }),
    ...(endpoint.auth ? { security: bearer } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body ? { requestBody: { required: true, content: jsonContent(refOf(endpoint.body, operationId)) } } : {}),
    responses: responses(success, endpoint.errors, endpoint.errorDescriptions as Record<string, string> | undefined),
  };
}

/** The paths, one operation per entry of the endpoint table. */
function pathsOf(): Record<string, Record<string, JsonObject>> {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const endpoint of endpointList) {
    const path = `${api.API_PREFIX}${endpoint.path}`;
    paths[path] = { ...paths[path], [endpoint.method.toLowerCase()]: operationOf(endpoint) };
  }
  return paths;
}

export function buildOpenApiDocument(): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'FieldKey Portal API',
      version: '1.3.0',
      description:
        'What a vendor portal offers FieldKey: log in, a change feed of SKUs, systems, feature keys and (v1.2) servers with their history, ' +
        'idempotent redemptions, (v1.2) the Server Management Dashboard: serial look-up, add/modify/register, hide, RMA, ' +
        'and (v1.3) a batch look-up of up to 500 authorization codes. ' +
        'Errors are always `{ "error": { "code", "message" } }`. See docs/portal-api.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token from POST /session.' } },
      schemas: componentSchemas(),
    },
    paths: pathsOf(),
  };
}

/** The document as committed: stable formatting, trailing newline. */
export function openApiJson(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
