import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The layers are enforced by Biome's noRestrictedImports (biome.json), which `npm test` runs over
// the tree. These cases lint probe files laid out like the repo with the repo's own biome.json,
// so each rule is shown to fail on a crossing and to let the allowed imports through.
const root = path.resolve(__dirname, '..', '..', '..');
const biome = path.join(root, 'node_modules', '.bin', 'biome');

const cases: { file: string; imports: string; allowed: boolean }[] = [
  { file: 'core/sync/a.ts', imports: 'electron', allowed: false },
  { file: 'core/sync/b.ts', imports: '@mui/material', allowed: false },
  { file: 'core/sync/c.ts', imports: 'react', allowed: false },
  { file: 'core/sync/d.ts', imports: '../../portal-sandbox/server', allowed: false },
  { file: 'core/sync/e.ts', imports: '../../renderer/src/App', allowed: false },
  { file: 'core/sync/f.ts', imports: '../../test/support/sandbox-portal', allowed: false },
  { file: 'core/sync/g.ts', imports: '../../electron/window', allowed: false },
  { file: 'core/sync/h.ts', imports: '../db/database', allowed: true },
  { file: 'core/domain/a.ts', imports: '../api/contract', allowed: false },
  { file: 'core/domain/b.ts', imports: 'zod', allowed: false },
  { file: 'core/domain/c.ts', imports: './mac', allowed: true },
  { file: 'renderer/src/a.ts', imports: '../../core/db/database', allowed: false },
  { file: 'renderer/src/b.ts', imports: '../../core/sync/engine', allowed: false },
  { file: 'renderer/src/c.ts', imports: '../../portal-sandbox/server', allowed: false },
  { file: 'renderer/src/d.ts', imports: 'electron', allowed: false },
  { file: 'renderer/src/e.ts', imports: '../../test/support/y4m', allowed: false },
  { file: 'renderer/src/f.ts', imports: '../../core/api/client', allowed: true },
  { file: 'renderer/src/g.ts', imports: '../../core/sync/contract', allowed: true },
  { file: 'renderer/src/h.ts', imports: '../../core/domain/mac', allowed: true },
  { file: 'renderer/src/i.ts', imports: '@mui/material', allowed: true },
  { file: 'renderer/src/scan/j.ts', imports: '../../../core/barcode', allowed: true },
  { file: 'renderer/src/scan/k.ts', imports: '../../../core/barcode/multipass', allowed: true },
  { file: 'renderer/src/scan/l.ts', imports: '../../../core/codes/picture-codes', allowed: false },
  { file: 'portal-sandbox/a.ts', imports: '../core/sync/engine', allowed: false },
  { file: 'portal-sandbox/b.ts', imports: '../renderer/src/App', allowed: false },
  { file: 'portal-sandbox/c.ts', imports: '../core/db/database', allowed: true },
  { file: 'portal-sandbox/d.ts', imports: '../core/db/migrations/types', allowed: true },
  { file: 'portal-sandbox/e.ts', imports: '../core/portal-api/schemas', allowed: true },
  { file: 'portal-sandbox/f.ts', imports: '../core/command-line/options', allowed: true },
  { file: 'electron/a.ts', imports: '../portal-sandbox/server', allowed: false },
  { file: 'electron/b.ts', imports: '../renderer/src/App', allowed: false },
  { file: 'electron/c.ts', imports: '../portal-sandbox/embedded', allowed: true },
  { file: 'electron/d.ts', imports: '../core/core', allowed: true },
  { file: 'cli/a.ts', imports: '../test/support/serve-process', allowed: false },
  { file: 'cli/b.ts', imports: '../portal-sandbox/embedded', allowed: true },
  { file: 'bench/a.ts', imports: '../test/support/sandbox-portal', allowed: false },
  { file: 'test/unit/a.test.ts', imports: '../../core/db/database', allowed: true },
];

function lintProbes(): Map<string, string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-lint-probe-'));
  try {
    fs.copyFileSync(path.join(root, 'biome.json'), path.join(dir, 'biome.json'));
    for (const { file, imports } of cases) {
      fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      // A type-only import too: a type still ties the layers together.
      fs.writeFileSync(path.join(dir, file), `import type { Probe } from '${imports}';\n\nexport const probe: Probe | null = null;\n`);
    }
    const run = spawnSync(biome, ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const report = JSON.parse(run.stdout) as { diagnostics: { category: string; message: string; location: { path: string } }[] };
    const found = new Map<string, string[]>();
    for (const d of report.diagnostics) {
      if (d.category !== 'lint/style/noRestrictedImports') continue;
      const file = d.location.path.split(path.sep).join('/');
      found.set(file, [...(found.get(file) ?? []), d.message]);
    }
    return found;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('import boundaries (Biome noRestrictedImports)', () => {
  const found = lintProbes();

  it.each(cases)('$file importing $imports: allowed $allowed', ({ file, allowed }) => {
    const messages = found.get(file) ?? [];
    if (allowed) expect(messages).toEqual([]);
    else expect(messages.length).toBeGreaterThan(0);
  });
});
