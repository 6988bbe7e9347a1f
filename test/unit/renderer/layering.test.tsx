// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import { sourceFiles } from '../../support/source-files';

const rendererSrc = path.resolve(__dirname, '..', '..', '..', 'renderer', 'src');

/** Imports of core/ modules: which module, and whether only types are imported. */
export function coreImports(source: string): { module: string; typeOnly: boolean }[] {
  const found: { module: string; typeOnly: boolean }[] = [];
  for (const match of source.matchAll(/\b(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]*\bcore\/[^'"]+)['"]/g)) {
    const names = match[3] ?? '';
    // `import { type A, type B }` is type-only too.
    const inlineTypeOnly =
      /^\{[^}]*\}$/.test(names.trim()) &&
      names
        .replace(/[{}\s]/g, '')
        .split(',')
        .every((n) => n.startsWith('type'));
    found.push({
      module: match[4]!.replace(/^.*?\bcore\//, 'core/').replace(/\.(ts|js)$/, ''),
      typeOnly: Boolean(match[2]) || inlineTypeOnly,
    });
  }
  for (const match of source.matchAll(/\bimport\s*\(?\s*['"]([^'"]*\bcore\/[^'"]+)['"]/g)) {
    found.push({ module: match[1]!.replace(/^.*?\bcore\//, 'core/'), typeOnly: false });
  }
  return found;
}

/** What the renderer may load from core at run time: the client, errors and the two transports. */
const runtimeAllowed = new Set([
  'core/api/client',
  'core/api/contract',
  'core/rpc/errors',
  'core/rpc/transport/websocket-client',
  'core/rpc/transport/bridge-client',
]);
/**
 * The pure format rules (codes, MACs): the form checks exactly what core checks. And the barcode
 * decoders (core/barcode, DOM-free): the scan worker runs the ones core reads pictures with.
 */
const runtimeAllowedPattern = /^core\/(domain\/[a-z-]+|messages\/(catalogue|language)|barcode(\/[a-z-]+)?)$/;
/**
 * Feature contracts declare zod schemas: the renderer takes their types, and the larger forms
 * validate with their argument schemas (react-hook-form's zodResolver), so they load at run time
 * too. What a contract itself loads is checked below: zod and pure modules only.
 */
const contractPattern = /^core\/[a-z-]+\/contract$/;
const typeOnlyAllowed = contractPattern;

describe('renderer layering', () => {
  it('the scanner tells type-only imports from value imports (so the rule below can fail)', () => {
    const sample = [
      `import { createApiClient } from '../../../core/api/client';`,
      `import type { Settings } from '../../core/settings/contract';`,
      `import { type AppInfo } from '../core/app/contract';`,
      `import { settingsSchema } from '../core/settings/contract';`,
      `import { openDatabase } from '../core/db/database';`,
      `const lazy = import('../core/host/browser-host');`,
    ].join('\n');
    expect(coreImports(sample)).toEqual([
      { module: 'core/api/client', typeOnly: false },
      { module: 'core/settings/contract', typeOnly: true },
      { module: 'core/app/contract', typeOnly: true },
      { module: 'core/settings/contract', typeOnly: false },
      { module: 'core/db/database', typeOnly: false },
      { module: 'core/host/browser-host', typeOnly: false },
    ]);
  });

  it('renderer/src reaches core only through the API client, its errors, its transports, contract types, the pure domain rules and the barcode decoders', () => {
    const offenders = sourceFiles(rendererSrc).flatMap((file) =>
      coreImports(fs.readFileSync(file, 'utf8'))
        .filter(
          ({ module, typeOnly }) =>
            !runtimeAllowed.has(module) &&
            !runtimeAllowedPattern.test(module) &&
            !contractPattern.test(module) &&
            !(typeOnly && typeOnlyAllowed.test(module)),
        )
        .map(({ module, typeOnly }) => `${path.relative(rendererSrc, file)} imports ${typeOnly ? 'types from ' : ''}${module}`),
    );
    expect(offenders).toEqual([]);
  });

  it('a feature contract loads only zod and pure modules (the renderer runs its schemas)', () => {
    const coreDir = path.resolve(rendererSrc, '..', '..', 'core');
    const pure =
      /^core\/([a-z-]+\/contract|rpc\/define|list-query\/search-text|domain\/[a-z-]+|messages\/(catalogue|language)|portal-api\/schemas)$/;
    const offenders = fs
      .readdirSync(coreDir)
      .map((dir) => path.join(coreDir, dir, 'contract.ts'))
      .filter((file) => fs.existsSync(file))
      .flatMap((file) => {
        const source = fs
          .readFileSync(file, 'utf8')
          .replace(/from '\.\.\//g, "from 'core/")
          .replace(/from '\.\//g, `from 'core/${path.basename(path.dirname(file))}/`);
        const others = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!).filter((m) => m !== 'zod');
        return coreImports(source)
          .filter(({ typeOnly, module }) => !typeOnly && !pure.test(module))
          .map(({ module }) => `${path.relative(coreDir, file)} loads ${module}`)
          .concat(others.filter((m) => !m.startsWith('core/')).map((m) => `${path.relative(coreDir, file)} loads ${m}`));
      });
    expect(offenders).toEqual([]);
  });
});
