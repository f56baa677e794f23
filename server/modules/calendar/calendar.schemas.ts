/** TypeBox schemas of the holiday calendar kept as data (issue 10 item 9). */
import { Type } from '@sinclair/typebox';
import { IsoDate, IsoInstant } from '../../platform/http/schemas.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'YYYY-MM-DD' });

export const CalendarYearBody = Type.Object(
  {
    year: Type.Integer({ minimum: 1949, maximum: 2200 }),
    restDays: Type.Array(Day, { maxItems: 366, description: 'every rest day of the State Council holiday blocks (weekend days inside a block included)' }),
    workDays: Type.Array(Day, { maxItems: 366, description: 'the adjusted working days (调休上班日): Saturdays or Sundays worked' }),
    notice: Type.Object(
      {
        number: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'e.g. 国办发明电〔2026〕1号' }),
        date: IsoDate,
        url: Type.String({ minLength: 8, maxLength: 500, pattern: '^https?://\\S+$' }),
      },
      { additionalProperties: false },
    ),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'required for a correction of a year already loaded' })),
  },
  { additionalProperties: false },
);

export const CalendarYearItem = Type.Object({
  year: Type.Integer(),
  version: Type.Integer(),
  restDays: Type.Integer({ description: 'number of rest days listed' }),
  workDays: Type.Integer({ description: 'number of adjusted working days' }),
  noticeNo: Type.String(),
  noticeDate: Type.Union([IsoDate, Type.Null()]),
  noticeUrl: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  unverified: Type.Array(Type.String(), {
    description: 'notice fields no checked source confirms (UNVERIFIED): noticeNo, noticeUrl, noticeDate — not presented as checked',
  }),
  loadedAt: IsoInstant,
});

export const CalendarYearDetail = Type.Object({
  year: Type.Integer(),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      restDays: Type.Array(Type.String()),
      workDays: Type.Array(Type.String()),
      noticeNo: Type.String(),
      noticeDate: Type.Union([IsoDate, Type.Null()]),
      noticeUrl: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
      unverified: Type.Array(Type.String(), {
        description: 'notice fields no checked source confirms (UNVERIFIED): noticeNo, noticeUrl, noticeDate — not presented as checked',
      }),
      loadedAt: IsoInstant,
    }),
  ),
});

export const ImportResult = Type.Object({
  year: Type.Integer(),
  version: Type.Integer(),
  changedDays: Type.Array(Type.String()),
  deadlinesToReview: Type.Array(
    Type.Object({
      caseId: Type.Integer(),
      actId: Type.Integer(),
      kind: Type.String(),
      closed: Type.Boolean(),
      dueOn: IsoDate,
      calendarVersion: Type.Integer(),
      recomputedDue: Type.Union([IsoDate, Type.Null()]),
      changed: Type.Boolean(),
    }),
  ),
});

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1949, maximum: 2200 }) });

export const ExportQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { description: 'headings and words: Chinese (default) or English' })),
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'a version of the year (default: the one in force)' })),
});
