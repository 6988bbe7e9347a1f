/**
 * One Portal API endpoint, declared once (./endpoints): its method and path, what it takes and
 * answers, and the errors it can give. The client builds its requests from it, the sandbox routes
 * on it, and the OpenAPI document is generated from it.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The parameter names of a path: '/servers/{mac}/rma' → 'mac'. */
export type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParamNames<Rest> : never;

/** An HTTP status as the OpenAPI document spells it ('200', '404'). */
export type Status = `${number}`;

export interface EndpointSpec<
  P extends string,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType | null,
> {
  /** The OpenAPI operationId; also the name of the sandbox's handler. */
  operationId: string;
  method: HttpMethod;
  /** Below API_PREFIX, parameters in braces: '/servers/{mac}'. */
  path: P;
  /** Each path parameter and how to write it (the OpenAPI parameter's description). */
  params?: Record<PathParamNames<P>, string>;
  query?: Q;
  /** The JSON request body. */
  body?: B;
  /** The JSON answer of every success status but 204; null: no body (or none the client reads). */
  response: R;
  /** Success statuses and what each means. */
  success: Partial<Record<Status, string>>;
  /** The error statuses besides 429 and 503 (which any request may meet). */
  errors: Status[];
  /** Error statuses whose description is this endpoint's own. */
  errorDescriptions?: Partial<Record<Status, string>>;
  summary: string;
  description?: string;
  /** Needs an Idempotency-Key header; the answer is stored and replayed under it. */
  idempotent?: boolean;
  /** Needs the bearer token from POST /session (default true). */
  auth?: boolean;
  /** A POST that only reads: a failure mid-call never leaves a write in doubt. */
  readOnly?: boolean;
}

export interface Endpoint<
  P extends string = string,
  Q extends z.ZodObject | undefined = z.ZodObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | null = z.ZodType | null,
> extends EndpointSpec<P, Q, B, R> {
  auth: boolean;
  idempotent: boolean;
  readOnly: boolean;
  /** The path split into literal segments and parameter names, for matching. */
  segments: readonly ({ literal: string } | { param: string })[];
}

export function defineEndpoint<
  P extends string,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | null = null,
>(spec: EndpointSpec<P, Q, B, R>): Endpoint<P, Q, B, R> {
  if (!spec.path.startsWith('/')) throw new Error(`${spec.operationId}: the path must start with "/"`);
  const segments = spec.path
    .slice(1)
    .split('/')
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part)?.[1];
      return param === undefined ? { literal: part } : { param };
    });
  const named = segments.flatMap((s) => ('param' in s ? [s.param] : []));
  const described = Object.keys(spec.params ?? {});
  if (named.join() !== described.join()) {
    throw new Error(`${spec.operationId}: params (${described.join(', ')}) must describe the path's (${named.join(', ')}) in order`);
  }
  return { ...spec, auth: spec.auth ?? true, idempotent: spec.idempotent ?? false, readOnly: spec.readOnly ?? false, segments };
}

/** The path with each parameter filled in, percent-encoded (below API_PREFIX). */
export function fillPath<P extends string>(endpoint: Endpoint<P>, params: Record<PathParamNames<P>, string>): string {
  const values = params as Record<string, string>;
  return `/${endpoint.segments.map((s) => ('param' in s ? encodeURIComponent(values[s.param]!) : s.literal)).join('/')}`;
}

/**
 * The path parameters when `pathname` (below API_PREFIX) is this endpoint's path, else null. Each
 * parameter is one non-empty segment, still percent-encoded: the caller decides when to decode.
 */
export function matchPath<P extends string>(endpoint: Endpoint<P>, pathname: string): Record<PathParamNames<P>, string> | null {
  if (!pathname.startsWith('/')) return null;
  const parts = pathname.slice(1).split('/');
  if (parts.length !== endpoint.segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of endpoint.segments.entries()) {
    const part = parts[i]!;
    if ('param' in segment) {
      if (part === '') return null;
      params[segment.param] = part;
    } else if (part !== segment.literal) {
      return null;
    }
  }
  return params as Record<PathParamNames<P>, string>;
}
