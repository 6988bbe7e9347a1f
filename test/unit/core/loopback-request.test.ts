import { loopbackRefusal } from '../../../core/http/loopback-request';

describe('loopbackRefusal: the Host and Origin rule of every FieldKey server on 127.0.0.1', () => {
  it.each([
    // host, origin, refusal
    ['127.0.0.1:8731', undefined, null],
    ['localhost:8731', undefined, null],
    ['127.0.0.1:8731', 'http://127.0.0.1:8731', null],
    ['127.0.0.1:8731', 'http://localhost:8731', null],
    ['evil.example:8731', undefined, 'foreign-host'],
    ['evil.example:8731', 'http://evil.example:8731', 'foreign-host'],
    ['127.0.0.1:9999', undefined, 'foreign-host'],
    ['127.0.0.1', undefined, 'foreign-host'],
    [undefined, undefined, 'foreign-host'],
    ['127.0.0.1:8731', 'https://evil.example', 'foreign-origin'],
    ['127.0.0.1:8731', 'null', 'foreign-origin'],
    ['127.0.0.1:8731', 'http://127.0.0.1:9999', 'foreign-origin'],
    ['127.0.0.1:8731', 'https://127.0.0.1:8731', 'foreign-origin'],
    ['127.0.0.1:8731', '', 'foreign-origin'],
  ] as const)('Host %s, Origin %s → %s', (host, origin, expected) => {
    expect(loopbackRefusal({ host, origin }, 8731)).toBe(expected);
  });
});
