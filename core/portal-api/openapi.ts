/**
 * The Portal API v1 document (OpenAPI 3.1), generated from the zod schemas in ./schemas so the
 * documentation cannot drift from what the client and the sandbox validate.
 * `npm run docs:portal-api` writes it to docs/portal-api.openapi.json; a test fails when the
 * committed file is out of date.
 */
import { z } from 'zod';
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

const IDEMPOTENT_409 = 'A request with this Idempotency-Key is still running (`in_progress`): retry later with the same key.';
const IDEMPOTENT_422 = 'This Idempotency-Key was used for a different request (`idempotency_mismatch`).';
const STORED_REFUSALS =
  "A refusal that depends on the portal's data (404, 409 `duplicate_server`/`invalid_state`, 422 other than `idempotency_mismatch`) " +
  'is stored under the Idempotency-Key and replayed like a success; a malformed request (400) is not.';
const macPath = { name: 'mac', in: 'path', required: true, schema: { type: 'string' }, description: 'Any accepted MAC format.' };

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

export function buildOpenApiDocument(): JsonObject {
  const p = api.API_PREFIX;
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
    paths: {
      [`${p}/session`]: {
        post: {
          operationId: 'login',
          summary: 'Log in; returns a bearer token and when it expires.',
          requestBody: { required: true, content: jsonContent('SessionRequest') },
          responses: {
            ...responses({ '200': { description: 'Logged in.', content: jsonContent('SessionResponse') } }, ['400', '401', '413']),
            '429': {
              description:
                'Too many failed log-ins for this user name or from this address (`rate_limited`): even the right password is ' +
                'refused until `Retry-After` seconds have passed. A successful log-in resets the count for the user name.',
              headers: retryAfterHeader,
              content: jsonContent('Error'),
            },
          },
        },
        delete: {
          operationId: 'logout',
          summary: 'End this session.',
          security: bearer,
          responses: responses({ '204': { description: 'Logged out.' } }, ['401']),
        },
      },
      [`${p}/password`]: {
        post: {
          operationId: 'changePassword',
          summary: 'Change the password (at least 10 characters, letters and digits, not containing the user name). Other sessions end.',
          security: bearer,
          requestBody: { required: true, content: jsonContent('PasswordChangeRequest') },
          responses: {
            ...responses({ '204': { description: 'Changed.' } }, ['400', '401', '403', '413']),
            '429': {
              description:
                'Too many wrong passwords for this user name or from this address (`rate_limited`), counted with failed log-ins: ' +
                'a stolen session cannot guess the password past the log-in limit. Wait `Retry-After` seconds.',
              headers: retryAfterHeader,
              content: jsonContent('Error'),
            },
          },
        },
      },
      [`${p}/changes`]: {
        get: {
          operationId: 'changes',
          summary: 'The change feed after a cursor (the last seq applied; 0 = everything). Never a time.',
          security: bearer,
          parameters: queryParameters(api.changesQuery),
          responses: responses({ '200': { description: 'One page, oldest first.', content: jsonContent('ChangesResponse') } }, [
            '400',
            '401',
            '410',
          ]),
        },
      },
      [`${p}/redemptions`]: {
        post: {
          operationId: 'redeem',
          summary: `Redeem 1–${api.MAX_CODES_PER_REDEMPTION} auth codes on one system; each code gets its own status.`,
          security: bearer,
          parameters: [idempotencyKeyParameter],
          requestBody: { required: true, content: jsonContent('RedemptionRequest') },
          responses: responses(
            {
              '200': {
                description: 'A result per code, in request order (a replay carries `Idempotent-Replayed: true`).',
                content: jsonContent('RedemptionResponse'),
              },
            },
            ['400', '401', '409', '413', '422'],
          ),
        },
      },
      [`${p}/auth-codes/{code}`]: {
        get: {
          operationId: 'lookupAuthCode',
          summary: 'Preview a code before redeeming, or find where an in-doubt redemption went.',
          security: bearer,
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'Any case, with or without dashes.' },
          ],
          responses: responses({ '200': { description: 'The code.', content: jsonContent('AuthCodeLookup') } }, ['400', '401', '404']),
        },
      },
      [`${p}/auth-codes/lookup`]: {
        post: {
          operationId: 'lookupAuthCodes',
          summary: `v1.3: what the portal knows of 1–${api.MAX_CODES_PER_LOOKUP} auth codes at once; each code gets its own status.`,
          description:
            'Codes in any form (any case, with or without dashes), each judged on its own: `unredeemed` or `redeemed` (with `mac` and ' +
            '`redeemedAt`, whoever redeemed it) with the SKU, `not_found`, or `invalid` with a message (`code` as sent). One result per ' +
            'code, in request order. A read: no Idempotency-Key, and it may be retried freely.',
          security: bearer,
          requestBody: { required: true, content: jsonContent('AuthCodeBatchLookupRequest') },
          responses: responses(
            { '200': { description: 'A result per code, in request order.', content: jsonContent('AuthCodeBatchLookupResponse') } },
            ['400', '401', '413'],
            {
              '413': `More than ${api.MAX_CODES_PER_LOOKUP} codes, or a body larger than ${api.MAX_REQUEST_BODY_BYTES} bytes (\`too_large\`): split the codes over several requests.`,
            },
          ),
        },
      },
      [`${p}/systems`]: {
        post: {
          operationId: 'upsertSystem',
          summary: "Add a system to the partner's view, or rename it.",
          description:
            'Without `systemName` (v1.2) a new system is added without a name and a known one is left as it is: a missing name never renames. ' +
            'Replaying the same Idempotency-Key and body returns the first answer.',
          security: bearer,
          parameters: [idempotencyKeyParameter],
          requestBody: { required: true, content: jsonContent('SystemUpsertRequest') },
          responses: responses(
            {
              '200': { description: 'Already in the view: renamed, or unchanged.', content: jsonContent('SystemUpsertResponse') },
              '201': { description: 'Added.', content: jsonContent('SystemUpsertResponse') },
            },
            ['400', '401', '409', '413', '422'],
          ),
        },
      },
      [`${p}/systems/{mac}/keys`]: {
        get: {
          operationId: 'systemKeys',
          summary: 'A system and its feature keys.',
          security: bearer,
          parameters: [{ name: 'mac', in: 'path', required: true, schema: { type: 'string' }, description: 'Any accepted MAC format.' }],
          responses: responses({ '200': { description: 'The system and its keys.', content: jsonContent('SystemKeysResponse') } }, [
            '400',
            '401',
            '404',
          ]),
        },
      },
      [`${p}/servers/serials/{serial}`]: {
        get: {
          operationId: 'lookupSerial',
          summary: 'v1.2: the model and MAC of a serial number, and whether the server is on the dashboard (Add / Register Server).',
          security: bearer,
          parameters: [
            {
              name: 'serial',
              in: 'path',
              required: true,
              schema: { type: 'string' },
              description: '4–32 letters, digits and dashes; any case.',
            },
          ],
          responses: responses(
            { '200': { description: 'The serial number.', content: jsonContent('SerialLookup') } },
            ['400', '401', '404'],
            {
              '404': 'The portal knows no server with this serial number (`unknown_serial`).',
            },
          ),
        },
      },
      [`${p}/servers`]: {
        post: {
          operationId: 'addServer',
          summary: "v1.2: add a server to the partner's dashboard, saving or registering it.",
          description:
            'The serial must be one the portal knows, with its MAC and model. `action: register` is for Connect models with a complete ' +
            'registration; 6x, 6x12, 24x and 48x servers are only saved. `siteId: null` asks for a new site. Records a history entry and ' +
            'appends the system, server and serverHistory changes. ' +
            STORED_REFUSALS,
          security: bearer,
          parameters: [idempotencyKeyParameter],
          requestBody: { required: true, content: jsonContent('ServerWriteRequest') },
          responses: responses(
            {
              '201': { description: 'Added (a replay carries `Idempotent-Replayed: true`).', content: jsonContent('ServerWriteResponse') },
            },
            ['400', '401', '409', '413', '422'],
            {
              '409': `The serial or MAC is already on the dashboard (\`duplicate_server\`), or: ${IDEMPOTENT_409}`,
              '422':
                "Unknown serial (`unknown_serial`), MAC or model not the serial's (`invalid_mac`, `bad_request`), Register on a model that is " +
                'only saved (`not_registrable`) or with fields missing (`incomplete_registration`, the message names them), a site the ' +
                `partner does not have (\`unknown_site\`), or: ${IDEMPOTENT_422}`,
            },
          ),
        },
      },
      [`${p}/servers/{mac}`]: {
        put: {
          operationId: 'modifyServer',
          summary: "v1.2: modify or complete a server's registration, saving or registering it.",
          description:
            "The body is that of POST /servers; its MAC must be the path's. The status follows the rules: nothing moves backwards (saving a " +
            'registered server with an incomplete registration is refused). ' +
            STORED_REFUSALS,
          security: bearer,
          parameters: [macPath, idempotencyKeyParameter],
          requestBody: { required: true, content: jsonContent('ServerWriteRequest') },
          responses: responses(
            { '200': { description: 'Modified.', content: jsonContent('ServerWriteResponse') } },
            ['400', '401', '404', '409', '413', '422'],
            {
              '404': 'No such server on the dashboard (`not_found`).',
              '409': `The change would move the status backwards (\`invalid_state\`), or: ${IDEMPOTENT_409}`,
              '422':
                'As for POST /servers: `unknown_serial`, `invalid_mac`, `bad_request`, `not_registrable`, `incomplete_registration`, ' +
                `\`unknown_site\`, or: ${IDEMPOTENT_422}`,
            },
          ),
        },
      },
      [`${p}/servers/{mac}/visibility`]: {
        post: {
          operationId: 'setServerHidden',
          summary: 'v1.2: hide a server from the dashboard, or show it again.',
          description: `Records a hidden/unhidden history entry when the visibility changes. ${STORED_REFUSALS}`,
          security: bearer,
          parameters: [macPath, idempotencyKeyParameter],
          requestBody: { required: true, content: jsonContent('ServerVisibilityRequest') },
          responses: responses(
            { '200': { description: 'The server as it now stands.', content: jsonContent('ServerResponse') } },
            ['400', '401', '404', '409', '413', '422'],
            { '404': 'No such server on the dashboard (`not_found`).' },
          ),
        },
      },
      [`${p}/servers/{mac}/rma`]: {
        post: {
          operationId: 'requestRma',
          summary: 'v1.2: start an RMA (return of a faulty server) naming its replacement.',
          description:
            'The server gets `rma.state: requested`. When the portal completes it, the replacement joins the dashboard with the ' +
            'registration and site, the feature keys move to it (re-issued for its MAC), and both get an rma_completed history entry. ' +
            STORED_REFUSALS,
          security: bearer,
          parameters: [macPath, idempotencyKeyParameter],
          requestBody: { required: true, content: jsonContent('ServerRmaRequest') },
          responses: responses(
            { '200': { description: 'The server, under RMA.', content: jsonContent('ServerResponse') } },
            ['400', '401', '404', '409', '413', '422'],
            {
              '404': 'No such server on the dashboard (`not_found`).',
              '409':
                'An RMA is already open or the server was already replaced (`invalid_state`), the replacement is already on the ' +
                `dashboard (\`duplicate_server\`), or: ${IDEMPOTENT_409}`,
              '422': `The replacement MAC is malformed or the server's own (\`invalid_mac\`), or: ${IDEMPOTENT_422}`,
            },
          ),
        },
      },
    },
  };
}

/** The document as committed: stable formatting, trailing newline. */
export function openApiJson(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
