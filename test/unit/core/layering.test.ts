import fs from 'node:fs';
import path from 'node:path';

// Which folder may import which is Biome's noRestrictedImports (biome.json; its cases are in
// test/unit/lint/import-boundaries.test.ts). What a linter cannot see is checked here.
const root = path.resolve(__dirname, '..', '..', '..');

describe('layering', () => {
  it('core/ compiles without the DOM library (its tsconfig has none)', () => {
    const tsconfig = fs.readFileSync(path.join(root, 'core', 'tsconfig.json'), 'utf8');
    const lib = /"lib"\s*:\s*\[([^\]]*)\]/.exec(tsconfig)?.[1] ?? '';
    expect(lib).not.toMatch(/dom/i);
    expect(/"types"\s*:\s*\[([^\]]*)\]/.exec(tsconfig)?.[1]).toBe('"node"');
  });

  it('every part is in the root tsconfig.json, so tsc -b type-checks it with its own settings', () => {
    const solution = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
    const referenced = [...solution.matchAll(/"path"\s*:\s*"\.\/([^"]+)"/g)].map((m) => m[1]);
    const parts = fs.readdirSync(root).filter((dir) => fs.existsSync(path.join(root, dir, 'tsconfig.json')));
    expect(referenced.sort()).toEqual(parts.sort());
  });
});
