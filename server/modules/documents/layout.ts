/**
 * The ONE place that knows the GB/T 9704-2012 《党政机关公文格式》 layout. Templates (./templates/*) say only what a
 * document says; this module decides where and how it is printed, and writes the .docx (the `docx` package).
 *
 * Measures (the standard's clause in brackets):
 * - A4 210 × 297 mm [5.2.1]; 天头 (top margin) 37 mm, 订口 (left margin) 28 mm, 版心 156 × 225 mm [5.2.2], so the
 *   right margin is 26 mm and the bottom margin 35 mm.
 * - Body 3号仿宋 (16 pt), 22 lines of 28 characters per page [5.2.3]: exact line pitch 225 mm / 22 = 28.95 pt
 *   (579 twips) on a line grid; first-line indent two characters; headings 一、 in 黑体, （一） in 楷体 [7.3.3].
 * - 版头 [7.2]: 发文机关标志 in red 小标宋, its top 35 mm below the top of the 版心; 发文字号 two lines below it,
 *   centred, year in 〔〕, no leading zeros; a red separator as wide as the 版心 4 mm below the 发文字号.
 * - Title 2号小标宋 (22 pt), centred, two lines below the red separator [7.3.1]; 主送机关 one line below the title,
 *   flush left, full-width colon [7.3.2].
 * - 附件说明 one line below the body, two characters in [7.3.4]; 发文机关署名 centred on the 成文日期, which sits four
 *   characters from the right, in Arabic numerals without padding (2026年3月5日); the seal is pressed over both,
 *   its top within one line of the body — two empty lines are left for it [7.3.5.1]; 附注 below the date, two
 *   characters in, in parentheses [7.3.6].
 * - 版记 [7.4] in 4号仿宋 (14 pt): 抄送 and 印发机关/印发日期 one character in from each side, between a thick
 *   first and last rule (0.35 mm) and thin rules (0.25 mm). It follows the body (the standard puts it at the foot
 *   of the last even page; Word/WPS users move it with one page break — a known simplification).
 * - Page numbers [7.5] 4号半角宋体 "— 1 —" below the 版心: odd pages right, even pages left, one character in.
 *
 * Fonts are named as the standard names them, so that an office's Word/WPS renders the document in its own fonts:
 * 方正小标宋简体 (titles and the 发文机关标志), 仿宋_GB2312 (body), 黑体, 楷体_GB2312, 宋体 (page numbers); Latin
 * letters and digits in Times New Roman. A server without those fonts (Debian) renders the PDF through the aliases
 * in FONTS_CONF of ./pdf.ts (Noto Serif CJK SC for 小标宋/仿宋/楷体/宋体, Noto Sans CJK SC for 黑体, from fonts-noto-cjk):
 * the .docx keeps the standard's names (nothing is embedded, so it stays small and the office's fonts win), and
 * only the PDF conversion uses the free fallback. See ./pdf.ts.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';

// ---- measures (twips: 1/20 pt; 1 mm = 56.6929 twips) ----
const MM = 56.6929;
const mm = (v: number): number => Math.round(v * MM);
export const PAGE = { width: mm(210), height: mm(297) } as const;
export const MARGIN = { top: mm(37), left: mm(28), right: mm(210 - 28 - 156), bottom: mm(297 - 37 - 225) } as const;
/** 225 mm / 22 lines = 28.95 pt */
export const LINE = 579;
const PT = 20;
/** 3号 = 16 pt; one character of body text is 16 pt wide */
const BODY_PT = 16;
const CHAR = BODY_PT * PT;
const RED = 'FF0000';

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/** One block of a document's body. */
export type Block =
  | { kind: 'p'; text: string }
  /** 一、… (黑体) */
  | { kind: 'h1'; text: string }
  /** （一）… (楷体), run into its paragraph */
  | { kind: 'h2'; text: string; rest?: string }
  /** a table (e.g. the lines concerned); header row in 黑体 */
  | { kind: 'table'; header: string[]; rows: string[][] };

/** What a template says (content only). */
export interface DocumentBody {
  title: string;
  /** 主送机关 (or the enterprise the notice is addressed to) */
  addressee?: string;
  body: Block[];
  /** 附件说明: the attachments' names */
  attachments?: string[];
  /** 附注 */
  notes?: string[];
  /** 版记: 抄送 */
  copyTo?: string[];
}

