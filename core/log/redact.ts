/**
 * What may never reach a log or a diagnostics file, as pure rules: key names that hold secrets,
 * and secret-looking text inside messages and stacks (a bearer, a `?token=` in an address, a
 * base64 payload). Applied to every string the logger writes, whatever the caller passed.
 */

export const REDACTED = '[redacted]';

/** A field named like this is a secret or a file's contents, whatever it holds. */
const SECRET_KEY = /pass(word|phrase)?|pwd|token|secret|authori[sz]ation|cookie|credential|signature|api[-_]?key|base64|contents?$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const TEXT_RULES: readonly [RegExp, string][] = [
  // Authorization: Bearer …, Basic …
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // ?secret=… &token=… in an address (also password=, access_token=, api_key=).
  [/([?&;](?:[a-z_]*token|secret|password|pass|pwd|api_?key)=)[^&#\s"'<>]*/gi, `$1${REDACTED}`],
  // "password": "…", token=…, secret: … as JSON or text.
  [
    /((?:["']?)(?:[a-z_]*pass(?:word)?|[a-z_]*token|[a-z_]*secret|authori[sz]ation|cookie)(?:["']?)\s*[:=]\s*["']?)[^"',;\s}]+/gi,
    `$1${REDACTED}`,
  ],
  // A long base64 run is a file's contents or a key, never something worth reading in a log.
  [/[A-Za-z0-9+/_-]{120,}={0,2}/g, '[redacted base64]'],
];

/** Values the process knows are secret (its access token, a session token): replaced wherever they appear. */
export class KnownSecrets {
  private readonly values = new Set<string>();

  add(value: string | null | undefined): void {
    // Short values would blank ordinary words; the secrets registered here are long random strings.
    if (value && value.length >= 8) this.values.add(value);
  }

  scrub(text: string): string {
    let out = text;
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return out;
  }
}

export function scrubText(text: string, known?: KnownSecrets): string {
  let out = known ? known.scrub(text) : text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A deep copy with secret keys replaced and every string scrubbed; depth and size bounded so a
 * large object cannot flood a log. For diagnostics documents (settings, sync state).
 */
export function redactValue(value: unknown, known?: KnownSecrets, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value.length > 4000 ? `${value.slice(0, 4000)}…` : value, known);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 6) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactValue(item, known, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 100)) {
    out[key] = isSecretKey(key) ? REDACTED : redactValue(item, known, depth + 1);
  }
  return out;
}
