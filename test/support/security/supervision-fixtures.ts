// Fixtures of the authorisation matrix for supervision (第二十七条第二款): spot-check plans drawn over
// HTTP by a district bureau, and correction orders opened by a breach finding, each made for one cell.
import type { World } from './world';

type Bureau = 'district_reviewer' | 'district_reviewer_shangcheng' | 'city_reviewer';

const ok = (r: { status: number; body: any }, want: number, what: string) => {
  if (r.status !== want) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

export const planBody = (population: 'OFFICERS' | 'AGENCIES' = 'AGENCIES') => ({
  title: '授权矩阵抽查',
  population,
  method: 'SPOT_CHECK',
  // The whole population: every agency of the region is in the sample.
  sampleSize: 500,
});

/** A plan drawn by `bureau` over the agencies of its region. */
export async function plan(w: World, bureau: Bureau): Promise<{ id: string; sampleIds: string[] }> {
  return ok(
    await w.s.call('POST', '/api/spot-check-plans', { token: await w.token(bureau), body: planBody() }),
    201,
    'spot-check plan',
  );
}

export const findingOn = (targetId: string, officerId?: string) => ({
  targetId,
  finding: 'A19_RECORDING',
  facts: '现场执法未进行音像记录',
  checkedOn: '2026-11-30',
  ...(officerId ? { officerId } : {}),
});

/**
 * A correction order to 西湖区执法局 (by 西湖区司法局) or to 上城区卫健局 (by 上城区司法局), from a breach
 * at an agency check; `reported`: the agency has reported its correction.
 */
export async function order(w: World, at: 'xihu' | 'shangcheng', reported = false): Promise<string> {
  const bureau = at === 'xihu' ? 'district_reviewer' : 'district_reviewer_shangcheng';
  const p = await plan(w, bureau);
  const rec = ok(
    await w.s.call('POST', `/api/spot-check-plans/${p.id}/checks`, {
      token: await w.token(bureau),
      body: findingOn(w.org[at]),
    }),
    201,
    'breach finding',
  );
  const id = rec.correctionOrder.id as string;
  if (reported)
    ok(
      await w.s.call('POST', `/api/correction-orders/${id}/report`, {
        token: await w.token(at === 'xihu' ? 'agency_admin' : 'shangcheng_admin'),
        body: { text: '已配备执法记录仪并组织培训' },
      }),
      200,
      'correction report',
    );
  return id;
}
