/**
 * Static index of the vendored calendar years (see README.md). Adding a year = add `YYYY.json` + one import line.
 */
import y2019 from './2019.json' with { type: 'json' };
import y2020 from './2020.json' with { type: 'json' };
import y2021 from './2021.json' with { type: 'json' };
import y2022 from './2022.json' with { type: 'json' };
import y2023 from './2023.json' with { type: 'json' };
import y2024 from './2024.json' with { type: 'json' };
import y2025 from './2025.json' with { type: 'json' };
import y2026 from './2026.json' with { type: 'json' };

/** One year of official rest days (holiday blocks) and declared 调休 working days. */
export interface CalendarYearData {
  year: number;
  source: string;
  notice?: string;
  noticeUrls?: string[];
  /** Fields of the notice no checked source confirms (UNVERIFIED, facts-cn.md): `noticeNo`, `noticeUrl`, `noticeDate`. */
  unverified?: string[];
  restDays: string[];
  workDays: string[];
}

export const calendarYears: readonly CalendarYearData[] = [y2019, y2020, y2021, y2022, y2023, y2024, y2025, y2026];
