/**
 * npm run bench: every benchmark on one province-scale data set (100,000 enterprises, ~150,000 lines, 300,000
 * cases, 2,000,000 case events) on the embedded engine, each figure next to a baseline measured in the same run.
 * Not part of npm test. Load targets 127.0.0.1 only and is bounded in time (BENCH_SECONDS per endpoint, default 10).
 * Writes the table to stdout and to bench-results.md (gitignored) for docs/performance.md.
 */
import fs from 'node:fs';
import { benchRegistry, benchScale } from './registry.ts';
import { benchCases } from './cases.ts';
import { benchDashboard } from './dashboard.ts';
import { benchSupervision } from './supervision.ts';
import { benchCredit } from './credit.ts';
import { benchDocuments } from './documents.ts';
import { benchPublicSite } from './public-site.ts';
import { benchStartup } from './startup.ts';
import { benchYearend } from './yearend.ts';
import { benchJobs } from './jobs.ts';
import { benchImportParse } from './import-parse.ts';
import { benchErrorReport } from './error-report.ts';
import { printResults, type BenchResult } from './load.ts';

const log = (m: string) => process.stderr.write(`${m}\n`);
const started = new Date();
// BENCH_SCALE=national (1,000,000 enterprises): only what issue 18 measures at that scale — the registry reads, the
// dashboard and a case act (docs/scaling.md); the rest runs at province scale
const national = benchScale() === 'national';
if (national) process.env.BENCH_SKIP_IO ??= '1';
const startup: BenchResult[] = [];
if (!national) {
  log('startup bench (compiled server and CLI, against the same through tsx)…');
  startup.push(...(await benchStartup({ log })));
  log('jobs bench (runner overhead)…');
  startup.push(...(await benchJobs()));
  log('import parse bench (worker + streamed reader against the in-thread load)…');
  startup.push(...(await benchImportParse({ log })));
  log('error report bench (worker against the in-thread build)…');
  startup.push(...(await benchErrorReport({ log })));
}
const results: BenchResult[] = await benchRegistry({
  log,
  also: async ({ port, headers, database }) => {
    log('dashboard bench…');
    const dash = await benchDashboard({ port, headers, db: database.db, seconds: Number(process.env.BENCH_SECONDS ?? 10) });
    log('cases bench (acts on the generated set)…');
    const cases = await benchCases({ database, log });
    if (national) return [...dash, ...cases];
    log('supervision bench (indicators of every territory, computed on read)…');
    const supervision = await benchSupervision({ port, headers, db: database.db, seconds: Number(process.env.BENCH_SECONDS ?? 10), log });
    log('documents bench (.docx in process, PDF with LibreOffice)…');
    const documents = await benchDocuments({ log });
    log('public site bench (published lists served from memory)…');
    const pub = await benchPublicSite({ port, db: database.db, seconds: Number(process.env.BENCH_SECONDS ?? 10), log });
    log('credit-list bench (issue 15)…');
    const credit = await benchCredit({ port, database, log });
    log('year-end bench (consolidation, exits workbook)…');
    const yearend = await benchYearend({ database, log });
    return [...dash, ...cases, ...supervision, ...documents, ...pub, ...credit, ...yearend];
  },
});
results.push(...startup);
printResults(results);
const md = [
  `# bench ${benchScale()} ${started.toISOString()} (${process.version}, ${(await import('node:os')).cpus().length} cores, load ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')})`,
  '',
];
const orig = console.log;
console.log = (s: string) => md.push(s);
printResults(results);
console.log = orig;
fs.writeFileSync('bench-results.md', `${md.join('\n')}\n`);
