/** Chinese words of the case export (issue 17), from the lifecycle's words (server/domain/lifecycle/words.ts). */
import { ACT_WORDS, DIMENSION_WORDS, STATE_WORDS } from '../../domain/lifecycle/words.ts';

const zhOf = (w: Readonly<Record<string, { zh: string }>>): Readonly<Record<string, string>> =>
  Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.zh]));
export const ACT_ZH = zhOf(ACT_WORDS);
export const STATE_ZH = zhOf(STATE_WORDS);
export const DIMENSION_ZH = zhOf(DIMENSION_WORDS);
