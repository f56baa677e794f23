/**
 * PDF renderings with LibreOffice (`soffice --headless --convert-to pdf`), optional at run time: without it the
 * console offers the .docx and says why (PDF_UNAVAILABLE). Conversions in one process run one at a time on one
 * private profile (`-env:UserInstallation` under the temp dir, made once per process), so parallel requests never
 * share or lock a profile and the profile is built once; each conversion works in a fresh temp folder, is bounded
 * in time (killed after PDF_TIMEOUT_MS), and uses FONTS_CONF (the GB/T 9704 font names → Noto CJK).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../platform/errors.ts';

export const PDF_TIMEOUT_MS = 120_000;
/**
 * The PDF fallback for the fonts GB/T 9704-2012 names (layout.ts). The .docx keeps the standard's font names so that
 * an office's Word/WPS uses its own 方正小标宋简体 / 仿宋_GB2312 / 黑体 / 楷体_GB2312; LibreOffice on the server has none
 * of them, so this fontconfig file — written into the conversion profile and passed as FONTCONFIG_FILE to the
 * conversion only — maps them to Debian's fonts-noto-cjk: serif faces for 小标宋, 仿宋, 楷体 and 宋体, the sans face
 * for 黑体 (it includes the system configuration first, so every other font resolves as usual).
 */
export const FONTS_CONF = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${[
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['方正小标宋_GBK', 'Noto Serif CJK SC'],
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['仿宋', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'Noto Serif CJK SC'],
  ['楷体', 'Noto Serif CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['Times New Roman', 'Liberation Serif'],
]
  .map(([from, to]) => `  <alias binding="same"><family>${from}</family><prefer><family>${to}</family></prefer></alias>`)
  .join('\n')}
</fontconfig>
`;

let binary: string | null | undefined;

/** The LibreOffice binary on PATH (soffice or libreoffice), or null. */
export function sofficeBinary(): string | null {
  if (binary !== undefined) return binary;
  binary = null;
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) {
      binary = r.stdout.trim();
      break;
    }
  }
  return binary;
}

export function pdfStatus(): { available: boolean; reason?: string; reasonZh?: string } {
  return sofficeBinary()
    ? { available: true }
    : {
        available: false,
        reason: 'LibreOffice is not installed on the server; download the .docx to print',
        reasonZh: '服务器未安装 LibreOffice，请下载 Word 文档（.docx）打印',
      };
}

let profile: string | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Converts a .docx to PDF (serialised per process). Throws PDF_UNAVAILABLE without LibreOffice. */
export function convertToPdf(docx: Buffer): Promise<Buffer> {
  const bin = sofficeBinary();
  if (!bin) return Promise.reject(new AppError('PDF_UNAVAILABLE'));
  const job = queue.then(() => convert(bin, docx));
  queue = job.catch(() => undefined);
  return job;
}

async function convert(bin: string, docx: Buffer): Promise<Buffer> {
  if (!profile) {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), `phaseout-lo-profile-${process.pid}-`));
    fs.writeFileSync(path.join(profile, 'fonts.conf'), FONTS_CONF);
  }
  const fontsConf = path.join(profile, 'fonts.conf');
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'phaseout-pdf-'));
  try {
    const input = path.join(work, 'document.docx');
    await fsp.writeFile(input, docx);
    const args = [
      '--headless',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      work,
      input,
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(bin, args, {
        env: { ...process.env, FONTCONFIG_FILE: fontsConf, HOME: profile },
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString('utf8')).slice(-2000)));
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        reject(new Error(`LibreOffice did not finish within ${PDF_TIMEOUT_MS} ms`));
      }, PDF_TIMEOUT_MS);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`LibreOffice exited with ${code}: ${stderr.trim()}`));
      });
    });
    const out = path.join(work, 'document.pdf');
    if (!fs.existsSync(out)) throw new Error('LibreOffice wrote no PDF');
    return await fsp.readFile(out);
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}
