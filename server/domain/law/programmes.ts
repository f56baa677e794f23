/**
 * The exit programmes (年度工作方案) as data (programmes.json): which year's plan is the basis of a case, by date.
 * The 2020 plan's sections are in the static registry (basis.ts); a later plan listed in programmes.json brings its
 * own sections (`sections`: id suffix → titles), registered as bases at load, so next year's plan needs no code change.
 * A case whose finding falls after every programme's period is still decided under the latest one, with a warning.
 */
import type { IsoDate } from '../dates.ts';
import { registerDataBases, type LegalBasis } from './basis.ts';
import { planSectionZh } from './plan-numbering.ts';
import data from './programmes.json' with { type: 'json' };

export interface Programme {
  id: string;
  year: number;
  title: string;
  titleZh: string;
  from: IsoDate;
  to: IsoDate;
  url?: string;
  /** Sections of a plan given as data: `§2.1` → titles (the 2020 plan's are in basis.ts). */
  sections?: Record<string, { title: string; titleZh: string }>;
  /** The plan's own Chinese numbering of its sections (`§2.1` → `二、（一）`), when it differs from 一、/（一） layout. */
  numberingZh?: Record<string, string>;
}

export interface ProgrammeWarning {
  code: 'PROGRAMME_PERIOD_ENDED';
  programme: string;
  to: IsoDate;
  zh: string;
  en: string;
}

/** Validates and orders programme data (throws RangeError on overlap or bad dates). */
export function loadProgrammes(list: readonly Programme[]): Programme[] {
  const sorted = [...list].sort((a, b) => a.from.localeCompare(b.from));
  sorted.forEach((p, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.from) || !/^\d{4}-\d{2}-\d{2}$/.test(p.to) || p.to < p.from) throw new RangeError(`programme ${p.id}: bad period`);
    const prev = sorted[i - 1];
    if (prev && prev.to >= p.from) throw new RangeError(`programme ${p.id} overlaps ${prev.id}`);
  });
  return sorted;
}

export const programmes: readonly Programme[] = loadProgrammes((data as { programmes: Programme[] }).programmes);

function dataBases(list: readonly Programme[]): LegalBasis[] {
  return list.flatMap((p) =>
    Object.entries(p.sections ?? {}).map(([section, t]): LegalBasis => ({
      id: `${p.id}-${section}`,
      kind: 'plan',
      instrument: p.title,
      instrumentZh: p.titleZh,
      article: section,
      articleZh: planSectionZh(section, p.numberingZh ?? {}) ?? section,
      title: t.title,
      titleZh: t.titleZh,
      ...(p.url ? { url: p.url } : {}),
      effectiveFrom: p.from,
      effectiveTo: p.to,
    })),
  );
}
registerDataBases(dataBases(programmes.filter((p) => p.id !== 'plan-2020')));

/** The programme whose period covers `date`, else the latest one that began before it (undefined before the first). */
export function programmeAsOf(date: IsoDate, list: readonly Programme[] = programmes): { programme: Programme; inPeriod: boolean } | undefined {
  let last: Programme | undefined;
  for (const p of list) {
    if (p.from <= date && date <= p.to) return { programme: p, inPeriod: true };
    if (p.from <= date) last = p;
  }
  return last ? { programme: last, inPeriod: false } : undefined;
}

/**
 * The plan basis for a section as of `date`: `plan-2020-§2.1` becomes `<programme>-§2.1` when a later programme in
 * force on that date has the section; otherwise the id is unchanged.
 */
export function planBasisAsOf(basisId: string, date: IsoDate, list: readonly Programme[] = programmes): string {
  const m = /^plan-2020-(§.+)$/.exec(basisId);
  if (!m) return basisId;
  const p = programmeAsOf(date, list)?.programme;
  if (!p || p.id === 'plan-2020' || !p.sections?.[m[1] as string]) return basisId;
  return `${p.id}-${m[1]}`;
}

/** A warning when `date` (a finding's) falls after the period of every programme: the plan applied may be outdated. */
export function programmeWarnings(date: IsoDate, list: readonly Programme[] = programmes): ProgrammeWarning[] {
  const a = programmeAsOf(date, list);
  if (!a || a.inPeriod) return [];
  const p = a.programme;
  return [
    {
      code: 'PROGRAMME_PERIOD_ENDED',
      programme: p.id,
      to: p.to,
      zh: `发现日期 ${date} 晚于《${p.titleZh}》的实施期（至 ${p.to}）：仍按该方案办理，须确认是否已有新的年度方案`,
      en: `The finding (${date}) falls after the period of the ${p.title} (to ${p.to}): decided under it; check whether a newer programme applies`,
    },
  ];
}
