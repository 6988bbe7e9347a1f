import { readStringRecord, writePrivateFileAtomically } from '../fs/private-file';

/**
 * Where FieldKey keeps secrets (the portal session token): never in settings, the database or
 * logs. Async so an OS keychain can stand behind it. The Electron host provides one backed by
 * safeStorage; the browser host uses `FileSecretStore`.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export const SECRETS_FILE_NAME = 'secrets.json';

/** The secret name of the session token for one portal. */
export function portalTokenSecretName(portalUrl: string): string {
  return `portal-token ${portalUrl}`;
}

/**
 * The browser host's secret store: `secrets.json` in the data directory, readable by the user
 * only (0600), replaced atomically so a crash leaves the old or the new file, never half of one.
 * It protects against other users of the machine, not against the user's own processes.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async get(name: string): Promise<string | null> {
    return this.readAll()[name] ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    this.writeAll({ ...this.readAll(), [name]: value });
  }

  async delete(name: string): Promise<void> {
    const all = this.readAll();
    if (!(name in all)) return;
    delete all[name];
    this.writeAll(all);
  }

  private readAll(): Record<string, string> {
    return readStringRecord(this.file);
  }

  private writeAll(secrets: Record<string, string>): void {
    writePrivateFileAtomically(this.file, `${JSON.stringify(secrets)}\n`);
  }
}

/** Secrets in memory only (tests, tools). */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();
  async get(name: string): Promise<string | null> {
    return this.secrets.get(name) ?? null;
  }
  async set(name: string, value: string): Promise<void> {
    this.secrets.set(name, value);
  }
  async delete(name: string): Promise<void> {
    this.secrets.delete(name);
  }
}
