/** The lines module's public face: what other modules, seeds and the CLI may import. */
export {
  changeLineState,
  changeLineStates,
  changeLineStatesBulk,
  checkLineMove,
  moveLinesCtes,
  moveLinesSql,
  LINE_STATES,
  type LineStateChange,
} from './change-line-state.ts';
export { updateLineTx } from './commands/update-line.ts';
export { detectReappearance, detectReappearanceOnExit } from './relocation.ts';
