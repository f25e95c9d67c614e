// 行政区划 (GB/T 2260) of the deployment: 浙江省, 杭州市 and its districts and counties. Reference data,
// not administered in the UI: a new district comes with a new release (its code is fixed by the State).
import type { Db } from '../infra/db';

export const PROVINCE = { code: '330000', name: '浙江省' };
export const CITY = { code: '330100', name: '杭州市' };
export const DISTRICTS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '330102', name: '上城区' },
  { code: '330105', name: '拱墅区' },
  { code: '330106', name: '西湖区' },
  { code: '330108', name: '滨江区' },
  { code: '330109', name: '萧山区' },
  { code: '330110', name: '余杭区' },
  { code: '330111', name: '富阳区' },
  { code: '330112', name: '临安区' },
  { code: '330113', name: '临平区' },
  { code: '330114', name: '钱塘区' },
  { code: '330122', name: '桐庐县' },
  { code: '330127', name: '淳安县' },
  { code: '330182', name: '建德市' },
];

/** Writes the regions (idempotent: existing ones are left as they are). */
export async function upsertRegions(db: Db): Promise<void> {
  await db.region.upsert({ where: { code: PROVINCE.code }, update: {}, create: { ...PROVINCE, level: 'PROVINCE' } });
  await db.region.upsert({
    where: { code: CITY.code },
    update: {},
    create: { ...CITY, level: 'CITY', parentCode: PROVINCE.code },
  });
  for (const d of DISTRICTS) {
    await db.region.upsert({
      where: { code: d.code },
      update: {},
      create: { ...d, level: 'DISTRICT', parentCode: CITY.code },
    });
  }
}
