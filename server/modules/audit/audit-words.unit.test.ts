import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actWords } from './audit-words.ts';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every `.ts` source under server/ (tests aside). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The act codes written with a kind filled in at run time, by family: every kind each family can take. */
const BUILT: Record<string, readonly string[]> = {
  'credit.read.': ['list'],
  'enterprise.registration.': ['submit', 'register', 'merge', 'transfer', 'reject'],
  'exitPlan.': ['submit', 'return', 'file', 'newVersion'],
  'problem.': ['requestClose', 'signOff', 'rejectClose', 'reopen'],
  'publication.': ['publish', 'correct', 'withdraw'],
  'registry.alert.': ['relocation', 'restart'],
  'summary.': ['accept', 'return'],
  'supervision.': ['criticism', 'summons'],
  'tip.': ['openCase', 'orderReinspection', 'merge', 'reject'],
};

describe('the audit trail in words (issue 17 item 7: who did what, not `auth.login`)', () => {
  it('issue 17 item 7: every act code written as a literal in server/ reads as words in Chinese and English', () => {
    const literal = /\bact: '([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g;
    const codes = new Set<string>();
    for (const f of sources(SERVER)) for (const m of fs.readFileSync(f, 'utf8').matchAll(literal)) codes.add(m[1]!);
    expect(codes.size).toBeGreaterThan(20);
    const unread = [...codes].filter((c) => actWords(c).zh === c || actWords(c).en === c);
    expect(unread).toEqual([]);
  });

  it('issue 17 item 7: the act codes built from a kind (credit reads, registrations, plans, problems, publications, alerts, summaries, supervision, tips) read as words', () => {
    const unread = Object.entries(BUILT)
      .flatMap(([prefix, kinds]) => kinds.map((k) => `${prefix}${k}`))
      .filter((c) => actWords(c).zh === c || actWords(c).en === c);
    expect(unread).toEqual([]);
  });

  it('issue 17 item 7: a deadline reminder names its threshold in words, not its code', () => {
    expect(actWords('case.deadline.due30')).toEqual({ zh: '期限提醒（30日内到期）', en: 'Deadline reminder (due within 30 days)' });
    expect(actWords('case.deadline.passed')).toEqual({ zh: '期限提醒（已逾期）', en: 'Deadline reminder (overdue)' });
    for (const k of ['due30', 'due7', 'due1', 'passed']) expect(actWords(`case.deadline.${k}`).zh).not.toContain(k);
  });
});