/** Everything the layout prints: the template's body plus the numbering and the issuing unit. */
export interface LaidOutDocument extends DocumentBody {
  /** 'authority': a 发文机关 document with the red 版头; 'enterprise': an enterprise's own document (申请, 承诺书) registered by the unit */
  author: 'authority' | 'enterprise';
  /** 发文机关标志 and 署名 (authority documents) */
  unitName: string;
  /** 发文字号 (or, for enterprise documents, the registration number) */
  number: string;
  /** 成文日期, YYYY-MM-DD */
  date: string;
  /** enterprise documents: who signs (the enterprise's name) */
  signatory?: string;
  /** 版记: 印发机关 (defaults to the unit) and 印发日期 (defaults to the 成文日期) */
  printedBy?: string;
  printedOn?: string;
  /** a voided document says so on every rendering made after the voiding */
  voided?: { reason: string };
}

/** 2026-03-05 → 2026年3月5日 (GB/T 9704-2012 7.3.5.1: Arabic numerals, no padding). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The width of a line of text in twips at `pt` (CJK full width, ASCII half width). */
export function textWidth(text: string, pt: number): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) < 0x2e80 ? pt * PT * 0.5 : pt * PT;
  return Math.round(w);
}

const font = (eastAsia: string) => ({ eastAsia, ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin, hint: 'eastAsia' as const });

function run(text: string, opts: { font?: string; pt?: number; color?: string; bold?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: font(opts.font ?? FONTS.body),
    size: (opts.pt ?? BODY_PT) * 2,
    language: LANG,
    ...(opts.color ? { color: opts.color } : {}),
    ...(opts.bold ? { bold: true } : {}),
  });
}

/** zh-CN, so that renderers pick the Simplified Chinese glyph forms of a pan-CJK font */
const LANG = { value: 'zh-CN', eastAsia: 'zh-CN' };
const exact = (twips: number = LINE) => ({ line: twips, lineRule: LineRuleType.EXACT });
const blank = (keepNext = false): Paragraph => new Paragraph({ spacing: exact(), keepNext, children: [run('')] });

function bodyParagraph(children: ParagraphChild[], indent = true): Paragraph {
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: exact(), indent: indent ? { firstLine: 2 * CHAR } : {}, children });
}

function blockParagraphs(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'p':
      return [bodyParagraph([run(b.text)])];
    case 'h1':
      return [bodyParagraph([run(b.text, { font: FONTS.heading1 })])];
    case 'h2':
      return [bodyParagraph([run(b.text, { font: FONTS.heading2 }), ...(b.rest ? [run(b.rest)] : [])])];
    case 'table': {
      const cell = (text: string, head: boolean) =>
        new TableCell({
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: exact(mm(7)),
              children: [run(text, { pt: 12, ...(head ? { font: FONTS.heading1 } : {}) })],
            }),
          ],
        });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
          ],
        }),
      ];
    }
  }
}

/** 版头: 发文机关标志 (red, sized to fit the 版心), 发文字号, the red separator. */
function head(d: LaidOutDocument): Paragraph[] {
  // as large as fits one line of the 版心 (156 mm), at most 2号 × 2 (44 pt): the standard leaves the size to the unit
  const fit = Math.floor((156 * 72) / 25.4 / Math.max(1, [...d.unitName].length));
  const markPt = Math.max(22, Math.min(44, fit));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: mm(35), after: 0, ...exact(Math.round(markPt * 1.25 * PT)) },
      children: [run(d.unitName, { font: FONTS.title, pt: markPt, color: RED })],
    }),
    blank(),
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(),
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: Math.round((4 * 72) / 25.4) } },
      children: [run(d.number)],
    }),
  ];
}

/** Enterprise documents: no 版头; the registration number at the top right. */
function enterpriseHead(d: LaidOutDocument): Paragraph[] {
  return [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(), children: [run(`登记号：${d.number}`, { pt: 14 })] })];
}

