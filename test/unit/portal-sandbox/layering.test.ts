import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [full] : [];
  });
}

/** Module specifiers in static, dynamic and side-effect imports and re-exports. */
function specifiers(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
/** Where a relative specifier points, from the repo root. */
const target = (file: string, spec: string) => (spec.startsWith('.') ? relative(path.resolve(path.dirname(file), spec)) : spec);

describe('sandbox portal layering', () => {
  it('uses only the shared parts of core: domain formats, Portal API schemas, the database opener, HTTP helpers', () => {
    const offenders = sourceFiles(path.join(root, 'portal-sandbox')).flatMap((file) =>
      specifiers(file)
        .map((spec) => target(file, spec))
        .filter((t) => /^(core|renderer|electron)\//.test(t) && !/^core\/(domain|portal-api|db|http)\//.test(t))
        .map((t) => `${relative(file)} imports ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the app does not depend on the sandbox: only where a host is started (cli/, electron/) may start it', () => {
    const app = ['core', 'renderer', 'electron', 'cli'].flatMap((dir) => sourceFiles(path.join(root, dir)));
    const offenders = app
      .filter((file) => !/^(cli|electron)\//.test(relative(file)))
      .flatMap((file) =>
        specifiers(file)
          .filter((spec) => target(file, spec).startsWith('portal-sandbox/'))
          .map((spec) => `${relative(file)} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the scanner sees the import forms used here (so the rules above can fail)', () => {
    const sample = path.join(root, 'portal-sandbox', 'sandbox-routes.ts');
    expect(specifiers(sample)).toContain('./distributor-sheet');
    expect(specifiers(path.join(root, 'portal-sandbox', 'server.ts'))).toContain('../core/db/database');
  });
});
