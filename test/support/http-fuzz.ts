/**
 * Malformed HTTP input for fuzzing FieldKey's servers, drawn from a seeded PRNG so a failure
 * replays, and a raw-socket client that sends bytes no HTTP library would.
 */
import net from 'node:net';
import { seededRandom } from '../../portal-sandbox/seeded-random';

export interface FuzzCase {
  kind: string;
  bytes: Buffer;
  /** Half-close after sending, as a client that gives up mid-body (Node then drops the request unanswered). */
  hangUp?: boolean;
}

export interface FuzzTarget {
  /** The Host header the server expects (bad-Host cases vary it). */
  host: string;
  /** Bearer token that gets requests past authentication, so bodies are parsed. */
  bearer?: string;
  /** Endpoints that take a JSON body (method and path). */
  jsonEndpoints: { method: string; path: string }[];
  /** Endpoints with a path parameter; `{}` marks where. */
  paramPaths: string[];
  /** Where a WebSocket upgrade may be attempted (with its query). */
  upgradePaths: string[];
}

/** An answer: the status line's code, or null when the server closed or stayed silent. */
export interface FuzzAnswer {
  kind: string;
  status: number | null;
}

/** Sends `bytes` and reads the first status line (null: closed, or nothing within `timeoutMs`). */
export function sendRaw(port: number, bytes: Buffer, options: { hangUp?: boolean; timeoutMs?: number } = {}): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve(match ? Number(match[1]) : null);
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 2000);
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.hangUp) socket.end();
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/** Sends every case, `concurrency` at a time. */
export async function sendAll(port: number, cases: FuzzCase[], concurrency = 16): Promise<FuzzAnswer[]> {
  const answers: FuzzAnswer[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      answers[i] = { kind: cases[i]!.kind, status: await sendRaw(port, cases[i]!.bytes, { hangUp: cases[i]!.hangUp }) };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

/** The kind of the cases with two Host headers: every one must get 400. */
export const DUPLICATE_HOST = 'duplicate Host';

export function fuzzCases(target: FuzzTarget, seed: number, count: number): FuzzCase[] {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const ascii = (n: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-._~%/?#[]@!$&'()*+,;=") =>
    Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  const auth = target.bearer ? `Authorization: Bearer ${target.bearer}\r\n` : '';
  const request = (head: string, body: Buffer | string = '', headers = '') =>
    Buffer.concat([Buffer.from(`${head}\r\nHost: ${target.host}\r\n${headers}Connection: close\r\n\r\n`, 'latin1'), Buffer.from(body)]);
  const withBody = (method: string, path: string, body: string, extra = '') =>
    request(
      `${method} ${path} HTTP/1.1`,
      body,
      `${auth}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}`,
    );

  const badEncodings = ['%', '%z', '%zz', '%E0%A4%A', '%C0%AF', '%ff', '%ED%A0%80', '%00', 'a%00b', '%%', '%2', '%u0041'];
  const paths = ['/', '/api/', '/api/v1/', '/sandbox/', '/assets/', ...target.paramPaths.map((p) => p.replace('{}', ''))];
  const randomJson = (depth = 0): unknown => {
    switch (int(depth > 2 ? 5 : 8)) {
      case 0:
        return int(2) ? -int(1e9) : random() * 1e300;
      case 1:
        return ascii(int(40));
      case 2:
        return null;
      case 3:
        return int(2) === 1;
      case 4:
        return pick(['', '\u0000', '\ud800', 'x'.repeat(300), '../../etc/passwd', '00:0A:DD:00:00:01']);
      case 5:
        return Array.from({ length: int(4) }, () => randomJson(depth + 1));
      default: {
        const keys = ['username', 'password', 'current', 'next', 'mac', 'authCodes', 'systemName', 'serial', 'kind', 'count', 'patch', 'x'];
        return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(keys), randomJson(depth + 1)]));
      }
    }
  };
  // Wrong in shape: never a complete valid request (a valid fault switch would hang the server on purpose).
  const wrongShape = (): string =>
    pick([
      () => JSON.stringify(randomJson()),
      () => `{"kind":${JSON.stringify(ascii(8))},"count":"many"}`,
      () => '['.repeat(5000) + ']'.repeat(5000),
      () => '{'.repeat(3000),
      () => `{"username":${JSON.stringify(ascii(5))}}`,
      () => '{"mac":123,"authCodes":"x"}',
      () => '{"a":1}garbage',
      () => randomBytes(int(64)).toString('latin1'),
    ])();

  const generators: [string, () => Buffer, { hangUp?: boolean }?][] = [
    ['bad method', () => request(`${pick(['G@T', 'GE T', '\u0000GET', 'get', 'X'.repeat(300), ascii(6), 'BREW', 'CONNECT'])} / HTTP/1.1`)],
    ['bad percent-encoding', () => request(`GET ${pick(paths)}${pick(badEncodings)}${ascii(int(8), 'abc%')} HTTP/1.1`)],
    [
      'bad percent-encoding in a parameter',
      () => request(`GET ${pick(target.paramPaths).replace('{}', pick(badEncodings))} HTTP/1.1`, '', auth),
    ],
    ['NUL in the path', () => request(`GET /${pick(['%00', 'index.html%00.js', 'a%00/../b', 'assets/%00'])} HTTP/1.1`)],
    ['overlong path', () => request(`GET /${'a/'.repeat(int(2) ? 1000 : 12000)} HTTP/1.1`)],
    [
      'odd request target',
      () =>
        request(
          `${pick(['GET', 'POST', 'OPTIONS'])} ${pick(['//[', '//', '*', 'http://[bad/', 'http://x:99999/', 'https://a b/', 'http://evil.example/api/v1/session', 'x', '?a', '/..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/'])} HTTP/1.1`,
        ),
    ],
    [
      'non-UTF-8 bytes',
      () =>
        Buffer.concat([
          Buffer.from(`GET /${pick(['', 'api/', 'api/v1/auth-codes/', 'sandbox/'])}`),
          randomBytes(1 + int(12)).map((b) => (b < 0x80 ? b | 0x80 : b)),
          Buffer.from(` HTTP/1.1\r\nHost: ${target.host}\r\nX-Bytes: `),
          randomBytes(8).map((b) => b | 0x80),
          Buffer.from('\r\nConnection: close\r\n\r\n'),
        ]),
    ],
    [
      // The valid Host first, so only the second one can be what refuses it: must be 400 (checked by the fuzz test).
      DUPLICATE_HOST,
      () => {
        const second = pick(['evil.example', target.host, target.host.replace('127.0.0.1', 'localhost'), '']);
        const endpoint = target.jsonEndpoints.length > 0 && int(2) ? pick(target.jsonEndpoints) : { method: 'GET', path: '/' };
        const body = endpoint.method === 'GET' ? '' : '{}';
        return Buffer.from(
          `${endpoint.method} ${endpoint.path} HTTP/1.1\r\nHost: ${target.host}\r\n${auth}Host: ${second}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
          'latin1',
        );
      },
    ],
    [
      'bad or duplicate Host',
      () =>
        Buffer.from(
          `GET / HTTP/1.1\r\n${pick(['', `Host: ${target.host}\r\nHost: evil.example\r\n`, 'Host: [::\r\n', 'Host: \r\n', `Host: ${'h'.repeat(5000)}\r\n`, 'Host: 127.0.0.1:0\r\n'])}Connection: close\r\n\r\n`,
        ),
    ],
    [
      'huge headers',
      () =>
        request(
          'GET / HTTP/1.1',
          '',
          int(2) ? `X-Big: ${'b'.repeat(20_000)}\r\n` : Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'v'.repeat(60)}\r\n`).join(''),
        ),
    ],
    [
      'bad Content-Length',
      () => {
        const ep = pick(target.jsonEndpoints);
        return request(
          `${ep.method} ${ep.path} HTTP/1.1`,
          '{}',
          `${auth}Content-Length: ${pick(['abc', '-1', '1e3', '99999999999999999999', '2, 3', ' '])}\r\n`,
        );
      },
    ],
    [
      'two Content-Lengths',
      () => {
        const ep = pick(target.jsonEndpoints);
        return request(`${ep.method} ${ep.path} HTTP/1.1`, '{}', `${auth}Content-Length: 2\r\nContent-Length: 5\r\n`);
      },
    ],
    [
      'chunked garbage',
      () => {
        const ep = pick(target.jsonEndpoints);
        const body = pick([
          'zz\r\n{}\r\n0\r\n\r\n',
          '2\r\n{}',
          'ffffffffffffffff\r\n',
          '2\r\n{}\r\n1\r\n',
          '-1\r\n\r\n',
          '2;x=\u0000\r\n{}\r\n0\r\n\r\n',
        ]);
        return request(
          `${ep.method} ${ep.path} HTTP/1.1`,
          body,
          `${auth}Transfer-Encoding: chunked\r\n${int(2) ? 'Content-Length: 4\r\n' : ''}`,
        );
      },
      { hangUp: true },
    ],
    [
      'truncated body',
      () => {
        const ep = pick(target.jsonEndpoints);
        return request(
          `${ep.method} ${ep.path} HTTP/1.1`,
          '{"username":"de',
          `${auth}Content-Type: application/json\r\nContent-Length: ${50 + int(500)}\r\n`,
        );
      },
      { hangUp: true },
    ],
    [
      'invalid JSON',
      () => {
        const ep = pick(target.jsonEndpoints);
        return withBody(ep.method, ep.path, pick(['{nope', '', '{"a":', 'null', '\u0000', '{"a":1}}', "{'a':1}"]));
      },
    ],
    [
      'JSON of the wrong shape',
      () => {
        const ep = pick(target.jsonEndpoints);
        return withBody(ep.method, ep.path, wrongShape(), int(2) ? 'Idempotency-Key: fuzz-key-000000\r\n' : '');
      },
    ],
    [
      'WebSocket upgrade with garbage',
      () =>
        request(
          `GET ${pick([...target.upgradePaths, '/%', '//[', '/api/ws?token=%', '/api/ws'])} HTTP/1.1`,
          int(2) ? randomBytes(32) : '',
          `Upgrade: ${pick(['websocket', 'WebSocket', 'h2c', ascii(5)])}\r\nConnection: Upgrade\r\n` +
            `${pick(['Sec-WebSocket-Key: x\r\n', '', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'])}` +
            `Sec-WebSocket-Version: ${pick(['13', '8', 'x', ''])}\r\n${pick(['', `Origin: http://${target.host}\r\n`, 'Origin: http://evil.example\r\n', 'Origin: %\r\n'])}`,
        ),
    ],
  ];
  return Array.from({ length: count }, (_, i) => {
    // Every generator in each batch, then random ones.
    const [kind, make, how] = i < generators.length ? generators[i]! : pick(generators);
    return { kind, bytes: make(), hangUp: how?.hangUp };
  });
}
