import fs from 'node:fs';
import path from 'node:path';

// core/db/sqlite.ts is the one module that constructs better-sqlite3: it adds the native binding
// the host configured (Electron's ABI build in the packaged app). A module importing the package
// as a value could open a database without it, which works under Node and fails only when packaged.
const root = path.resolve(__dirname, '..', '..', '..');
const OPENER = 'core/db/sqlite.ts';
const SCANNED_DIRS = ['core', 'electron', 'cli', 'portal-sandbox', 'scripts', 'bench'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

const PACKAGE = `['"]better-sqlite3['"]`;
const VALUE_IMPORTS = [
  // import X from / import { a } from / import * as X from (but not `import type`)
  new RegExp(String.raw`(^|[;\n])\s*import\s+(?!type\s)[^;]*?\sfrom\s*${PACKAGE}`),
  new RegExp(String.raw`(^|[;\n])\s*import\s*${PACKAGE}`),
  new RegExp(String.raw`(^|[;\n])\s*export\s+(?!type\s)[^;]*?\sfrom\s*${PACKAGE}`),
  new RegExp(String.raw`\brequire\s*\(\s*${PACKAGE}\s*\)`),
  new RegExp(String.raw`\bimport\s*\(\s*${PACKAGE}\s*\)`),
];

/** Whether a module's text uses better-sqlite3 as a value (type-only imports are erased). */
function importsBetterSqlite3AsValue(text: string): boolean {
  return VALUE_IMPORTS.some((pattern) => pattern.test(text));
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE.test(entry.name)) files.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return files;
}

describe('better-sqlite3 is constructed only by core/db/sqlite.ts', () => {
  it.each([
    { text: "import Database from 'better-sqlite3';", value: true },
    { text: 'import * as Sqlite from "better-sqlite3";', value: true },
    { text: "import { default as D } from 'better-sqlite3';", value: true },
    { text: "import 'better-sqlite3';", value: true },
    { text: "const Database = require('better-sqlite3');", value: true },
    { text: "const { default: D } = await import('better-sqlite3');", value: true },
    { text: "export { default } from 'better-sqlite3';", value: true },
    { text: "import type BetterSqlite3 from 'better-sqlite3';", value: false },
    { text: "export type { Database } from 'better-sqlite3';", value: false },
    { text: "const external = ['better-sqlite3', 'electron'];", value: false },
    { text: "// better-sqlite3 is synchronous: import Database from 'better-sqlite3' is not needed here", value: false },
  ])('$text → value import: $value', ({ text, value }) => {
    expect(importsBetterSqlite3AsValue(text)).toBe(value);
  });

  it('no module of core/, electron/, cli/, portal-sandbox/, scripts/ or bench/ but the opener imports it as a value', () => {
    const offenders = SCANNED_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir)))
      .map((file) => path.relative(root, file).split(path.sep).join('/'))
      .filter((file) => file !== OPENER && importsBetterSqlite3AsValue(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the opener does import it (the scan looks at the right files)', () => {
    expect(importsBetterSqlite3AsValue(fs.readFileSync(path.join(root, OPENER), 'utf8'))).toBe(true);
  });
});
