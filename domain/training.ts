// Business training (第十一条–第十六条): categories (第十二条), modes (第十三条) and the yearly minimum.
export const TRAINING_CATEGORIES = ['PUBLIC_LAW', 'SPECIALIZED_LAW', 'NEW_LAWS', 'ENFORCEMENT_SKILLS'] as const;
export const TRAINING_MODES = ['CENTRALIZED', 'DAILY'] as const;
export const TRAINING_SCOPES = ['COMPREHENSIVE', 'PROFESSIONAL'] as const;

/** 第十五条: at least 60 hours of business training per officer per calendar year. */
export const YEARLY_MINIMUM_HOURS = 60;

/** 第十五条 counts hours actually spent: one officer's training records of one day add up to at most 24. */
export const MAX_HOURS_PER_DAY = 24;

export interface TrainingProgress {
  year: number;
  hours: number;
  minimum: number;
  shortfall: number;
  /** Hours expected by `asOf` at an even pace through the year (for warnings before year end). */
  expectedByNow: number;
  behindPace: boolean;
}

/** Progress towards the yearly minimum on the local date `asOf` (YYYY-MM-DD) of `year`. */
export function trainingProgress(year: number, hours: number, asOf: string): TrainingProgress {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const day = Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)) - 1, Number(asOf.slice(8, 10))) + 86_400_000;
  const fraction = Math.min(1, Math.max(0, (day - start) / (end - start)));
  const expectedByNow = Math.round(YEARLY_MINIMUM_HOURS * fraction * 10) / 10;
  const rounded = Math.round(hours * 10) / 10;
  return {
    year,
    hours: rounded,
    minimum: YEARLY_MINIMUM_HOURS,
    shortfall: Math.max(0, Math.round((YEARLY_MINIMUM_HOURS - rounded) * 10) / 10),
    expectedByNow,
    behindPace: rounded < expectedByNow,
  };
}
