/**
 * Every endpoint of Portal API v1, in one table: the client calls them (core/portal/client.ts),
 * the sandbox routes them to one handler each (portal-sandbox/api/), and the OpenAPI document is
 * generated from them (./openapi.ts). Adding an endpoint: see docs/portal-api.md.
 *
 * The order is the routing order: where two paths match (`/auth-codes/lookup`), the first wins.
 */
import { defineEndpoint } from './endpoint';
import * as api from './schemas';

const MAC = 'Any accepted MAC format.';
const IDEMPOTENT_409 = 'A request with this Idempotency-Key is still running (`in_progress`): retry later with the same key.';
const IDEMPOTENT_422 = 'This Idempotency-Key was used for a different request (`idempotency_mismatch`).';
const STORED_REFUSALS =
  "A refusal that depends on the portal's data (404, 409 `duplicate_server`/`invalid_state`, 422 other than `idempotency_mismatch`) " +
  'is stored under the Idempotency-Key and replayed like a success; a malformed request (400) is not.';
const NO_SUCH_SERVER = 'No such server on the dashboard (`not_found`).';

const login = defineEndpoint({
  operationId: 'login',
  method: 'POST',
  path: '/session',
  auth: false,
  body: api.sessionRequest,
  response: api.sessionResponse,
  success: { '200': 'Logged in.' },
  errors: ['400', '401', '413'],
  errorDescriptions: {
    '429':
      'Too many failed log-ins for this user name or from this address (`rate_limited`): even the right password is ' +
      'refused until `Retry-After` seconds have passed. A successful log-in resets the count for the user name.',
  },
  summary: 'Log in; returns a bearer token and when it expires.',
});

const logout = defineEndpoint({
  operationId: 'logout',
  method: 'DELETE',
  path: '/session',
  response: null,
  success: { '204': 'Logged out.' },
  errors: ['401'],
  summary: 'End this session.',
});

const changePassword = defineEndpoint({
  operationId: 'changePassword',
  method: 'POST',
  path: '/password',
  body: api.passwordChangeRequest,
  response: null,
  success: { '204': 'Changed.' },
  errors: ['400', '401', '403', '413'],
  errorDescriptions: {
    '429':
      'Too many wrong passwords for this user name or from this address (`rate_limited`), counted with failed log-ins: ' +
      'a stolen session cannot guess the password past the log-in limit. Wait `Retry-After` seconds.',
  },
  summary: 'Change the password (at least 10 characters, letters and digits, not containing the user name). Other sessions end.',
});

const changes = defineEndpoint({
  operationId: 'changes',
  method: 'GET',
  path: '/changes',
  query: api.changesQuery,
  response: api.changesResponse,
  success: { '200': 'One page, oldest first.' },
  errors: ['400', '401', '410'],
  summary: 'The change feed after a cursor (the last seq applied; 0 = everything). Never a time.',
});

const redeem = defineEndpoint({
  operationId: 'redeem',
  method: 'POST',
  path: '/redemptions',
  idempotent: true,
  body: api.redemptionRequest,
  response: api.redemptionResponse,
  success: { '200': 'A result per code, in request order (a replay carries `Idempotent-Replayed: true`).' },
  errors: ['400', '401', '409', '413', '422'],
  summary: `Redeem 1–${api.MAX_CODES_PER_REDEMPTION} auth codes on one system; each code gets its own status.`,
});

const lookupAuthCodes = defineEndpoint({
  operationId: 'lookupAuthCodes',
  method: 'POST',
  path: '/auth-codes/lookup',
  readOnly: true,
  body: api.authCodeBatchLookupRequest,
  response: api.authCodeBatchLookupResponse,
  success: { '200': 'A result per code, in request order.' },
  errors: ['400', '401', '413'],
  errorDescriptions: {
    '413': `More than ${api.MAX_CODES_PER_LOOKUP} codes, or a body larger than ${api.MAX_REQUEST_BODY_BYTES} bytes (\`too_large\`): split the codes over several requests.`,
  },
  summary: `v1.3: what the portal knows of 1–${api.MAX_CODES_PER_LOOKUP} auth codes at once; each code gets its own status.`,
  description:
    'Codes in any form (any case, with or without dashes), each judged on its own: `unredeemed` or `redeemed` (with `mac` and ' +
    '`redeemedAt`, whoever redeemed it) with the SKU, `not_found`, or `invalid` with a message (`code` as sent). One result per ' +
    'code, in request order. A read: no Idempotency-Key, and it may be retried freely.',
});

const lookupAuthCode = defineEndpoint({
  operationId: 'lookupAuthCode',
  method: 'GET',
  path: '/auth-codes/{code}',
  params: { code: 'Any case, with or without dashes.' },
  response: api.authCodeLookupResponse,
  success: { '200': 'The code.' },
  errors: ['400', '401', '404'],
  summary: 'Preview a code before redeeming, or find where an in-doubt redemption went.',
});

const upsertSystem = defineEndpoint({
  operationId: 'upsertSystem',
  method: 'POST',
  path: '/systems',
  idempotent: true,
  body: api.systemUpsertRequest,
  response: api.systemUpsertResponse,
  success: { '200': 'Already in the view: renamed, or unchanged.', '201': 'Added.' },
  errors: ['400', '401', '409', '413', '422'],
  summary: "Add a system to the partner's view, or rename it.",
  description:
    'Without `systemName` (v1.2) a new system is added without a name and a known one is left as it is: a missing name never renames. ' +
    'Replaying the same Idempotency-Key and body returns the first answer.',
});

