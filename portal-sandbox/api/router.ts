/**
 * The sandbox's Portal API v1: routes each /api/v1 request to the endpoint of the table
 * (core/portal-api/endpoints.ts) whose method and path it matches, and on to that endpoint's
 * handler. Every endpoint has exactly one handler (checked when the routes are made).
 */
import type http from 'node:http';
import { type Endpoint, matchPath } from '../../core/portal-api/endpoint';
import { endpointList, endpoints } from '../../core/portal-api/endpoints';
import { API_PREFIX } from '../../core/portal-api/schemas';
import { PortalError } from '../http-io';
import { SandboxServers } from '../servers';
import { SignInThrottle } from '../sign-in-throttle';
import type { SandboxStore } from '../store';
import { catalogueHandlers } from './catalogue';
import { codeHandlers } from './codes';
import { type Handler, type Handlers, type Reply, requestContext, type Sandbox } from './context';
import { serverHandlers } from './servers';
import { sessionHandlers } from './session';

export type { Reply } from './context';

/** Throws unless `handlers` has exactly one handler for each endpoint of the table, and nothing else. */
export function assertOneHandlerEach(handlers: Record<string, unknown>): void {
  const missing = Object.keys(endpoints).filter((id) => typeof handlers[id] !== 'function');
  const extra = Object.keys(handlers).filter((id) => !(id in endpoints));
  if (missing.length || extra.length) {
    throw new Error(
      `Sandbox API handlers: missing ${missing.join(', ') || 'none'}; not in the endpoint table ${extra.join(', ') || 'none'}.`,
    );
  }
}

export function apiHandlers(sandbox: Sandbox): Handlers {
  return { ...sessionHandlers(sandbox), ...codeHandlers(sandbox), ...catalogueHandlers(sandbox), ...serverHandlers(sandbox) };
}

/** The Portal API v1 endpoints of the sandbox, over its store; `now` is the throttle's clock. */
export function createApiRoutes(store: SandboxStore, now: () => Date, throttle = new SignInThrottle(now)) {
  const sandbox: Sandbox = { store, servers: new SandboxServers(store, now), throttle, inFlight: new Set() };
  const handlers = apiHandlers(sandbox);
  assertOneHandlerEach(handlers);

  /** Answers one /api/v1 request (path with the prefix). */
  return async function handleApi(req: http.IncomingMessage, url: URL, pause: () => Promise<void>): Promise<Reply> {
    const path = url.pathname.slice(API_PREFIX.length);
    const matching = endpointList.flatMap((endpoint: Endpoint) => {
      const params = matchPath(endpoint, path);
      return params ? [{ endpoint, params }] : [];
    });
    if (matching.length === 0) throw new PortalError(404, 'not_found', `No such endpoint: ${req.method} ${url.pathname}.`);
    const found = matching.find((m) => m.endpoint.method === req.method);
    if (!found) {
      throw new PortalError(405, 'bad_request', `${req.method} is not allowed on ${url.pathname}.`, {
        Allow: matching.map((m) => m.endpoint.method).join(', '),
      });
    }
    const { endpoint, params } = found;
    // An idempotent endpoint waits itself, after claiming its Idempotency-Key (so a second request sees 409).
    if (!endpoint.idempotent) await pause();
    const handler = handlers[endpoint.operationId as keyof Handlers] as Handler<Endpoint>;
    return handler(requestContext(endpoint, params, req, url, pause));
  };
}
