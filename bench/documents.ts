/**
 * Documents bench (issue 11; not part of npm test), in process, no database:
 *
 * - 100 official documents rendered in a row as .docx (renderDocument: template → GB/T 9704-2012 layout → docx
 *   Packer → SHA-256), each a 限期整改通知书 with its own enterprise, lines and dates; per-document p50/p95/p99 against
 *   the target p95 ≤ 100 ms, next to a BASELINE measured in the same run: a one-paragraph .docx through the same
 *   `docx` Packer (the library's floor, so the ratio is what the layout and the content add);
 * - PDF throughput with LibreOffice (`soffice --headless --convert-to pdf`, one private profile per process,
 *   conversions serialised): BENCH_PDF documents (default 5) one after another, documents per minute; the first
 *   conversion (which builds the profile) is reported apart. Skipped, with a note, when LibreOffice is absent.
 *
 * Standalone: `npx tsx bench/documents.ts`. BENCH_DOCS sets the number of .docx (default 100).
 */
import { pathToFileURL } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import { renderDocument } from '../server/modules/documents/documents.service.ts';
import { convertToPdf, sofficeBinary } from '../server/modules/documents/pdf.ts';
import { sampleContent } from '../server/modules/documents/test-fixtures.ts';
import '../server/modules/documents/templates/index.ts';
import { percentile, printResults, type BenchResult } from './load.ts';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function contentOf(i: number) {
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    ...sampleContent,
    enterprise: { ...sampleContent.enterprise, name: `芜湖第${i}号示例钢铁有限公司`, creditCode: `91340200MA2T${String(i).padStart(6, '0')}` },
    lines: Array.from({ length: 1 + (i % 4) }, (_, k) => ({
      name: `${k + 1}号烧结机`,
      kindName: '烧结机',
      model: `${90 + k}㎡`,
      capacity: String(100 + k * 10),
      capacityUnit: '万吨/年',
    })),
    act: { ...sampleContent.act, date: `2026-03-${day}` },
  };
}

export async function benchDocuments(opts: { log?: (m: string) => void; docs?: number; pdfs?: number } = {}): Promise<BenchResult[]> {
  const log = opts.log ?? (() => undefined);
  const n = opts.docs ?? Number(process.env.BENCH_DOCS ?? 100);
  const pdfs = opts.pdfs ?? Number(process.env.BENCH_PDF ?? 5);
  log(`documents bench: ${n} .docx in a row…`);
  // warm-up (module loading, JIT) outside the measurement, for both series alike
  for (let i = 0; i < 5; i++) {
    await renderDocument('rectification-notice', contentOf(i), { unitName: '芜湖市镜湖区人民政府', number: `镜政淘汰〔2026〕${i + 1}号`, date: '2026-03-05' });
    await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('限期整改通知书')] }] }));
  }
  const times: number[] = [];
  // per document, also the process's CPU time (user + system): what the render costs, whatever the machine's queue
  const cpuTimes: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const r = await renderDocument('rectification-notice', contentOf(i), {
      unitName: '芜湖市镜湖区人民政府',
      number: `镜政淘汰〔2026〕${i + 1}号`,
      date: '2026-03-05',
    });
    const cu = process.cpuUsage(c);
    times.push(ms(t));
    cpuTimes.push((cu.user + cu.system) / 1000);
    bytes += r.docx.length;
  }
  const total = ms(t0);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / n;
  const base: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(`限期整改通知书 ${i}`)] }] }));
    base.push(ms(t));
  }
  times.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  const cpuP95 = percentile(cpuTimes, 95);
  const results: BenchResult[] = [
    {
      name: `.docx render, ${n} documents in a row (in process)`,
      unit: 'ms/doc',
      value: total / n,
      baseline: percentile(base, 50),
      ratio: percentile(base, 50) / percentile(times, 50),
      p50: percentile(times, 50),
      p95,
      p99: percentile(times, 99),
      target: `p95 ≤ 100 ms: ${p95 <= 100 ? 'met' : 'NOT met'} in wall time; CPU p95 ${cpuP95.toFixed(1)} ms: ${cpuP95 <= 100 ? 'met' : 'NOT met'}`,
      note: `CPU ${cpuMs.toFixed(1)} ms/doc mean, p50/p95/p99 ${percentile(cpuTimes, 50).toFixed(1)}/${cpuP95.toFixed(1)}/${percentile(cpuTimes, 99).toFixed(1)} ms (load-independent); load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}; ${(bytes / n / 1024).toFixed(1)} KiB each; baseline = p50 of a one-paragraph .docx through the same Packer (ratio = baseline/app p50)`,
    },
  ];
  if (!sofficeBinary()) {
    results.push({ name: 'PDF (LibreOffice)', unit: 'docs/min', value: 0, note: 'skipped: LibreOffice (soffice) is not installed' });
    return results;
  }
  log(`documents bench: ${pdfs + 1} PDF conversions with LibreOffice…`);
  const first = await renderDocument('rectification-notice', contentOf(0), {
    unitName: '芜湖市镜湖区人民政府',
    number: '镜政淘汰〔2026〕1号',
    date: '2026-03-05',
  });
  let t = process.hrtime.bigint();
  await convertToPdf(first.docx);
  const firstMs = ms(t);
  const each: number[] = [];
  t = process.hrtime.bigint();
  for (let i = 1; i <= pdfs; i++) {
    const r = await renderDocument('rectification-notice', contentOf(i), {
      unitName: '芜湖市镜湖区人民政府',
      number: `镜政淘汰〔2026〕${i + 1}号`,
      date: '2026-03-05',
    });
    const c = process.hrtime.bigint();
    await convertToPdf(r.docx);
    each.push(ms(c));
  }
  const pdfTotal = ms(t);
  each.sort((a, b) => a - b);
  results.push({
    name: `PDF throughput, ${pdfs} conversions in a row (LibreOffice, one profile)`,
    unit: 'docs/min',
    value: (pdfs / pdfTotal) * 60_000,
    p50: percentile(each, 50),
    p95: percentile(each, 95),
    p99: percentile(each, 99),
    note: `first conversion (builds the profile) ${firstMs.toFixed(0)} ms; each conversion starts soffice (cached as document_pdf by .docx hash, so a document converts once)`,
  });
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printResults(await benchDocuments({ log: (m) => process.stderr.write(`${m}\n`) }));
  process.exit(0);
}
