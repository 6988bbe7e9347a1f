#!/usr/bin/env node
// Renders assets/icon.svg to assets/icon.png (1024×1024; electron-builder makes the .ico and
// .icns from it) and copies the SVG to renderer/public/favicon.svg, so there is one drawing.
// Run by hand after changing the SVG, and commit both outputs: no build needs a rasteriser.
//
// Uses rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg)
// or, failing that, Inkscape 1.x.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = path.join(root, 'assets', 'icon.svg');
const png = path.join(root, 'assets', 'icon.png');
const favicon = path.join(root, 'renderer', 'public', 'favicon.svg');
const SIZE = 1024;

const renderers = [
  ['rsvg-convert', ['--width', String(SIZE), '--height', String(SIZE), '--output', png, svg]],
  ['inkscape', [svg, '--export-type=png', `--export-filename=${png}`, `--export-width=${SIZE}`, `--export-height=${SIZE}`]],
];

let rendered = null;
for (const [command, args] of renderers) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error?.code === 'ENOENT') continue; // not installed: try the next one
  if (result.status !== 0) {
    console.error(`${command} could not render ${path.relative(root, svg)}: ${(result.stderr || result.error?.message || '').trim()}`);
    process.exit(1);
  }
  rendered = command;
  break;
}
if (!rendered) {
  console.error('No SVG rasteriser found: install rsvg-convert (apt-get install librsvg2-bin, or brew install librsvg) or Inkscape.');
  process.exit(1);
}

fs.copyFileSync(svg, favicon);
console.log(`Rendered ${path.relative(root, png)} (${SIZE}×${SIZE}) with ${rendered}; copied the SVG to ${path.relative(root, favicon)}.`);
