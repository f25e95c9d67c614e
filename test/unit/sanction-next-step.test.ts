// What a sanction's process does next (domain/sanction.ts nextSanctionStep): reinstate at the end of
// the term (第三十条), wait for the 复核 window and any 复核 (第三十二条), escalate a 复核 past its due time.
import { describe, expect, it, vi } from 'vitest';
import { nextSanctionStep, type SanctionWatch } from '../../domain/sanction';

const ms = (iso: string) => Date.parse(iso);
// Delivered 2026-11-02: 复核 until Thu 11-12 24:00, the suspension ends Wed 12-02 24:00.
const TERM_END = '2026-12-02T16:00:00.000Z';
const WINDOW_END = '2026-11-12T16:00:00.000Z';
const LATER = '2026-11-20T00:00:00Z'; // after the window, before the end of the term

function watch(w: Partial<SanctionWatch> = {}): SanctionWatch {
  return { termEndsAt: TERM_END, reviewDeadline: WINDOW_END, reviewPending: false, escalateAt: () => undefined, ...w };
}

describe('nextSanctionStep: the term (第三十条)', () => {
  it('第三十条: at its stored end the suspension ends, even with a 复核 pending', () => {
    const escalateAt = vi.fn(() => '2026-11-20T16:00:00.000Z');
    const step = nextSanctionStep(watch({ reviewPending: true, escalateAt }), ms(TERM_END));
    expect(step).toEqual({ kind: 'END_TERM', at: TERM_END });
    // The escalation is not even asked: the term's end comes first.
    expect(escalateAt).not.toHaveBeenCalled();
  });

  it('第三十条: after the 复核 window, the process waits for the end of the term at its very instant', () => {
    expect(nextSanctionStep(watch(), ms(LATER))).toEqual({ kind: 'WAIT', until: TERM_END });
  });

  it('第三十条: a 收缴 (no term) or a suspension already ended has no term to wait for', () => {
    expect(nextSanctionStep(watch({ termEndsAt: undefined }), ms(LATER))).toEqual({ kind: 'FINISHED' });
  });
});

describe('nextSanctionStep: the 复核 window and the 复核 (第三十二条)', () => {
  it('第三十二条: while the window is open the process waits until just after its end (+1 ms), the earliest instant', () => {
    const until = '2026-11-12T16:00:00.001Z';
    expect(nextSanctionStep(watch(), ms('2026-11-03T00:00:00Z'))).toEqual({ kind: 'WAIT', until });
    expect(nextSanctionStep(watch({ termEndsAt: undefined }), ms(WINDOW_END))).toEqual({ kind: 'WAIT', until });
  });

  it('第三十二条: term and window over, no 复核: the process is finished', () => {
    expect(nextSanctionStep(watch({ termEndsAt: undefined }), ms(WINDOW_END) + 1)).toEqual({ kind: 'FINISHED' });
  });

  it('第三十二条: a 复核 filed keeps the process open after the window, waiting for its decision', () => {
    const step = nextSanctionStep(watch({ termEndsAt: undefined, reviewPending: true }), ms(LATER));
    expect(step).toEqual({ kind: 'WAIT' });
  });

  it('第三十二条: a 复核 undecided at its due time is escalated', () => {
    const w = watch({ termEndsAt: undefined, reviewPending: true, escalateAt: () => '2026-11-16T16:00:00.000Z' });
    // The window's end comes first, then the 复核's due time.
    expect(nextSanctionStep(w, ms('2026-11-10T00:00Z'))).toEqual({ kind: 'WAIT', until: '2026-11-12T16:00:00.001Z' });
    expect(nextSanctionStep(w, ms('2026-11-13T00:00Z'))).toEqual({ kind: 'WAIT', until: '2026-11-16T16:00:00.001Z' });
    expect(nextSanctionStep(w, ms('2026-11-16T16:00:00.000Z'))).toEqual({ kind: 'ESCALATE_REVIEW' });
  });

  it('第三十二条: an escalation that failed is tried again at its retry instant, before the term ends (第三十条)', () => {
    const w = watch({ reviewPending: true, escalateAt: () => '2026-11-16T16:02:00.000Z' });
    const step = nextSanctionStep(w, ms('2026-11-16T16:00:00.000Z'));
    expect(step).toEqual({ kind: 'WAIT', until: '2026-11-16T16:02:00.001Z' });
  });

  it('第三十二条: a finished process does not ask for the escalation', () => {
    const escalateAt = vi.fn(() => undefined);
    const step = nextSanctionStep(watch({ termEndsAt: undefined, escalateAt }), ms(WINDOW_END) + 1);
    expect(step).toEqual({ kind: 'FINISHED' });
    expect(escalateAt).not.toHaveBeenCalled();
  });
});
