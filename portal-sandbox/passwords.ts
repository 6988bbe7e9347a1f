import crypto from 'node:crypto';
import { promisify } from 'node:util';

// scrypt is built into Node and memory-hard; the parameters are Node's defaults (N=16384).
// Async: a sign-in's ~50 ms of hashing runs on the thread pool, not on the event loop.
const KEY_LENGTH = 32;
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keyLength: number) => Promise<Buffer>;

export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

/** How the store hashes and checks passwords; injected so tests can count verifications. */
export interface PasswordHasher {
  hash(password: string): Promise<PasswordHash>;
  matches(password: string, stored: PasswordHash): Promise<boolean>;
}

export async function hashPassword(password: string, salt: Buffer = crypto.randomBytes(16)): Promise<PasswordHash> {
  return { salt, hash: await scrypt(password.normalize('NFC'), salt, KEY_LENGTH) };
}

export async function passwordMatches(password: string, stored: PasswordHash): Promise<boolean> {
  const candidate = await scrypt(password.normalize('NFC'), stored.salt, KEY_LENGTH);
  return candidate.length === stored.hash.length && crypto.timingSafeEqual(candidate, stored.hash);
}

export const scryptPasswords: PasswordHasher = { hash: (password) => hashPassword(password), matches: passwordMatches };

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
