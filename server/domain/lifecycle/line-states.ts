/**
 * What a production line's state means for the exit count and the enterprise's derived status (plan §2, §3.4).
 * A line is EXITED only after the exit is accepted (验收): `shut` (关停待验收) and `dismantled` (拆除待验收) are
 * not yet exited, and their capacity is not counted. The enterprise status rule (modules/enterprises) reads these.
 */
import type { LineState } from './types.ts';

export { LINE_STATES } from '../states.ts';

/** States in which the line's capacity counts as exited (capacity_exit is written on entering one). */
export const EXITED_LINE_STATES: readonly LineState[] = ['exited'];

/** States in which the line no longer produces for good: shut by a closure, dismantled, or exited. */
export const CLOSED_LINE_STATES: readonly LineState[] = ['shut', 'dismantled', 'exited'];

/** Whether every line of an enterprise is exited (an enterprise without lines is not). */
export function allLinesExited(states: readonly string[]): boolean {
  return states.length > 0 && states.every((s) => (EXITED_LINE_STATES as readonly string[]).includes(s));
}

/** Whether every line is shut, dismantled or exited (an enterprise without lines is not). */
export function allLinesClosed(states: readonly string[]): boolean {
  return states.length > 0 && states.every((s) => (CLOSED_LINE_STATES as readonly string[]).includes(s));
}
