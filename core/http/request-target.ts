/**
 * The request target (`req.url`) of an HTTP request, read without trusting it: any page can
 * make a browser send `GET /%` with an <img>, and a raw client can send anything at all.
 * Parsing and decoding never throw; a target that cannot be read is a reason to answer 400.
 */
export type RequestTarget =
  | { ok: true; url: URL; pathname: string }
  | {
      ok: false;
      /** Short and safe to show: never echoes the target (it may carry a token). */
      message: string;
    };

// Only the path and query are used; the host part of an absolute-form target is ignored.
const BASE = 'http://127.0.0.1';

export function parseRequestTarget(raw: string | undefined): RequestTarget {
  const target = raw ?? '';
  const absolute = /^https?:\/\//i.test(target);
  // Origin-form ("/path?query") or absolute-form ("http://host/path"); "*" and the rest are not ours.
  if (!target.startsWith('/') && !absolute) return { ok: false, message: 'The request target must be a path starting with "/".' };
  let url: URL;
  try {
    // Origin-form is appended to the base, so "//x/y" stays a path instead of naming a host x.
    url = new URL(absolute ? target : BASE + target);
  } catch {
    return { ok: false, message: 'The request target is not a valid URL.' };
  }
  const pathname = decodePathPart(url.pathname);
  if (pathname === null) return { ok: false, message: 'The request path is not valid percent-encoding.' };
  return { ok: true, url, pathname };
}

/**
 * One percent-encoded path or path segment, decoded; null when it is not valid percent-encoding
 * or UTF-8, or decodes to a NUL (which no file name or route may hold).
 */
export function decodePathPart(encoded: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  return decoded.includes('\0') ? null : decoded;
}
