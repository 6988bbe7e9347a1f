import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier a file imports, re-exports, requires or dynamically imports. */
export function importedSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

const forbiddenInCore = /^(electron|react|react-dom|i18next|react-i18next)($|\/)|^@(mui|emotion)\//;

describe('layering', () => {
  it('the import scanner sees every form of import (so the rule below can fail)', () => {
    const sample = `import a from 'electron';\nimport type { B } from "react";\nexport * from '@mui/material';\nimport 'react-dom';\nconst c = require('electron/main');\nconst d = await import('@emotion/react');`;
    expect(importedSpecifiers(sample).filter((s) => forbiddenInCore.test(s))).toHaveLength(6);
  });

  it('core/ never imports Electron, React, MUI or the renderer', () => {
    const offenders = sourceFiles(path.join(root, 'core')).flatMap((file) =>
      importedSpecifiers(fs.readFileSync(file, 'utf8'))
        .filter((spec) => forbiddenInCore.test(spec) || /(^|\/)(renderer|electron)\//.test(spec))
        .map((spec) => `${path.relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('core/ compiles without the DOM library (its tsconfig has none)', () => {
    const tsconfig = fs.readFileSync(path.join(root, 'core', 'tsconfig.json'), 'utf8');
    const lib = /"lib"\s*:\s*\[([^\]]*)\]/.exec(tsconfig)?.[1] ?? '';
    expect(lib).not.toMatch(/dom/i);
    expect(/"types"\s*:\s*\[([^\]]*)\]/.exec(tsconfig)?.[1]).toBe('"node"');
  });

  it('core/domain is pure rules: it imports nothing but its own files (the renderer shares it)', () => {
    const offenders = sourceFiles(path.join(root, 'core', 'domain')).flatMap((file) =>
      importedSpecifiers(fs.readFileSync(file, 'utf8'))
        .filter((spec) => !/^\.\/[a-z-]+$/.test(spec))
        .map((spec) => `${path.relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches core only through the API client, the contracts and the pure domain rules', () => {
    // core/domain (code and MAC formats) is shared so the form checks exactly what core checks.
    const allowed =
      /core\/api\/(client|contract|errors|define|wire|rpc|transport\/(websocket-client|bridge-client))$|core\/[a-z-]+\/contract$|core\/domain\/[a-z-]+$/;
    const renderer = path.join(root, 'renderer');
    const offenders = sourceFiles(renderer).flatMap((file) =>
      importedSpecifiers(fs.readFileSync(file, 'utf8'))
        .filter((spec) => spec.includes('core/') && !allowed.test(spec.replace(/\.(ts|js)$/, '')))
        .map((spec) => `${path.relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
