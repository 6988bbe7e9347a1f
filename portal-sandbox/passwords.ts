import crypto from 'node:crypto';

// scrypt is built into Node and memory-hard; the parameters are Node's defaults (N=16384).
const KEY_LENGTH = 32;

export function hashPassword(password: string, salt: Buffer = crypto.randomBytes(16)): { salt: Buffer; hash: Buffer } {
  return { salt, hash: crypto.scryptSync(password.normalize('NFC'), salt, KEY_LENGTH) };
}

export function passwordMatches(password: string, salt: Buffer, hash: Buffer): boolean {
  const candidate = crypto.scryptSync(password.normalize('NFC'), salt, KEY_LENGTH);
  return candidate.length === hash.length && crypto.timingSafeEqual(candidate, hash);
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
