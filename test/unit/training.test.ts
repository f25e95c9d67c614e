import { describe, expect, it } from 'vitest';
import { trainingProgress, YEARLY_MINIMUM_HOURS } from '../../domain/training';

describe('training progress (第十五条)', () => {
  it('第十五条: the yearly minimum is 60 hours', () => {
    expect(YEARLY_MINIMUM_HOURS).toBe(60);
  });
  it('第十五条: 24 hours on 1 October is behind an even pace (45 hours expected) with 36 hours short', () => {
    const p = trainingProgress(2026, 24, '2026-10-01');
    expect(p).toMatchObject({ hours: 24, shortfall: 36, behindPace: true });
    expect(p.expectedByNow).toBe(45); // 60 × 274/365 = 45.04
  });
  it('第十五条: 60 hours or more leaves no shortfall; at year end the pace equals the minimum', () => {
    expect(trainingProgress(2026, 61.5, '2026-12-31')).toMatchObject({
      shortfall: 0,
      expectedByNow: 60,
      behindPace: false,
    });
  });
});
