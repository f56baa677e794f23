/** The supervision module's public face: the criteria in force on a date (exit plans are judged by them). */
export { criteriaInForce } from './criteria.ts';
