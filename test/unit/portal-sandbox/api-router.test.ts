import { defineEndpoint, fillPath, matchPath } from '../../../core/portal-api/endpoint';
import { endpointList, endpoints } from '../../../core/portal-api/endpoints';
import { serverResponse } from '../../../core/portal-api/schemas';
import { apiHandlers, assertOneHandlerEach } from '../../../portal-sandbox/api/router';
import type { Sandbox } from '../../../portal-sandbox/api/context';

describe('the Portal API endpoint table', () => {
  const rma = defineEndpoint({
    operationId: 'rma',
    method: 'POST',
    path: '/servers/{mac}/rma',
    params: { mac: 'A MAC.' },
    response: serverResponse,
    success: { '200': 'OK.' },
    errors: [],
    summary: 'RMA.',
  });

  it('fills path parameters percent-encoded and matches them back, still encoded', () => {
    expect(fillPath(rma, { mac: 'aa:bb/cc' })).toBe('/servers/aa%3Abb%2Fcc/rma');
    expect(matchPath(rma, '/servers/aa%3Abb%2Fcc/rma')).toEqual({ mac: 'aa%3Abb%2Fcc' });
    expect(matchPath(rma, '/servers//rma')).toBeNull();
    expect(matchPath(rma, '/servers/x/rma/')).toBeNull();
    expect(matchPath(rma, '/servers/x/visibility')).toBeNull();
    expect(matchPath(endpoints.login, '/session')).toEqual({});
  });

  it("refuses a definition whose params do not describe the path's", () => {
    expect(() =>
      defineEndpoint({ operationId: 'x', method: 'GET', path: '/a/{b}', response: null, success: {}, errors: [], summary: '' } as never),
    ).toThrow(/params/);
  });

  it('has unique method + path pairs and operationIds', () => {
    expect(new Set(endpointList.map((e) => `${e.method} ${e.path}`)).size).toBe(endpointList.length);
    expect(new Set(endpointList.map((e) => e.operationId)).size).toBe(endpointList.length);
  });

  it('the sandbox has exactly one handler per endpoint', () => {
    const handlers = apiHandlers({} as Sandbox);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(endpoints).sort());
    expect(() => assertOneHandlerEach(handlers)).not.toThrow();
    const { login: _login, ...missing } = handlers;
    expect(() => assertOneHandlerEach(missing)).toThrow(/missing login/);
    expect(() => assertOneHandlerEach({ ...handlers, extra: () => null })).toThrow(/not in the endpoint table extra/);
  });
});
