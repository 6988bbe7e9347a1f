/**
 * The desktop app's secret store (the portal session token), in the main process: the only
 * process where Electron's safeStorage exists. Values are encrypted by the OS keychain
 * (Keychain, DPAPI, Secret Service / KWallet) and kept base64 in `secrets.safe.json` in userData,
 * readable by the user only and replaced atomically. Never in settings, never logged.
 *
 * On Linux with no keychain Electron falls back to a hard-coded key ("basic_text"), which is
 * plain text in all but name: FieldKey refuses it rather than pretend the token is protected.
 */
import { safeStorage } from 'electron';
import { say } from '../core/messages/say';
import { ApiError } from '../core/rpc/errors';
import type { SecretStore } from '../core/secrets/secret-store';
import { readStringRecord, writePrivateFileAtomically } from '../core/fs/private-file';

export const SAFE_SECRETS_FILE_NAME = 'secrets.safe.json';

/** Said when the OS has no keychain to encrypt with (its text: core/messages/<language>/desktop.json). */
export const SECRETS_UNAVAILABLE_MESSAGE = say('desktop.secrets.keychainUnavailable').message;

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SafeStorageSecretStoreOptions {
  /** Defaults to Electron's safeStorage. */
  safeStorage?: SafeStorageLike;
  /** Defaults to process.platform. */
  platform?: NodeJS.Platform;
}

export class SafeStorageSecretStore implements SecretStore {
  private readonly storage: SafeStorageLike;
  private readonly platform: NodeJS.Platform;

  constructor(
    private readonly file: string,
    options: SafeStorageSecretStoreOptions = {},
  ) {
    this.storage = options.safeStorage ?? safeStorage;
    this.platform = options.platform ?? process.platform;
  }

  /** Whether the OS keychain can protect secrets (asked before every use: it can change). */
  available(): boolean {
    if (!this.storage.isEncryptionAvailable()) return false;
    if (this.platform === 'linux') {
      const backend = this.storage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') return false;
    }
    return true;
  }

  /**
   * Without a keychain nothing can have been stored, so reading answers "signed out" rather than
   * failing: the app still opens and shows its status; only signing in (set) is refused.
   */
  async get(name: string): Promise<string | null> {
    if (!this.available()) return null;
    const encoded = this.readAll()[name];
    if (encoded === undefined) return null;
    try {
      return this.storage.decryptString(Buffer.from(encoded, 'base64'));
    } catch {
      // Encrypted under another keychain key (a reset keyring, a copied profile): it only costs a login.
      return null;
    }
  }

  async set(name: string, value: string): Promise<void> {
    this.requireAvailable();
    const encrypted = this.storage.encryptString(value).toString('base64');
    this.writeAll({ ...this.readAll(), [name]: encrypted });
  }

  async delete(name: string): Promise<void> {
    if (!this.available()) return;
    const all = this.readAll();
    if (!(name in all)) return;
    delete all[name];
    this.writeAll(all);
  }

  private requireAvailable(): void {
    if (!this.available()) throw new ApiError('SECRETS_UNAVAILABLE', say('desktop.secrets.keychainUnavailable'));
  }

  private readAll(): Record<string, string> {
    return readStringRecord(this.file);
  }

  private writeAll(secrets: Record<string, string>): void {
    writePrivateFileAtomically(this.file, `${JSON.stringify(secrets)}\n`);
  }
}
