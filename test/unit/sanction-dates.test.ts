// Sanction dates (第二十九条–第三十二条), counted from delivery (送达), the start day not counted
// (民法典 第二百零一条). Expected values are hand-computed; 2026 holidays per chinese-days 1.5.7:
// 中秋 Sep 25–27, 国庆 Oct 1–7 (Oct 8 is a working Thursday), 调休 make-up Sat Oct 10.
import { describe, expect, it, vi } from 'vitest';
import { REVIEW_WINDOW, REVOCATION_BAN, SANCTION_GROUNDS, sanctionDates, SUSPENSION_TERM } from '../../domain/sanction';
import { chineseCalendar } from '../../domain/time';

const at = (iso: string) => new Date(iso);

function calendar() {
  const onUnknownYear = vi.fn();
  return { calendar: chineseCalendar(onUnknownYear), onUnknownYear };
}

describe('sanction terms', () => {
  it('第三十条: a suspension lasts 30 days', () => {
    expect(SUSPENSION_TERM).toEqual({ days: 30 });
  });

  it('第三十一条: after revocation no new application for 2 years', () => {
    expect(REVOCATION_BAN).toEqual({ years: 2 });
  });

  it('第三十二条: 复核 may be applied for within 10 days', () => {
    expect(REVIEW_WINDOW).toEqual({ days: 10 });
  });

  it('第二十九条: the four grounds (一)–(四) are those of the regulation', () => {
    expect(SANCTION_GROUNDS).toEqual({
      1: '滥用职权或者玩忽职守',
      2: '利用职权谋取私利，或者有其他侵犯公民、法人和其他组织合法权益的行为',
      3: '对投诉、举报违法执法活动以及申请行政复议和提起行政诉讼的公民、法人或者其他组织打击报复',
      4: '有其他违法执法行为，经督促不予改正',
    });
  });
});