const systemKeys = defineEndpoint({
  operationId: 'systemKeys',
  method: 'GET',
  path: '/systems/{mac}/keys',
  params: { mac: MAC },
  response: api.systemKeysResponse,
  success: { '200': 'The system and its keys.' },
  errors: ['400', '401', '404'],
  summary: 'A system and its feature keys.',
});

// --- Servers (v1.2) ---------------------------------------------------------------------------

const lookupSerial = defineEndpoint({
  operationId: 'lookupSerial',
  method: 'GET',
  path: '/servers/serials/{serial}',
  params: { serial: '4–32 letters, digits and dashes; any case.' },
  response: api.serialLookupResponse,
  success: { '200': 'The serial number.' },
  errors: ['400', '401', '404'],
  errorDescriptions: { '404': 'The portal knows no server with this serial number (`unknown_serial`).' },
  summary: 'v1.2: the model and MAC of a serial number, and whether the server is on the dashboard (Add / Register Server).',
});

const addServer = defineEndpoint({
  operationId: 'addServer',
  method: 'POST',
  path: '/servers',
  idempotent: true,
  body: api.serverWriteRequest,
  response: api.serverWriteResponse,
  success: { '201': 'Added (a replay carries `Idempotent-Replayed: true`).' },
  errors: ['400', '401', '409', '413', '422'],
  errorDescriptions: {
    '409': `The serial or MAC is already on the dashboard (\`duplicate_server\`), or: ${IDEMPOTENT_409}`,
    '422':
      "Unknown serial (`unknown_serial`), MAC or model not the serial's (`invalid_mac`, `bad_request`), Register on a model that is " +
      'only saved (`not_registrable`) or with fields missing (`incomplete_registration`, the message names them), a site the ' +
      `partner does not have (\`unknown_site\`), or: ${IDEMPOTENT_422}`,
  },
  summary: "v1.2: add a server to the partner's dashboard, saving or registering it.",
  description:
    'The serial must be one the portal knows, with its MAC and model. `action: register` is for Connect models with a complete ' +
    'registration; 6x, 6x12, 24x and 48x servers are only saved. `siteId: null` asks for a new site. Records a history entry and ' +
    'appends the system, server and serverHistory changes. ' +
    STORED_REFUSALS,
});

const modifyServer = defineEndpoint({
  operationId: 'modifyServer',
  method: 'PUT',
  path: '/servers/{mac}',
  params: { mac: MAC },
  idempotent: true,
  body: api.serverWriteRequest,
  response: api.serverWriteResponse,
  success: { '200': 'Modified.' },
  errors: ['400', '401', '404', '409', '413', '422'],
  errorDescriptions: {
    '404': NO_SUCH_SERVER,
    '409': `The change would move the status backwards (\`invalid_state\`), or: ${IDEMPOTENT_409}`,
    '422':
      'As for POST /servers: `unknown_serial`, `invalid_mac`, `bad_request`, `not_registrable`, `incomplete_registration`, ' +
      `\`unknown_site\`, or: ${IDEMPOTENT_422}`,
  },
  summary: "v1.2: modify or complete a server's registration, saving or registering it.",
  description:
    "The body is that of POST /servers; its MAC must be the path's. The status follows the rules: nothing moves backwards (saving a " +
    'registered server with an incomplete registration is refused). ' +
    STORED_REFUSALS,
});

const setServerHidden = defineEndpoint({
  operationId: 'setServerHidden',
  method: 'POST',
  path: '/servers/{mac}/visibility',
  params: { mac: MAC },
  idempotent: true,
  body: api.serverVisibilityRequest,
  response: api.serverResponse,
  success: { '200': 'The server as it now stands.' },
  errors: ['400', '401', '404', '409', '413', '422'],
  errorDescriptions: { '404': NO_SUCH_SERVER },
  summary: 'v1.2: hide a server from the dashboard, or show it again.',
  description: `Records a hidden/unhidden history entry when the visibility changes. ${STORED_REFUSALS}`,
});

const requestRma = defineEndpoint({
  operationId: 'requestRma',
  method: 'POST',
  path: '/servers/{mac}/rma',
  params: { mac: MAC },
  idempotent: true,
  body: api.serverRmaRequest,
  response: api.serverResponse,
  success: { '200': 'The server, under RMA.' },
  errors: ['400', '401', '404', '409', '413', '422'],
  errorDescriptions: {
    '404': NO_SUCH_SERVER,
    '409':
      'An RMA is already open or the server was already replaced (`invalid_state`), the replacement is already on the ' +
      `dashboard (\`duplicate_server\`), or: ${IDEMPOTENT_409}`,
    '422': `The replacement MAC is malformed or the server's own (\`invalid_mac\`), or: ${IDEMPOTENT_422}`,
  },
  summary: 'v1.2: start an RMA (return of a faulty server) naming its replacement.',
  description:
    'The server gets `rma.state: requested`. When the portal completes it, the replacement joins the dashboard with the ' +
    'registration and site, the feature keys move to it (re-issued for its MAC), and both get an rma_completed history entry. ' +
    STORED_REFUSALS,
});

/** Every endpoint, keyed by operationId, in routing order. */
export const endpoints = {
  login,
  logout,
  changePassword,
  changes,
  redeem,
  lookupAuthCodes,
  lookupAuthCode,
  upsertSystem,
  systemKeys,
  lookupSerial,
  addServer,
  modifyServer,
  setServerHidden,
  requestRma,
} as const;

export type Endpoints = typeof endpoints;
export type OperationId = keyof Endpoints;

/** The table as a list, in routing order. */
export const endpointList = Object.values(endpoints);

for (const [name, endpoint] of Object.entries(endpoints)) {
  if (endpoint.operationId !== name) throw new Error(`endpoints.${name} has operationId ${endpoint.operationId}`);
}
