/** The names a server listening on 127.0.0.1:`port` answers to. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export type LoopbackRefusal = 'foreign-host' | 'foreign-origin';

/**
 * Whether the request names its Host more than once. Node keeps only the first value in
 * `headers.host`, so `Host: 127.0.0.1:P` then `Host: evil.example` would pass the Host rule while a
 * proxy or cache in front may honour the second: such a request is malformed (RFC 9112 §3.2), 400.
 */
export function hasDuplicateHost(req: { headersDistinct: Record<string, string[] | undefined> }): boolean {
  return (req.headersDistinct.host?.length ?? 0) > 1;
}

/**
 * The first rule of every FieldKey server on 127.0.0.1, before anything runs. The Host must name
 * this server: a page that rebinds its own DNS name to 127.0.0.1 reaches the same socket but
 * sends its own name. An Origin, which browsers send on cross-site requests (a form or
 * `text/plain` POST included) and Node's fetch never sends, must be this server's own.
 */
export function loopbackRefusal(headers: { host?: string; origin?: string }, port: number): LoopbackRefusal | null {
  const hosts = loopbackHosts(port);
  if (!hosts.includes(headers.host ?? '')) return 'foreign-host';
  if (headers.origin !== undefined && !hosts.some((host) => headers.origin === `http://${host}`)) return 'foreign-origin';
  return null;
}
