/**
 * A small closed-loop HTTP load generator for the benches: N concurrent clients on keep-alive connections to
 * 127.0.0.1 only, bounded in time and in request count. Reports req/s and latency percentiles.
 */
import fs from 'node:fs';
import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface LoadOptions {
  port: number;
  /** path, or a function giving the path of the i-th request */
  path: string | ((i: number) => string);
  headers?: Record<string, string>;
  concurrency: number;
  durationMs: number;
  maxRequests?: number;
  /** a status other than this counts as an error */
  expectStatus?: number;
  /** stop early when this signal fires */
  signal?: AbortSignal;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const t0 = performance.now();
  const end = t0 + o.durationMs;
  const max = o.maxRequests ?? Number.POSITIVE_INFINITY;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port: o.port, path: typeof o.path === 'string' ? o.path : o.path(i), agent, headers: o.headers ?? {} },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            latencies.push(performance.now() - start);
            if (res.statusCode !== (o.expectStatus ?? 200)) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const worker = async () => {
    while (performance.now() < end && issued < max && !o.signal?.aborted) await one(issued++);
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baseline?: number;
  ratio?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  target?: string;
  note?: string;
}

export function printResults(results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${r.value.toFixed(r.value < 10 ? 2 : 0)} ${r.unit}`,
    r.baseline !== undefined ? `${r.baseline.toFixed(0)} ${r.unit}` : '',
    r.ratio !== undefined ? `${(r.ratio * 100).toFixed(0)} %` : '',
    r.p50 !== undefined ? `${r.p50.toFixed(1)} / ${(r.p95 ?? 0).toFixed(1)} / ${(r.p99 ?? 0).toFixed(1)}` : '',
    r.target ?? '',
    r.note ?? '',
  ]);
  const head = ['benchmark', 'value', 'baseline (same run)', 'ratio', 'p50/p95/p99 ms', 'target', 'note'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  console.log([line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n'));
}

/**
 * CPU time used by this process and by a local PostgreSQL server (the postmaster and all its children, read from
 * /proc), for per-operation CPU figures that stay meaningful on a noisy machine where throughput does not.
 * `serverPid` is any backend's pid (`select pg_backend_pid()`); its parent is the postmaster.
 */
export interface CpuSample {
  nodeUs: number;
  /** of which in the kernel (system calls: socket reads and writes) */
  nodeSysUs: number;
  pgUs: number;
}

function statFields(pid: number | string): string[] | undefined {
  try {
    const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return st.slice(st.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone, or not Linux
  }
}

export function cpuMeter(backendPid: number): () => CpuSample {
  const postmaster = Number(statFields(backendPid)?.[1] ?? 0);
  const tick = 1_000_000 / 100; // USER_HZ
  return () => {
    let pg = 0;
    if (postmaster > 0 && fs.existsSync('/proc')) {
      for (const d of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(d)) continue;
        const f = statFields(d);
        if (f && (Number(d) === postmaster || Number(f[1]) === postmaster)) pg += (Number(f[11]) + Number(f[12])) * tick;
      }
    }
    const c = process.cpuUsage();
    return { nodeUs: c.user + c.system, nodeSysUs: c.system, pgUs: pg };
  };
}

export function cpuPer(a: CpuSample, b: CpuSample, n: number): { node: number; nodeSys: number; pg: number; total: number } {
  const node = (b.nodeUs - a.nodeUs) / n;
  const pg = (b.pgUs - a.pgUs) / n;
  return { node, nodeSys: (b.nodeSysUs - a.nodeSysUs) / n, pg, total: node + pg };
}
