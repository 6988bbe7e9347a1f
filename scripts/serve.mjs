#!/usr/bin/env node
// `npm run serve -- [--port N] [--data-dir DIR] [--portal URL]`: builds what is stale, then runs
// the browser host in this process (so SIGINT/SIGTERM reach it directly).
import { build } from './build.mjs';

await build();
await import('../dist/node/serve.mjs');
