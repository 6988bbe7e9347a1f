#!/usr/bin/env node
// `npm run docs:portal-api`: writes docs/portal-api.openapi.json from the endpoint table and its zod schemas
// (core/portal-api/openapi.ts), bundled in memory with esbuild.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'docs', 'portal-api.openapi.json');

const bundled = await build({
  entryPoints: [path.join(root, 'core', 'portal-api', 'openapi.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const { openApiJson } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, openApiJson());
console.log(`Wrote ${path.relative(root, target)}.`);
