/**
 * The one dictionary of the console and the public site: every label, message and status word, in Chinese (the
 * default) and English. The words live by page area in ./pages/<area>.ts (each a `zh` and an `en` object, `en`
 * typed by the keys of `zh`); this file composes them. `en` below is typed as `Record<DictKey, string>`, so a key
 * missing in either language fails compilation, and `noKeyInTwoAreas` fails compilation when two areas define the same key.
 * Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
import * as shell from './pages/shell.ts';
import * as common from './pages/common.ts';
import * as status from './pages/status.ts';
import * as enterprises from './pages/enterprises.ts';
import * as cases from './pages/cases.ts';
import * as workbench from './pages/workbench.ts';
import * as importPage from './pages/import.ts';
import * as audit from './pages/audit.ts';
import * as publicPage from './pages/public.ts';
import * as jobs from './pages/jobs.ts';
import * as publications from './pages/publications.ts';
import * as programme from './pages/programme.ts';
import * as levers from './pages/levers.ts';
import * as documents from './pages/documents.ts';
import * as calendar from './pages/calendar.ts';
import * as registrations from './pages/registrations.ts';
import * as assign from './pages/assign.ts';

const zh = {
  ...shell.zh,
  ...common.zh,
  ...status.zh,
  ...enterprises.zh,
  ...cases.zh,
  ...workbench.zh,
  ...importPage.zh,
  ...audit.zh,
  ...publicPage.zh,
  ...jobs.zh,
  ...publications.zh,
  ...programme.zh,
  ...levers.zh,
  ...documents.zh,
  ...calendar.zh,
  ...registrations.zh,
  ...assign.zh,
} as const satisfies Record<string, string>;

/** Every key of the dictionary. */
export type DictKey = keyof typeof zh;

const en: Record<DictKey, string> = {
  ...shell.en,
  ...common.en,
  ...status.en,
  ...enterprises.en,
  ...cases.en,
  ...workbench.en,
  ...importPage.en,
  ...audit.en,
  ...publicPage.en,
  ...jobs.en,
  ...publications.en,
  ...programme.en,
  ...levers.en,
  ...documents.en,
  ...calendar.en,
  ...registrations.en,
  ...assign.en,
};

/** Keys defined by more than one area (must be none: a later spread would silently win). */
type Parts = [
  typeof shell.zh,
  typeof common.zh,
  typeof status.zh,
  typeof enterprises.zh,
  typeof cases.zh,
  typeof workbench.zh,
  typeof importPage.zh,
  typeof audit.zh,
  typeof publicPage.zh,
  typeof jobs.zh,
  typeof publications.zh,
  typeof programme.zh,
  typeof levers.zh,
  typeof documents.zh,
  typeof calendar.zh,
  typeof registrations.zh,
  typeof assign.zh,
];
type KeysOf<P extends readonly object[]> = P[number] extends infer U ? (U extends object ? keyof U : never) : never;
type KeysOverlap<P extends readonly object[]> = P extends [infer H extends object, ...infer R extends object[]]
  ? (keyof H & KeysOf<R>) | KeysOverlap<R>
  : never;
/** Fails compilation naming the key when two areas define it. */
export const noKeyInTwoAreas: [KeysOverlap<Parts>] extends [never] ? true : KeysOverlap<Parts> = true;

export type Lang = 'zh' | 'en';

/** The dictionary by language. */
export const dict: Record<Lang, Record<DictKey, string>> = { zh, en };
