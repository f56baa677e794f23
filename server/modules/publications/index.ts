/** The publications module's public face: who publishes which list and where a tip goes. */
export { publishersOf, tipUnit } from './publishers.ts';
