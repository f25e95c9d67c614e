// The rule for a list's total (issue #17, api/list-total.ts): exact up to 1,000, then an estimate.
import { describe, expect, it } from 'vitest';
import { EXACT_TOTAL_UP_TO, listTotal, roughly } from '../../api/list-total';

const counting = (matching: number) => async (limit: number) => Math.min(matching, limit);

describe('listTotal', () => {
  it('counts exactly up to the cap, without asking for an estimate', async () => {
    const estimate = async () => {
      throw new Error('not asked');
    };
    expect(await listTotal(counting(EXACT_TOTAL_UP_TO), estimate)).toEqual({
      total: EXACT_TOTAL_UP_TO,
      totalCapped: false,
      totalEstimated: false,
    });
  });

  it('past the cap gives the estimate in two significant digits, flagged', async () => {
    expect(await listTotal(counting(812_345), async () => 802_133)).toEqual({
      total: 800_000,
      totalCapped: true,
      totalEstimated: true,
    });
  });

  it('says only “more than the cap” without an estimate, or with one not above what was counted', async () => {
    const moreThan = { total: EXACT_TOTAL_UP_TO, totalCapped: true, totalEstimated: false };
    expect(await listTotal(counting(5000))).toEqual(moreThan);
    expect(await listTotal(counting(5000), async () => 40)).toEqual(moreThan);
  });

  it('rounds to two significant digits', () => {
    expect([7, 99, 1049, 1051, 25_499, 802_133].map(roughly)).toEqual([7, 99, 1000, 1100, 25_000, 800_000]);
  });
});
