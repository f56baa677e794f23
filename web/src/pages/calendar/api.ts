/** Console API of the holiday calendar page (issue 10 item 9): GET/POST /calendar/years. */
import { request } from '../../api/client.ts';
import type { BodyOf, ResponseOf } from '../../api/generated.ts';

/** The calendar types are the generated ones (web/src/api/generated.ts), so the console restates no server shape. */
export type CalendarYearList = ResponseOf<'/api/v1/calendar/years', 'get'>;
export type CalendarYearItem = CalendarYearList['items'][number];
export type CalendarYearInput = BodyOf<'/api/v1/calendar/years', 'post'>;
export type ImportResult = ResponseOf<'/api/v1/calendar/years', 'post'>;

export const calendarApi = {
  years: (q?: string) => request<CalendarYearList>('/calendar/years', { query: { q } }),
  load: (body: CalendarYearInput) => request<ImportResult>('/calendar/years', { method: 'POST', body }),
};

/** "2027-02-06..2027-02-08, 2027-01-01" → every date (ranges with ".." or "至" expanded); bad tokens kept for the server to name. */
export function parseDays(text: string): string[] {
  const out: string[] = [];
  for (const tok of text.split(/[\s,，、;；]+/).filter(Boolean)) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:\.\.|至|~)(\d{4}-\d{2}-\d{2})$/.exec(tok);
    if (!m) {
      out.push(tok);
      continue;
    }
    const a = new Date(`${m[1]}T00:00:00Z`).getTime();
    const b = new Date(`${m[2]}T00:00:00Z`).getTime();
    if (!(a <= b) || b - a > 40 * 86_400_000) {
      out.push(tok);
      continue;
    }
    for (let t = a; t <= b; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
