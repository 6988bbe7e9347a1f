import crypto from 'node:crypto';

/** 64 symbols, so each one is exactly 6 bits of the HMAC: no modulo bias. */
export const FEATURE_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$&';

/**
 * The feature key for a code redeemed on a system: HMAC-SHA256(secret, code|mac), read 6 bits
 * at a time into 24 symbols, shown as six groups of four. The same code, MAC and secret always
 * give the same key, so a sandbox restarted on the same data answers the same.
 */
export function generateFeatureKey(secret: string, authCode: string, mac: string): string {
  const digest = crypto.createHmac('sha256', secret).update(`${authCode}|${mac}`).digest();
  let key = '';
  for (let i = 0; i < 24; i++) {
    const bit = i * 6;
    const byte = bit >> 3;
    const word = (digest[byte]! << 8) | digest[byte + 1]!;
    key += FEATURE_KEY_ALPHABET[(word >> (10 - (bit & 7))) & 63];
    if (i % 4 === 3 && i < 23) key += '-';
  }
  return key;
}