describe('sanctionDates for a suspension (暂扣)', () => {
  it('第三十条 + 第三十二条: delivered 2026-09-25 10:00 → term ends Sun 10-25 24:00 (not moved), 复核 until Thu 10-08 24:00', () => {
    const { calendar: cal, onUnknownYear } = calendar();
    const dates = sanctionDates('SUSPENSION', at('2026-09-25T10:00:00+08:00'), cal);
    expect(dates.termEndsAt?.toISOString()).toBe('2026-10-25T16:00:00.000Z');
    // last day 2026-10-05 is in the National Day holiday (Oct 1–7): moved to Thu 2026-10-08
    expect(dates.reviewDeadline.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(dates.banEndsAt).toBeUndefined();
    expect(onUnknownYear).not.toHaveBeenCalled();
  });

  it('第三十条: a suspension whose 30th day (2026-10-05) is a public holiday is not moved; 复核 ends Tue 09-15', () => {
    const { calendar: cal } = calendar();
    const dates = sanctionDates('SUSPENSION', at('2026-09-05T10:00:00+08:00'), cal);
    expect(dates.termEndsAt?.toISOString()).toBe('2026-10-05T16:00:00.000Z');
    expect(dates.reviewDeadline.toISOString()).toBe('2026-09-15T16:00:00.000Z');
  });

  it('第三十二条: delivered 23:30 local on 2026-09-30 the 复核 window ends on make-up Sat 10-10 (not moved); term ends 10-30', () => {
    const { calendar: cal } = calendar();
    const dates = sanctionDates('SUSPENSION', at('2026-09-30T23:30:00+08:00'), cal);
    expect(dates.reviewDeadline.toISOString()).toBe('2026-10-10T16:00:00.000Z');
    expect(dates.termEndsAt?.toISOString()).toBe('2026-10-30T16:00:00.000Z');
  });

  it('第三十二条: delivered 00:30 local on 2026-10-01 (still Sep 30 in UTC) the window ends Sun 10-11 → Mon 10-12; term ends 10-31', () => {
    const { calendar: cal } = calendar();
    const delivered = at('2026-10-01T00:30:00+08:00');
    expect(delivered.toISOString().slice(0, 10)).toBe('2026-09-30');
    const dates = sanctionDates('SUSPENSION', delivered, cal);
    expect(dates.reviewDeadline.toISOString()).toBe('2026-10-12T16:00:00.000Z');
    expect(dates.termEndsAt?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('第三十二条: the 复核 window of a suspension ends before the suspension itself (10 < 30 days)', () => {
    const { calendar: cal } = calendar();
    const dates = sanctionDates('SUSPENSION', at('2026-11-02T09:00:00+08:00'), cal);
    // Mon 2026-11-02 + 10 = Thu 11-12; + 30 = Wed 12-02
    expect(dates.reviewDeadline.toISOString()).toBe('2026-11-12T16:00:00.000Z');
    expect(dates.termEndsAt?.toISOString()).toBe('2026-12-02T16:00:00.000Z');
  });
});

describe('sanctionDates for a revocation (收缴)', () => {
  it('第三十一条 + 第三十二条: delivered 2026-09-25 10:00 → ban until 2028-09-25 24:00, 复核 until 2026-10-08 24:00', () => {
    const { calendar: cal, onUnknownYear } = calendar();
    const dates = sanctionDates('REVOCATION', at('2026-09-25T10:00:00+08:00'), cal);
    expect(dates.banEndsAt?.toISOString()).toBe('2028-09-25T16:00:00.000Z');
    expect(dates.reviewDeadline.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(dates.termEndsAt).toBeUndefined();
    // The ban is a fixed term: its 2028 last day is never looked up in the holiday calendar.
    expect(onUnknownYear).not.toHaveBeenCalled();
  });

  it('第三十一条: a ban delivered on 2024-02-29 ends 2026-02-28 24:00 (民法典第二百零二条); 复核 Sun 03-10 → Mon 03-11', () => {
    const { calendar: cal } = calendar();
    const dates = sanctionDates('REVOCATION', at('2024-02-29T09:00:00+08:00'), cal);
    expect(dates.banEndsAt?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(dates.reviewDeadline.toISOString()).toBe('2024-03-11T16:00:00.000Z');
  });

  it('第三十一条: a ban delivered on a local date that is the previous UTC date counts from the local date', () => {
    const { calendar: cal } = calendar();
    // 2026-10-12T00:30+08:00 is 2026-10-11T16:30Z
    const dates = sanctionDates('REVOCATION', at('2026-10-12T00:30:00+08:00'), cal);
    expect(dates.banEndsAt?.toISOString()).toBe('2028-10-12T16:00:00.000Z');
    // Mon 2026-10-12 + 10 = Thu 10-22
    expect(dates.reviewDeadline.toISOString()).toBe('2026-10-22T16:00:00.000Z');
  });
});

describe('sanctionDates in a year without holiday data', () => {
  it('第三十二条: a 2027 delivery whose last day is Sat 2027-10-02 (国庆) moves to Mon 10-04, with a warning for 2027', () => {
    const { calendar: cal, onUnknownYear } = calendar();
    const dates = sanctionDates('SUSPENSION', at('2027-09-22T10:00:00+08:00'), cal);
    expect(dates.reviewDeadline.toISOString()).toBe('2027-10-04T16:00:00.000Z');
    // Wed 2027-09-22 + 30 = Fri 10-22, fixed
    expect(dates.termEndsAt?.toISOString()).toBe('2027-10-22T16:00:00.000Z');
    expect(onUnknownYear).toHaveBeenCalledTimes(1);
    expect(onUnknownYear).toHaveBeenCalledWith(2027);
  });

  it('第三十二条: a window whose last day is an ordinary Saturday (2026-11-28) ends Mon 11-30 24:00', () => {
    const d = sanctionDates(
      'SUSPENSION',
      new Date('2026-11-18T10:00:00+08:00'),
      chineseCalendar(() => {}),
    );
    expect(d.reviewDeadline.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('第三十二条: across the year end, a last day on 元旦 2026-01-01 moves past the holiday to the 调休 working Sunday 01-04', () => {
    const d = sanctionDates(
      'SUSPENSION',
      new Date('2025-12-22T10:00:00+08:00'),
      chineseCalendar(() => {}),
    );
    expect(d.reviewDeadline.toISOString()).toBe('2026-01-04T16:00:00.000Z');
    expect(d.termEndsAt?.toISOString()).toBe('2026-01-21T16:00:00.000Z'); // 30 days, fixed
  });
});
