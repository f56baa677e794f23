/** Holiday calendar and deadline arithmetic. */
export { buildCalendar, classifyDay, classifyDayNumber, defaultCalendar, isRestDay, isWorkingDay, isYearKnown, knownYears } from './calendar.ts';
export type { DayInfo, DayReason, HolidayCalendar } from './calendar.ts';
export { basisNotInForceWarning, computeDeadline, deadlineBenchWorkload, PERIOD_LIMITS } from './deadline.ts';
export type { DeadlineAnswer, DeadlineStep, DeadlineWarning, PeriodInput, WorkingDaysBasis } from './deadline.ts';
export { calendarYears } from './data/index.ts';
export type { CalendarYearData } from './data/index.ts';
export { changedDays, checkCalendarYear } from './year-check.ts';
export type { CalendarProblem, CalendarYearInput } from './year-check.ts';
