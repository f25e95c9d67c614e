// Training records and the 60-hour minimum (第十一条–第十五条), over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

describe('training', () => {
  it('第十五条: records add up per officer and year; officers under 60 hours are listed for the agency and the district bureau', async () => {
    const admin = await s.token('agency_admin');
    const zhang = await s.t.db.officer.findFirstOrThrow({ where: { name: '张伟' } });
    const li = await s.t.db.officer.findFirstOrThrow({ where: { name: '李娜' } });
    // Last year: every day of it is past, and one day holds at most 24 hours (第十五条).
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
    const base = {
      takenOn: `${year}-03-01`,
      category: 'ENFORCEMENT_SKILLS',
      mode: 'CENTRALIZED',
      scope: 'PROFESSIONAL',
      organiser: '西湖区综合行政执法局',
    };
    for (const [takenOn, hours] of [
      [`${year}-03-01`, 24],
      [`${year}-03-02`, 24],
      [`${year}-03-03`, 12],
    ] as const) {
      expect(
        (
          await s.call('POST', `/api/officers/${zhang.id}/training-records`, {
            token: admin,
            body: { ...base, takenOn, hours },
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (await s.call('POST', `/api/officers/${li.id}/training-records`, { token: admin, body: { ...base, hours: 8 } }))
        .status,
    ).toBe(201);
    const bad = await s.call('POST', `/api/officers/${li.id}/training-records`, {
      token: admin,
      body: { ...base, hours: 0.3, category: 'FUN' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.category', 'body.hours']);

    const progress = await s.call('GET', `/api/officers/${zhang.id}/training?year=${year}`, {
      token: await s.token('officer'),
    });
    expect(progress.body.progress).toMatchObject({ hours: 60, shortfall: 0 });

    const list = await s.call('GET', `/api/training/shortfall?year=${year}`, { token: admin });
    const names = list.body.items.map((i: { officer: { name: string } }) => i.officer.name);
    expect(names).toContain('李娜');
    expect(names).not.toContain('张伟');
    expect(list.body.items.find((i: { officer: { name: string } }) => i.officer.name === '李娜')).toMatchObject({
      hours: 8,
      shortfall: 52,
    });
    const district = await s.call('GET', `/api/training/shortfall?year=${year}&district=330106`, {
      token: await s.token('district_reviewer'),
    });
    expect(district.body.items.map((i: { officer: { name: string } }) => i.officer.name)).toContain('李娜');
    // 上城区's officer is outside 西湖区's list (scope).
    expect(
      district.body.items
        .map((i: { agency: { regionCode: string } }) => i.agency.regionCode)
        .every((c: string) => c === '330106'),
    ).toBe(true);
  });

  it('第二十七条: daily and annual assessments are recorded on the officer’s record; a date outside the year → 400', async () => {
    const admin = await s.token('agency_admin');
    const zhang = await s.t.db.officer.findFirstOrThrow({ where: { name: '张伟' } });
    const ok = await s.call('POST', `/api/officers/${zhang.id}/assessments`, {
      token: admin,
      body: { kind: 'ANNUAL', year: 2025, assessedOn: '2026-01-20', grade: 'EXCELLENT' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.assessments[0]).toMatchObject({ kind: 'ANNUAL', year: 2025, grade: 'EXCELLENT' });
    const bad = await s.call('POST', `/api/officers/${zhang.id}/assessments`, {
      token: admin,
      body: { kind: 'DAILY', year: 2025, assessedOn: '2026-01-20', grade: 'COMPETENT' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.assessedOn');
    const seen = await s.call('GET', `/api/officers/${zhang.id}`, { token: await s.token('officer') });
    expect(seen.body.assessments).toHaveLength(1);
  });
});
