#!/usr/bin/env node
// The `gongkai` command. Runs the compiled JavaScript (dist/server/cli/main.js, built at install by
// `npm install` / `npm ci`, scripts/build.mjs) when it is there and no source is newer; otherwise the
// TypeScript sources through tsx (a checkout built without scripts, or sources edited since the build).
import { serverIsFresh } from '../scripts/build-lib.mjs';

if (serverIsFresh()) {
  await import('../dist/server/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
