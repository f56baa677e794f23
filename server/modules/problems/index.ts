/** The problems module's public face: the programme's shared roles, territory checks and change signal (exit plans and supervision use them). */
export {
  PROGRAMME_READERS,
  PROGRAMME_WRITERS,
  assertWritableTerritory,
  mayWriteTerritory,
  notifyUnit,
  optText,
  programmeChanged,
  programmeVersionNow,
  roleOf,
} from './programme-common.ts';
