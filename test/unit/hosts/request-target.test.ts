import { decodePathPart, parseRequestTarget } from '../../../core/http/request-target';

describe('parseRequestTarget: a request target read without trusting it', () => {
  it.each([
    ['/', '/'],
    ['/assets/app.js?v=1', '/assets/app.js'],
    ['/caf%C3%A9', '/café'],
    ['//[', '//['],
    ['//evil.example/x', '//evil.example/x'],
    ['http://evil.example/api/v1/session', '/api/v1/session'],
    ['/%2e%2e/secret', '/secret'],
    // An encoded slash survives URL parsing; the static server's root check is what stops it.
    ['/..%2Fsecret', '/../secret'],
  ])('%s → path %s', (raw, pathname) => {
    expect(parseRequestTarget(raw)).toMatchObject({ ok: true, pathname });
  });

  it.each([
    ['/%', 'not valid percent-encoding'],
    ['/%zz', 'not valid percent-encoding'],
    ['/%C0%AF', 'not valid percent-encoding'],
    ['/a%00b', 'not valid percent-encoding'],
    ['http://[bad/', 'not a valid URL'],
    ['*', 'must be a path'],
    ['', 'must be a path'],
    [undefined, 'must be a path'],
  ])('%s → refused: %s', (raw, message) => {
    const target = parseRequestTarget(raw);
    expect(target.ok).toBe(false);
    if (!target.ok) expect(target.message).toContain(message);
  });

  it('decodePathPart never throws', () => {
    expect(decodePathPart('AB%2FCD')).toBe('AB/CD');
    expect(decodePathPart('%E0%A4%A')).toBeNull();
    expect(decodePathPart('%00')).toBeNull();
  });
});
