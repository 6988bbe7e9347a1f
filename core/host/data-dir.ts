import os from 'node:os';
import path from 'node:path';

/**
 * Where FieldKey keeps its data when no directory is given: the same folder Electron uses for
 * the desktop app (its userData), so both hosts find the same database. FIELDKEY_DATA_DIR wins.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FIELDKEY_DATA_DIR) return path.resolve(env.FIELDKEY_DATA_DIR);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'FieldKey');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'FieldKey');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'FieldKey');
  }
}
