/**
 * Save diagnostics: one `.zip` a technician can send to support, made only of what helps find a
 * fault and nothing secret. The logs are redacted when written and scrubbed again here; the
 * database and the secrets file are listed by name and size, never read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';
import type { ExportedFile } from '../export/contract';
import { lastErrorEntries, listLogFiles, logsDir } from '../log/logger';
import { redactValue, scrubText, type KnownSecrets } from '../log/redact';

export const DIAGNOSTICS_LAST_ERRORS = 50;
/** Enough for every file a FieldKey data folder holds; a folder someone filled with other things is cut off. */
const MAX_LISTED_FILES = 2000;

export interface DiagnosticsSources {
  version: string;
  host: string;
  dataDir: string;
  schemaVersion: () => number;
  syncState: () => unknown;
  outboxCountsByStatus: () => Record<string, number>;
  settings: () => unknown;
  now: () => Date;
  knownSecrets?: KnownSecrets;
}

export interface DataFolderEntry {
  /** Relative to the data folder, with `/` between folders. */
  name: string;
  bytes: number;
}

/** File names and sizes under the data folder (not their contents). */
export function dataFolderEntries(dataDir: string): DataFolderEntry[] {
  const entries: DataFolderEntry[] = [];
  const walk = (dir: string, depth: number) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names) {
      if (entries.length >= MAX_LISTED_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < 4) walk(full, depth + 1);
      } else if (entry.isFile()) {
        try {
          entries.push({ name: path.relative(dataDir, full).split(path.sep).join('/'), bytes: fs.statSync(full).size });
        } catch {
          // Removed while listing.
        }
      }
    }
  };
  walk(dataDir, 0);
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

function zipToBuffer(zip: ZipFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
    zip.end();
  });
}

/** `FieldKey diagnostics 2026-12-04 173012.zip` (UTC, so two saves in a day do not collide). */
export function diagnosticsFileName(at: Date): string {
  const iso = at.toISOString();
  return `FieldKey diagnostics ${iso.slice(0, 10)} ${iso.slice(11, 19).replaceAll(':', '')}.zip`;
}

/** A part that fails (the database is what broke) says so in its place; the rest still helps. */
function attempt<T>(read: () => T): T | { unavailable: string } {
  try {
    return read();
  } catch (err) {
    return { unavailable: err instanceof Error ? err.message : String(err) };
  }
}

export async function buildDiagnostics(sources: DiagnosticsSources): Promise<ExportedFile> {
  const known = sources.knownSecrets;
  const at = sources.now();
  const mtime = at;
  const zip = new ZipFile();
  const add = (name: string, value: unknown) => zip.addBuffer(json(redactValue(value, known)), name, { mtime });

  add('about.json', {
    savedAt: at.toISOString(),
    app: { name: 'FieldKey', version: sources.version, host: sources.host },
    os: { platform: process.platform, type: os.type(), release: os.release(), arch: process.arch },
    runtime: { node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
    database: { schemaVersion: attempt(sources.schemaVersion) },
  });
  add('data-folder.json', dataFolderEntries(sources.dataDir));
  add('sync.json', { state: attempt(sources.syncState), outboxByStatus: attempt(sources.outboxCountsByStatus) });
  add('settings.json', attempt(sources.settings));

  const logs = logsDir(sources.dataDir);
  add('last-errors.json', lastErrorEntries(logs, DIAGNOSTICS_LAST_ERRORS));
  for (const file of listLogFiles(logs)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    // Written redacted; scrubbed again in case a line came from an older FieldKey.
    zip.addBuffer(Buffer.from(scrubText(text, known)), `logs/${path.basename(file)}`, { mtime });
  }

  return { fileName: diagnosticsFileName(at), mimeType: 'application/zip', base64: (await zipToBuffer(zip)).toString('base64') };
}
