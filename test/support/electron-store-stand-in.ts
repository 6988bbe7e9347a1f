/**
 * Stands in for electron-store in unit tests. The real package imports the real `electron`
 * from node_modules, where vi.mock cannot reach; this does what its constructor does (put the
 * file in userData, named by `name`) on top of the same `conf` it extends, so reads and writes
 * still go through a real JSON file.
 */
import Conf, { type Options } from 'conf';
import { app } from './electron-stand-in';

export default class ElectronStoreStandIn<T extends Record<string, any> = Record<string, unknown>> extends Conf<T> {
  constructor(options: Omit<Options<T>, 'configName' | 'projectName' | 'projectVersion' | 'cwd'> & { name?: string } = {}) {
    const { name = 'config', ...rest } = options;
    super({ ...rest, configName: name, cwd: app.getPath('userData'), projectVersion: app.getVersion() } as Options<T>);
  }
}