/** 发文机关署名 centred on the 成文日期, the date four characters from the right edge (7.3.5.1). */
function signature(name: string, date: string): Paragraph[] {
  const dateText = chineseDate(date);
  const dateRight = 4 * CHAR;
  const nameRight = Math.max(0, dateRight + Math.round((textWidth(dateText, BODY_PT) - textWidth(name, BODY_PT)) / 2));
  return [
    // the seal's place: its top within one line of the body, pressing on the signature and the date (kept on one page)
    blank(true),
    blank(true),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(), keepNext: true, indent: { right: nameRight }, children: [run(name)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(), indent: { right: dateRight }, children: [run(dateText)] }),
  ];
}

/** 版记 (7.4): 4号仿宋, rules thick–thin–thick. */
function imprint(d: LaidOutDocument): Paragraph[] {
  const pt = 14;
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 }; // 1 pt ≈ 0.35 mm
  const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 }; // 0.75 pt ≈ 0.25 mm
  const side = { left: pt * PT, right: pt * PT };
  const out: Paragraph[] = [blank()];
  const printed = new Paragraph({
    spacing: exact(),
    indent: side,
    tabStops: [{ type: TabStopType.RIGHT, position: mm(156) - 2 * pt * PT }],
    border: { top: d.copyTo?.length ? thin : thick, bottom: thick },
    children: [run(d.printedBy ?? d.unitName, { pt }), new TextRun({ text: '\t' }), run(`${chineseDate(d.printedOn ?? d.date)}印发`, { pt })],
  });
  if (d.copyTo?.length) {
    out.push(
      new Paragraph({
        spacing: exact(),
        indent: { left: pt * PT, right: pt * PT, hanging: 3 * pt * PT },
        border: { top: thick },
        children: [run(`抄送：${d.copyTo.join('，')}。`, { pt })],
      }),
    );
  }
  out.push(printed);
  return out;
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 14 * PT } : { left: 14 * PT },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.pageNumber), size: 28 })],
      }),
    ],
  });
}

/** The document as Word paragraphs, in the standard's order. */
export function layoutParagraphs(d: LaidOutDocument): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  out.push(...(d.author === 'authority' ? head(d) : enterpriseHead(d)));
  out.push(blank(), blank());
  out.push(
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(Math.round(22 * 1.5 * PT)), children: [run(d.title, { font: FONTS.title, pt: 22 })] }),
  );
  if (d.voided) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(),
        children: [run(`（此件已作废：${d.voided.reason}）`, { font: FONTS.heading1, color: RED })],
      }),
    );
  }
  out.push(blank());
  if (d.addressee) out.push(new Paragraph({ spacing: exact(), children: [run(`${d.addressee}：`)] }));
  for (const b of d.body) out.push(...blockParagraphs(b));
  if (d.attachments?.length) {
    out.push(blank());
    d.attachments.forEach((a, i) => {
      const label = i === 0 ? '附件：' : '';
      const prefix = d.attachments!.length > 1 ? `${i + 1}．` : '';
      out.push(new Paragraph({ spacing: exact(), indent: { left: 2 * CHAR + (i === 0 ? 0 : 3 * CHAR) }, children: [run(`${label}${prefix}${a}`)] }));
    });
  }
  const signer = d.author === 'authority' ? d.unitName : (d.signatory ?? d.unitName);
  out.push(...signature(signer, d.date));
  for (const n of d.notes ?? []) out.push(new Paragraph({ spacing: exact(), indent: { left: 2 * CHAR }, children: [run(`（${n}）`)] }));
  if (d.author === 'authority') out.push(...imprint(d));
  return out;
}

/** Renders the .docx. */
export async function renderDocx(d: LaidOutDocument): Promise<Buffer> {
  const doc = new Document({
    creator: d.author === 'authority' ? d.unitName : (d.signatory ?? d.unitName),
    title: d.title,
    description: d.number,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: font(FONTS.body), size: BODY_PT * 2, language: LANG }, paragraph: { spacing: exact() } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: MARGIN.top, right: MARGIN.right, bottom: MARGIN.bottom, left: MARGIN.left, header: mm(15), footer: mm(21) },
          },
          grid: { linePitch: LINE, type: DocumentGridType.LINES },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: layoutParagraphs(d),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
