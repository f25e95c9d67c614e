// 第二十七条第二款: the spot-check draw (reproducible from its seed and population, roughly uniform)
// and the catalogue of conduct rules a finding names (第十七条–第二十五条).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONDUCT_RULES,
  CONDUCT_RULE_CODES,
  SPOT_CHECK_FINDINGS,
  UNCORRECTED_GROUND,
  findingText,
  isBreach,
} from '../../domain/conduct-rules';
import { SANCTION_GROUNDS } from '../../domain/sanction-grounds';
import {
  drawSample,
  freshSeed,
  orderPopulation,
  populationSha256,
  seededStream,
  verifyDraw,
} from '../../domain/spot-check-draw';
import { CORRECTION_EVENT_LABELS } from '../../web/src/messages';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${String(i).padStart(4, '0')}`);

describe('第二十七条第二款 抽查: the draw', () => {
  it('第二十七条第二款: the same seed and population give the same sample, another seed another one', () => {
    const pop = orderPopulation(ids(200)).ids;
    const a = drawSample('a1b2c3d4e5f60718', pop, 10);
    expect(drawSample('a1b2c3d4e5f60718', pop, 10)).toEqual(a);
    expect(drawSample('a1b2c3d4e5f60719', pop, 10)).not.toEqual(a);
    expect(new Set(a).size).toBe(10);
    expect(a.every((id) => pop.includes(id))).toBe(true);
  });

  it('第二十七条第二款: the population is ordered and fingerprinted the same whatever order it is read in', () => {
    const shuffled = ['c', 'a', 'b', 'a'];
    const p = orderPopulation(shuffled);
    expect(p.ids).toEqual(['a', 'b', 'c']);
    expect(p.sha256).toBe(createHash('sha256').update('a\nb\nc').digest('hex'));
    expect(populationSha256(p.ids)).toBe(p.sha256);
  });

  it('第二十七条第二款: the method as documented — SHA-256 blocks of `${seed}:${k}`, 64-bit words, rejection, Fisher–Yates', () => {
    // Written again from the comment in domain/spot-check-draw.ts, independently of its code.
    const seed = 'deadbeefdeadbeef';
    const words: bigint[] = [];
    for (let k = 0; k < 4; k++) {
      const b = createHash('sha256').update(`${seed}:${k}`).digest();
      for (let o = 0; o < 32; o += 8) words.push(b.readBigUInt64BE(o));
    }
    const pop = ids(7);
    const a = [...pop];
    let w = 0;
    for (let i = 0; i < 3; i++) {
      const n = BigInt(a.length - i);
      const limit = ((1n << 64n) / n) * n;
      let x = words[w++];
      while (x >= limit) x = words[w++];
      const j = i + Number(x % n);
      [a[i], a[j]] = [a[j], a[i]];
    }
    expect(drawSample(seed, pop, 3)).toEqual(a.slice(0, 3));
  });

  it('第二十七条第二款: a sample larger than the population is all of it', () => {
    expect(drawSample('00ff00ff00ff00ff', ids(3), 10).sort()).toEqual(ids(3));
  });

  it('第二十七条第二款: every unit has about the same chance to be drawn (uniformity, 4000 draws)', () => {
    const pop = ids(20);
    const counts = new Map(pop.map((id) => [id, 0]));
    for (let d = 0; d < 4000; d++)
      for (const id of drawSample(`seed-${d}`, pop, 5)) counts.set(id, counts.get(id)! + 1);
    // Expected 1000 each (4000 × 5 / 20); a fair draw stays well within ±15 %.
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
    const below = seededStream('0123456789abcdef');
    const firsts = Array.from({ length: 3000 }, () => below(3));
    for (const v of [0, 1, 2]) expect(Math.abs(firsts.filter((x) => x === v).length - 1000)).toBeLessThan(120);
  });

  it('第二十七条第二款: verification recomputes the draw and catches a changed sample, population or order', () => {
    const seed = freshSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    const p = orderPopulation(ids(50));
    const recorded = {
      seed,
      populationIds: p.ids,
      populationSha256: p.sha256,
      sampleSize: 5,
      sampleIds: drawSample(seed, p.ids, 5),
    };
    expect(verifyDraw(recorded)).toMatchObject({ populationMatches: true, sampleMatches: true });
    const picked = [...recorded.sampleIds.slice(0, 4), p.ids.find((id) => !recorded.sampleIds.includes(id))!];
    expect(verifyDraw({ ...recorded, sampleIds: picked }).sampleMatches).toBe(false);
    expect(verifyDraw({ ...recorded, populationIds: p.ids.slice(1) }).populationMatches).toBe(false);
    const reordered = [p.ids[1], p.ids[0], ...p.ids.slice(2)];
    expect(
      verifyDraw({ ...recorded, populationIds: reordered, populationSha256: populationSha256(reordered) }),
    ).toMatchObject({ populationMatches: false });
    // An id recorded twice (twice as likely to be drawn), fingerprint recomputed to match: not the method's population.
    const doubled = [...p.ids, p.ids[p.ids.length - 1]];
    expect(
      verifyDraw({ ...recorded, populationIds: doubled, populationSha256: populationSha256(doubled) }),
    ).toMatchObject({ populationMatches: false });
  });
});

describe('第二十七条第二款: the record of a correction order reads in words', () => {
  it('第二十七条第二款: every event type written on an order has a label (no raw code reaches a person)', () => {
    const written = ['activities/correction-orders.ts', 'api/routes/sanction-proposals.ts'].flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => /\btype: /.test(l) && !/type: '(JUSTICE_BUREAU|SUSPENSION)'/.test(l))
        .flatMap((l) => [...l.matchAll(/'([A-Z][A-Z_]+)'/g)].map((m) => m[1])),
    );
    expect(written).toEqual(expect.arrayContaining(['ISSUED', 'DEADLINE_MOVED', 'SANCTION_PROPOSAL_DECLINED']));
    expect([...new Set(written)].filter((t) => !CORRECTION_EVENT_LABELS[t])).toEqual([]);
  });
});

describe('第十七条–第二十五条: the conduct rules a finding names', () => {
  it.each(CONDUCT_RULE_CODES)('%s names its article (第十七条–第二十五条) and a Chinese label', (code) => {
    const r = CONDUCT_RULES[code];
    expect(r.article).toMatch(/^第(十七|十八|十九|二十|二十一|二十二|二十三|二十四|二十五)条$/);
    expect(r.label).toMatch(/[\u4e00-\u9fff]/);
    expect(findingText(code)).toBe(`${r.article}：${r.label}`);
    expect(isBreach(code)).toBe(true);
  });

  it('第十七条–第二十五条: every article from 十七 to 二十五 has at least one rule; COMPLIANT is no breach', () => {
    const articles = new Set<string>(Object.values(CONDUCT_RULES).map((r) => r.article));
    for (const a of ['十七', '十八', '十九', '二十', '二十一', '二十二', '二十三', '二十四', '二十五'])
      expect(articles.has(`第${a}条`)).toBe(true);
    expect(SPOT_CHECK_FINDINGS[0]).toBe('COMPLIANT');
    expect(isBreach('COMPLIANT')).toBe(false);
    expect(findingText('COMPLIANT')).toBe('未发现违反行为规范');
  });

  it('第十八条: a solo investigation and 第十九条: a missing audio-video record are findings', () => {
    expect(findingText('A18_TEAM')).toContain('单人执法');
    expect(findingText('A19_RECORDING')).toContain('音像记录');
  });

  it('第二十九条第一款第（四）项: an order not corrected is proposed on ground (四)', () => {
    expect(SANCTION_GROUNDS[UNCORRECTED_GROUND as 4]).toBe('有其他违法执法行为，经督促不予改正');
  });
});
