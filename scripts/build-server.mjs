#!/usr/bin/env node
// The compiled server: `node scripts/build-server.mjs` (npm run build:server, and npm ci's postinstall) bundles
// server/cli/main.ts with esbuild into dist/ (ES modules, split: each CLI command's code is a chunk loaded when that
// command runs; kysely and pg bundled in — loading their hundreds of small modules was most of a CLI start; the other
// packages stay in node_modules), copies the files the server reads next to its code at run time (migrations,
// reference data), and stamps the build. Types are checked by `npm run typecheck`, not here. bin/phaseout refuses a build older than its sources
// (serverBuildState), and the test setups call ensureServerBuild(), so a stale build never runs silently.
// This module imports only node: built-ins (bin/phaseout loads it on every start).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
/** Inputs of the build besides server/ (a change to any of them makes the build stale). */
const INPUTS = ['package.json', 'scripts/build-server.mjs'];
/** What the server reads from disk next to its code at run time (source dir → dir beside the bundle). */
const ASSETS = [
  ['db/migrations', 'migrations'],
  ['seeds/reference', 'reference'],
  // the spreadsheet reader's worker thread (plain JavaScript, loaded by URL beside the bundle; issue #19, item 4)
  ['platform/spreadsheet/sheet-worker.mjs', 'sheet-worker.mjs'],
  // the error report's worker thread (the same; round 3 of issue #19)
  ['platform/spreadsheet/report-worker.mjs', 'report-worker.mjs'],
  // the cell-text rules both workers import (./cell-text.mjs beside them)
  ['platform/spreadsheet/cell-text.mjs', 'cell-text.mjs'],
];
/** Packages bundled into dist/ (pure JavaScript, many small modules); every other package is imported from node_modules. */
const BUNDLED = new Set(['kysely', 'pg']);

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const n of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, n)));
  return m;
}

/** 'fresh', 'missing' or 'stale' (a source newer than the build; no sources at all — a deployed dist — is fresh). */
export function serverBuildState() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return 'missing';
  }
  const sources = Math.max(newest(path.join(ROOT, 'server')), ...INPUTS.map((f) => newest(path.join(ROOT, f))));
  return sources > built ? 'stale' : 'fresh';
}

/** Bundles the server into dist/; returns an error text or null. */
export async function buildServer({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return 'esbuild is not installed (production install): build where dev dependencies exist';
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((d) => !BUNDLED.has(d));
  fs.rmSync(DIST, { recursive: true, force: true });
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { main: 'server/cli/main.ts' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outdir: DIST,
      chunkNames: '[name]-[hash]',
      external: [...external, 'pg-native'],
      sourcemap: true,
      logLevel: quiet ? 'error' : 'warning',
      // bundled CommonJS (pg) calls require() for node: built-ins
      banner: { js: "import { createRequire as __phaseoutRequire } from 'node:module'; const require = __phaseoutRequire(import.meta.url);" },
    });
  } catch (e) {
    return `esbuild failed: ${e.message}`;
  }
  for (const [from, to] of ASSETS) fs.cpSync(path.join(ROOT, 'server', from), path.join(DIST, to), { recursive: true });
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return null;
}

/** Builds when the build is missing or older than its sources (test setups); throws when the build fails. */
export async function ensureServerBuild() {
  if (serverBuildState() === 'fresh') return false;
  const err = await buildServer({ quiet: true });
  if (err) throw new Error(`building the server failed: ${err}`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const err = await buildServer();
  if (err) {
    console.error(`phaseout: building the server failed: ${err}`);
    process.exit(1);
  }
  console.log(`phaseout: server compiled into dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
