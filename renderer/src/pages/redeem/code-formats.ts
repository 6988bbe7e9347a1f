/**
 * The authorization-code and MAC rules the core applies, used as-is so the form says exactly
 * what the core would: pure functions with no I/O (core/domain has no imports at all).
 */
export { parseAuthCode, isCanonicalAuthCode } from '../../../../core/domain/auth-code';
export { parseMac, formatMac, VENDOR_PREFIX } from '../../../../core/domain/mac';
