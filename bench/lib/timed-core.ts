/**
 * A FieldKey core over an existing data folder, in-process, and timers for its API calls: what the
 * cache benchmarks (keys, servers) measure is a call through the same dispatch the hosts use.
 */
import { createCore } from '../../core/core';
import { MemorySecretStore } from '../../core/secrets/secret-store';
import { MemorySettingsStore } from '../../core/settings/store';
import { median } from '../report';

export function timedCore(dataDir: string) {
  const core = createCore({
    version: 'bench',
    dataDir,
    host: 'browser',
    settingsStore: new MemorySettingsStore(),
    secretStore: new MemorySecretStore(),
    portalUrlOverride: null,
  });
  // biome-ignore lint/suspicious/noExplicitAny: the benches read a few fields of each answer loosely
  const invoke = (method: string, args: unknown) => core.server.dispatch(method, args) as Promise<any>;
  /** One call and how long it took. */
  const time = async (method: string, args: unknown) => {
    const started = performance.now();
    const result = await invoke(method, args);
    return { ms: performance.now() - started, result };
  };
  /** Median of `runs` calls (the first call prepares statements and warms the cache: not counted). */
  const medianOf = async (method: string, args: unknown, runs = 5) => {
    const first = await invoke(method, args);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await time(method, args)).ms);
    return { ms: median(times), result: first };
  };
  return { core, invoke, time, medianOf };
}
