/** The calendar module's public face: the loaded working-day calendar, as deadlines read it. */
export { CALENDAR_REV_SQL, calendarAt, currentCalendar } from './calendar-store.ts';
