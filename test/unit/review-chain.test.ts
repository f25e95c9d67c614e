// Review by authority (第七条; DESIGN.md "Rules by article"): a district-level agency's application goes
// district bureau → city bureau → province (核准); a city-level agency's goes city bureau → province.
// Region codes (DESIGN.md "Regions"): 330000 浙江省, 330100 杭州市, 330106 西湖区, 330182 建德市.
import { describe, expect, it } from 'vitest';
import {
  bureauRegion,
  REVIEW_LEVELS,
  REVIEWER_ROLE_OF_LEVEL,
  reviewChain,
  supervisingLevel,
} from '../../domain/review-chain';

describe('reviewChain', () => {
  it('第七条: a district-level agency is reviewed by the district bureau, then the city bureau, then approved by the province', () => {
    expect(reviewChain('DISTRICT')).toEqual(['DISTRICT', 'CITY', 'PROVINCE']);
  });

  it('第七条: a city-level agency (市直单位) is reviewed by the city bureau, then approved by the province', () => {
    expect(reviewChain('CITY')).toEqual(['CITY', 'PROVINCE']);
  });

  it('第七条: a province-level agency goes to the province only', () => {
    expect(reviewChain('PROVINCE')).toEqual(['PROVINCE']);
  });

  it('第七条: every chain ends with the province (逐级上报省司法行政部门核准)', () => {
    for (const level of REVIEW_LEVELS) expect(reviewChain(level).at(-1)).toBe('PROVINCE');
  });

  it('第七条: each call returns a fresh array, so a caller cannot corrupt the next chain', () => {
    const chain = reviewChain('DISTRICT');
    chain.pop();
    expect(reviewChain('DISTRICT')).toEqual(['DISTRICT', 'CITY', 'PROVINCE']);
  });
});

describe('bureauRegion', () => {
  it('第七条: for 西湖区 330106 the reviewing bureaus are 330106 (district), 330100 (杭州市), 330000 (浙江省)', () => {
    expect(bureauRegion('DISTRICT', '330106')).toBe('330106');
    expect(bureauRegion('CITY', '330106')).toBe('330100');
    expect(bureauRegion('PROVINCE', '330106')).toBe('330000');
  });

  it('第七条: a county-level city (建德市 330182) is reviewed at city level by 杭州市 330100', () => {
    expect(bureauRegion('DISTRICT', '330182')).toBe('330182');
    expect(bureauRegion('CITY', '330182')).toBe('330100');
    expect(bureauRegion('PROVINCE', '330182')).toBe('330000');
  });

  it('第七条: a city-level agency (region 330100) is reviewed by 330100, then 330000', () => {
    expect(reviewChain('CITY').map((level) => bureauRegion(level, '330100'))).toEqual(['330100', '330000']);
  });

  it('第七条: the full chain of a district agency maps to its three bureaus', () => {
    expect(reviewChain('DISTRICT').map((level) => bureauRegion(level, '330106'))).toEqual([
      '330106',
      '330100',
      '330000',
    ]);
  });
});

describe('supervisingLevel and reviewer roles', () => {
  it("the city watches districts' overdue tasks, the province watches the city's", () => {
    expect(supervisingLevel('DISTRICT')).toBe('CITY');
    expect(supervisingLevel('CITY')).toBe('PROVINCE');
  });

  it('the province supervises its own level (there is no level above it)', () => {
    expect(supervisingLevel('PROVINCE')).toBe('PROVINCE');
  });

  it('第七条: each level is reviewed by its own reviewer role', () => {
    expect(REVIEWER_ROLE_OF_LEVEL).toEqual({
      DISTRICT: 'DISTRICT_REVIEWER',
      CITY: 'CITY_REVIEWER',
      PROVINCE: 'PROVINCE_REVIEWER',
    });
  });
});
