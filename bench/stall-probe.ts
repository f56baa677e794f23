/**
 * The event-loop stall probe of the workbook benches (import parsing, the error report): a piece of work timed over
 * several runs together with the longest stall of this (the serving) thread's event loop while it ran
 * (perf_hooks.monitorEventLoopDelay, max) — the figure that matters to every other request on the instance — and the
 * two bench results that compare the way under test with its baseline measured in the same run.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BenchResult } from './load.ts';

export interface StallMeasure {
  /** median wall time, ms */
  ms: number;
  /** median of the runs' longest event-loop stall, ms */
  stallMs: number;
}

/** Runs `f` `runs` times; the median wall time and the median longest event-loop stall. */
export async function measureStall(runs: number, f: () => Promise<unknown>): Promise<StallMeasure> {
  const times: number[] = [];
  const stalls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
    h.disable();
    stalls.push(h.max / 1e6);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  return { ms: med(times), stallMs: med(stalls) };
}

/** The wall-time and the stall result of `measured` against `baseline` (results named `${subject}: …`). */
export function stallResults(o: {
  subject: string;
  /** what was measured, after the subject */
  what: string;
  measured: StallMeasure;
  baseline: StallMeasure;
  /** the workload, and what the baseline did */
  note: string;
  baselineNote: string;
  /** what ran while the stall was probed */
  during: string;
}): BenchResult[] {
  return [
    {
      name: `${o.subject}: ${o.what}`,
      unit: 'ms',
      value: o.measured.ms,
      baseline: o.baseline.ms,
      ratio: o.measured.ms / o.baseline.ms,
      note: `${o.note}; baseline: ${o.baselineNote}`,
    },
    {
      name: `${o.subject}: longest event-loop stall of the serving thread`,
      unit: 'ms',
      value: o.measured.stallMs,
      baseline: o.baseline.stallMs,
      ratio: o.measured.stallMs / o.baseline.stallMs,
      target: 'far below the baseline',
      note: `monitorEventLoopDelay max while ${o.during}`,
    },
  ];
}
