/**
 * Reading and clicking an ECharts bar chart the way a user does, with the pointer: the charts draw on a canvas, so
 * the bars are found by pointing at them. The axis tooltip (an HTML box ECharts puts inside the chart element) names
 * the category under the pointer and lists every series' value for it; the chart sets `cursor: pointer` on its
 * surface while the pointer is over a bar. Nothing in the console is exposed for the tests.
 *
 * Finding the bars takes hundreds of pointer positions. Real mouse moves reach the page with the next animation
 * frame, late and coalesced on a busy machine, so a reading after a move may still describe an earlier position.
 * The search therefore sends the chart the same `mousemove` events a mouse sends, synchronously inside the page,
 * and reads the cursor and the tooltip after each; the click itself is a real mouse click on the point found.
 */
import type { Locator, Page } from 'playwright-core';

export interface BarCategory {
  /** the category as the tooltip names it (the full label, even when the axis label is truncated) */
  name: string;
  /** the series in the chart's order with the value the tooltip shows (stacked bars: bottom first) */
  values: Array<{ series: string; value: number }>;
  /** x of the middle of the category's band, from the chart's left edge */
  x: number;
}

interface Reading {
  x: number;
  y: number;
  cursor: string;
  tooltip: string | null;
}

/** Points the chart at each (x, y) (from its top-left corner) in turn and reads the cursor and the tooltip there. */
async function pointAt(chart: Locator, points: Array<[number, number]>): Promise<Reading[]> {
  return chart.evaluate((el, pts) => {
    const surface = el.firstElementChild as HTMLElement;
    const canvas = surface.querySelector('canvas') ?? surface;
    const rect = surface.getBoundingClientRect();
    // The tooltip's texts in document order, one a line. (Not innerText: the tooltip fades in by a CSS transition,
    // during which the browser counts it as not visible and innerText answers nothing.)
    const texts = (node: Node) => {
      const out: string[] = [];
      const walk = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let t = walk.nextNode(); t; t = walk.nextNode()) if (t.textContent?.trim()) out.push(t.textContent.trim());
      return out.join('\n');
    };
    const read = (x: number, y: number) => {
      // The tooltip is the chart element's other child; ECharts hides it with display: none or visibility: hidden.
      const tip = Array.from(el.children)
        .slice(1)
        .find((c) => {
          const st = (c as HTMLElement).style;
          return st.display !== 'none' && st.visibility !== 'hidden' && texts(c) !== '';
        });
      return { x, y, cursor: surface.style.cursor, tooltip: tip ? texts(tip) : null };
    };
    const out = pts.map(([x, y]) => {
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: rect.left + x, clientY: rect.top + y, bubbles: true, cancelable: true, view: window }));
      return read(x, y);
    });
    // Leave the chart again, as the pointer does when it moves away (the tooltip hides).
    canvas.dispatchEvent(
      new MouseEvent('mouseout', { clientX: rect.left - 1, clientY: rect.top - 1, bubbles: true, relatedTarget: document.body, view: window }),
    );
    return out;
  }, points);
}

/** Tooltip texts → category and series values ("镜湖区\n能耗\n1\n环保\n2"). */
export function parseTooltip(text: string): { name: string; values: Array<{ series: string; value: number }> } {
  const tokens = text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const [name = '', ...rest] = tokens;
  const values: Array<{ series: string; value: number }> = [];
  const number = /^-?[\d,]+(?:\.\d+)?$/;
  for (let i = 0; i < rest.length; i++) {
    const inline = /^(.*\S)\s+(-?[\d,]+(?:\.\d+)?)$/.exec(rest[i]!);
    if (inline) values.push({ series: inline[1]!, value: Number(inline[2]!.replace(/,/g, '')) });
    else if (i + 1 < rest.length && number.test(rest[i + 1]!)) {
      values.push({ series: rest[i]!, value: Number(rest[i + 1]!.replace(/,/g, '')) });
      i++;
    } else if (rest[i + 1] === '-') i++; // no value for this series
  }
  return { name, values };
}

/**
 * Waits until the chart has finished drawing: ECharts animates bars in (and from one option to the next) for about a
 * second. Settled = the canvas is the same two frames apart.
 */
export async function settled(chart: Locator): Promise<void> {
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor();
  const still = () =>
    canvas.evaluate(async (c: HTMLCanvasElement) => {
      const a = c.toDataURL();
      await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      return a === c.toDataURL();
    });
  for (let i = 0; i < 600 && !(await still()); i++) {
    /* still drawing: each look spans two frames */
  }
}

/**
 * Sweeps the pointer across the chart at a height inside the plot area and answers the categories from left to
 * right, each with the values its tooltip shows and the middle of its band.
 */
export async function readBarChart(page: Page, chart: Locator): Promise<BarCategory[]> {
  await chart.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await settled(chart);
  const box = await chart.boundingBox();
  if (!box) throw new Error('the chart is not on screen');
  const y = Math.round(box.height * 0.4);
  const xs = Array.from({ length: Math.floor(box.width) - 1 }, (_v, i) => i + 1);
  const readings = await pointAt(
    chart,
    xs.map((x) => [x, y]),
  );
  const seen: Array<{ name: string; values: BarCategory['values']; x0: number; x1: number }> = [];
  for (const r of readings) {
    if (!r.tooltip) continue;
    const t = parseTooltip(r.tooltip);
    const last = seen[seen.length - 1];
    if (last && last.name === t.name) last.x1 = r.x;
    else seen.push({ ...t, x0: r.x, x1: r.x });
  }
  const names = seen.map((s) => s.name);
  if (new Set(names).size !== names.length) throw new Error(`the sweep met a category twice: ${names.join(', ')}`);
  return seen.map((s) => ({ name: s.name, values: s.values, x: Math.round((s.x0 + s.x1) / 2) }));
}

/** The top segment of a stacked bar: the last series (in the chart's order) with a value. */
export function topSegment(c: BarCategory): { series: string; value: number } {
  const withValue = c.values.filter((v) => v.value > 0);
  const top = withValue[withValue.length - 1];
  if (!top) throw new Error(`${c.name} has no bar`);
  return top;
}

/**
 * Clicks the top segment of a category's bar (for stacked bars, the last series with a value there). The pointer
 * comes down the middle of the category's band from above the plot until the chart shows the hand cursor while the
 * tooltip names the category — the top edge of the bar — and the mouse clicks two pixels below that edge. (From
 * below, the pointer would first meet the rotated axis labels, which take the hand cursor and the tooltip too.)
 */
export async function clickBarTop(page: Page, chart: Locator, category: BarCategory): Promise<void> {
  await chart.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await settled(chart);
  const box = await chart.boundingBox();
  if (!box) throw new Error('the chart is not on screen');
  const ys = Array.from({ length: Math.floor(box.height) - 1 }, (_v, i) => i + 1);
  const readings = await pointAt(
    chart,
    ys.map((y) => [category.x, y]),
  );
  const onBar = (r: Reading) => r.cursor === 'pointer' && r.tooltip !== null && parseTooltip(r.tooltip).name === category.name;
  const top = readings.findIndex(onBar);
  if (top < 0) throw new Error(`no bar for ${category.name} at x=${category.x}`);
  const target = readings[top + 2];
  if (!target || !onBar(target)) throw new Error(`the bar of ${category.name} is less than 3 px tall at its top`);
  await chart.click({ position: { x: target.x, y: target.y } });
}
