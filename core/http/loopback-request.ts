/** The names a server listening on 127.0.0.1:`port` answers to. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export type LoopbackRefusal = 'foreign-host' | 'foreign-origin';

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
