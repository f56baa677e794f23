/**
 * The roll-ups moved to server/projections/ (one module per figure, each the only writer of its table). This file
 * keeps the names it exported so that code written against it still compiles; new code imports
 * server/projections/index.ts.
 */
export {
  rollupsChanged,
  rollupsVersion,
  ROLLUP_SLOTS,
  slotOf,
  bumpCaseRollup,
  bumpLineRollup,
  foldPastDue,
  rebuildProjections as rebuildRollups,
} from '../../projections/index.ts';
