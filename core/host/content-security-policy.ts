/**
 * The renderer's Content Security Policy, shared by both hosts. Emotion (MUI's styling) injects
 * <style> elements, hence 'unsafe-inline' for styles only; scripts come from the app alone.
 * 'wasm-unsafe-eval' lets the scan worker compile the app's own zxing .wasm (fetched from 'self');
 * it allows no eval() of JavaScript.
 */
export function contentSecurityPolicy(options: { connectSrc?: readonly string[] } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    ['connect-src', "'self'", ...(options.connectSrc ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
