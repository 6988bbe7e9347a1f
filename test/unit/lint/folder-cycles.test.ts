import fs from 'node:fs';
import path from 'node:path';

/**
 * Biome's noImportCycles (biome.json) catches cycles between files. This catches the wider ones
 * between core's folders, type-only imports included: a feature folder may use the kernel
 * (core/rpc), shared parts (db, domain, export, import, list-query, log, ...) and features it
 * builds on, but never a folder that uses it back, and never core/api (the merged contract above
 * every feature).
 */
const root = path.resolve(__dirname, '..', '..', '..');
const core = path.join(root, 'core');

/** Folder → folders it imports (relative imports of non-test .ts files, `import type` included). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) addFile(full);
    }
  };
  const addFile = (file: string) => {
    const from = path.relative(core, file).split(path.sep)[0]!;
    if (from.endsWith('.ts')) return;
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) {
      const target = path.relative(core, path.resolve(path.dirname(file), match[1]!)).split(path.sep)[0]!;
      if (target === from || target.startsWith('..') || target.endsWith('.ts') || target === '') continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(target)) graph.get(from)!.set(target, path.relative(root, file));
    }
  };
  walk(core);
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('core folders', () => {
  const graph = folderGraph();

  it('the finder sees folder imports, type-only ones included (so the checks below can fail)', () => {
    expect(graph.get('keys')?.has('rpc')).toBe(true);
    expect(
      cycles(
        new Map([
          ['a', new Map([['b', 'x']])],
          ['b', new Map([['a', 'y']])],
        ]),
      ),
    ).toEqual([['a', 'b']]);
  });

  it('the RPC kernel imports no feature: only the logger and the message catalogue', () => {
    expect([...(graph.get('rpc')?.keys() ?? [])].sort()).toEqual(['log', 'messages']);
  });

  it('the message catalogue imports no other folder', () => {
    expect([...(graph.get('messages')?.keys() ?? [])]).toEqual([]);
  });

  it('no folder imports core/api (the merged contract) except the composition root, the hosts and the file worker', () => {
    const allowed = new Set(['host']);
    const importers = [...graph]
      .filter(([from, to]) => to.has('api') && !allowed.has(from))
      .map(([from, to]) => `${from} (${to.get('api')})`);
    expect(importers).toEqual([]);
  });

  it('no cycles between folders', () => {
    expect(cycles(graph)).toEqual([]);
  });
});
