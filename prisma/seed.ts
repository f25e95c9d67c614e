// Demo data (idempotent: natural keys, upserts): the regions of DESIGN.md, their justice bureaus,
// a staffing office, a supervisory organ, a few agencies with officers and certificates already
// issued before the system existed, and one user per role.
import { idNumberCheckDigit } from '../domain/id-number';
import type { Role } from '../domain/roles';
import { createDb, type Db } from '../infra/db';
import { seedCalendarFromChineseDays } from '../store/calendar';

import { CITY, DISTRICTS, PROVINCE, upsertRegions } from './regions';
export { CITY, DISTRICTS, PROVINCE };

type OrgSeed = {
  name: string;
  type: 'AGENCY' | 'JUSTICE_BUREAU' | 'STAFFING_OFFICE' | 'SUPERVISORY_ORGAN';
  level: 'PROVINCE' | 'CITY' | 'DISTRICT';
  regionCode: string;
  agencyKind?: 'GOVERNMENT_BODY' | 'AUTHORISED' | 'ENTRUSTED';
  verticallyManaged?: boolean;
  system?: string;
  requiresProfessionalExam?: boolean;
};

export const ORGS = {
  province: { name: '浙江省司法厅', type: 'JUSTICE_BUREAU', level: 'PROVINCE', regionCode: PROVINCE.code },
  city: { name: '杭州市司法局', type: 'JUSTICE_BUREAU', level: 'CITY', regionCode: CITY.code },
  staffing: { name: '中共杭州市委机构编制委员会办公室', type: 'STAFFING_OFFICE', level: 'CITY', regionCode: CITY.code },
  supervisory: { name: '杭州市监察委员会', type: 'SUPERVISORY_ORGAN', level: 'CITY', regionCode: CITY.code },
  xihuEnforcement: {
    name: '杭州市西湖区综合行政执法局',
    type: 'AGENCY',
    level: 'DISTRICT',
    regionCode: '330106',
    agencyKind: 'GOVERNMENT_BODY',
    system: '综合行政执法',
  },
  shangchengHealth: {
    name: '杭州市上城区卫生健康局',
    type: 'AGENCY',
    level: 'DISTRICT',
    regionCode: '330102',
    agencyKind: 'GOVERNMENT_BODY',
    system: '卫生健康',
  },
  cityMarket: {
    name: '杭州市市场监督管理局',
    type: 'AGENCY',
    level: 'CITY',
    regionCode: CITY.code,
    agencyKind: 'GOVERNMENT_BODY',
    system: '市场监管',
    requiresProfessionalExam: true,
  },
  cityTransport: {
    name: '杭州市交通运输行政执法队',
    type: 'AGENCY',
    level: 'CITY',
    regionCode: CITY.code,
    agencyKind: 'AUTHORISED',
    system: '交通运输',
  },
  cityTax: {
    name: '国家税务总局杭州市税务局',
    type: 'AGENCY',
    level: 'CITY',
    regionCode: CITY.code,
    agencyKind: 'GOVERNMENT_BODY',
    verticallyManaged: true,
    system: '税务',
  },
} satisfies Record<string, OrgSeed>;

const districtBureau = (d: { code: string; name: string }): OrgSeed => ({
  name: `杭州市${d.name}司法局`,
  type: 'JUSTICE_BUREAU',
  level: 'DISTRICT',
  regionCode: d.code,
});

/** A valid 18-digit ID number for demo data (region 330106, given birth date, sequence). */
export function demoIdNumber(birth: string, seq: number): string {
  const first17 = `330106${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

type OfficerSeed = {
  key: string;
  name: string;
  birth: string;
  org: keyof typeof ORGS;
  cert?: string;
  exams?: ReadonlyArray<{ type: 'COMPREHENSIVE' | 'PROFESSIONAL'; passed: boolean; takenOn: string }>;
  exemptions?: ReadonlyArray<'APPOINTED_HEAD' | 'LEGAL_PROFESSION' | 'AGE_55_TRAINING'>;
};

export const OFFICERS: ReadonlyArray<OfficerSeed> = [
  { key: 'zhang', name: '张伟', birth: '1985-03-12', org: 'xihuEnforcement', cert: '330106-2023-00001' },
  { key: 'li', name: '李娜', birth: '1990-07-08', org: 'xihuEnforcement', cert: '330106-2023-00002' },
  { key: 'wang', name: '王强', birth: '1968-11-30', org: 'shangchengHealth', cert: '330102-2022-00007' },
  { key: 'chen', name: '陈静', birth: '1988-01-21', org: 'cityMarket', cert: '330100-2024-00015' },
  // Not yet certified: ready to apply (第四条, 第五条), and one refused (第四条第二款: wrong exam order).
  {
    key: 'zhao',
    name: '赵敏',
    birth: '1992-04-18',
    org: 'xihuEnforcement',
    exams: [{ type: 'COMPREHENSIVE', passed: true, takenOn: '2025-05-10' }],
  },
  {
    key: 'sun',
    name: '孙浩',
    birth: '1987-09-02',
    org: 'cityTransport',
    exams: [{ type: 'COMPREHENSIVE', passed: true, takenOn: '2025-05-10' }],
  },
  { key: 'zhou', name: '周涛', birth: '1969-02-14', org: 'shangchengHealth', exemptions: ['AGE_55_TRAINING'] },
  {
    key: 'wu',
    name: '吴磊',
    birth: '1991-12-01',
    org: 'cityMarket',
    exams: [
      { type: 'COMPREHENSIVE', passed: true, takenOn: '2025-05-10' },
      { type: 'PROFESSIONAL', passed: true, takenOn: '2025-06-20' },
    ],
  },
];

export const DEMO_USERS: ReadonlyArray<{
  username: string;
  displayName: string;
  role: Role;
  org: keyof typeof ORGS | 'xihuBureau' | 'shangchengBureau';
  officer?: string;
}> = [
  { username: 'agency_admin', displayName: '西湖区执法局管理员', role: 'AGENCY_ADMIN', org: 'xihuEnforcement' },
  { username: 'district_reviewer', displayName: '西湖区司法局审核员', role: 'DISTRICT_REVIEWER', org: 'xihuBureau' },
  // Another district's reviewer: sees none of 西湖区's tasks (scope).
  {
    username: 'district_reviewer_shangcheng',
    displayName: '上城区司法局审核员',
    role: 'DISTRICT_REVIEWER',
    org: 'shangchengBureau',
  },
  { username: 'city_reviewer', displayName: '市司法局审核员', role: 'CITY_REVIEWER', org: 'city' },
  { username: 'province_reviewer', displayName: '省司法厅核准员', role: 'PROVINCE_REVIEWER', org: 'province' },
  { username: 'staffing_office', displayName: '市编办联络员', role: 'STAFFING_OFFICE', org: 'staffing' },
  { username: 'sanction_officer', displayName: '市司法局执法监督处', role: 'SANCTION_OFFICER', org: 'city' },
  {
    username: 'province_sanction_officer',
    displayName: '省司法厅执法监督处',
    role: 'SANCTION_OFFICER',
    org: 'province',
  },
  {
    username: 'complaint_handler',
    displayName: '西湖区执法局投诉受理员',
    role: 'COMPLAINT_HANDLER',
    org: 'xihuEnforcement',
  },
  { username: 'supervisor', displayName: '市监委监督员', role: 'SUPERVISOR', org: 'supervisory' },
  // 第二十八条: the head of an organ approves a complaint investigation's extension (SUPERVISOR of that organ).
  { username: 'agency_head', displayName: '西湖区执法局负责人', role: 'SUPERVISOR', org: 'xihuEnforcement' },
  { username: 'supervisory_handler', displayName: '市监委投诉受理员', role: 'COMPLAINT_HANDLER', org: 'supervisory' },
  { username: 'officer', displayName: '张伟', role: 'OFFICER', org: 'xihuEnforcement', officer: 'zhang' },
  // 第三条: the city bureau runs the system — organisations, users, the statutory calendar.
  { username: 'system_admin', displayName: '市司法局系统管理员', role: 'SYSTEM_ADMIN', org: 'city' },
];

async function upsertOrg(db: Db, o: OrgSeed): Promise<string> {
  const row = await db.organisation.upsert({ where: { name: o.name }, update: {}, create: o });
  return row.id;
}

export async function seed(db: Db): Promise<void> {
  // 民法典 第二百零三条: the statutory calendar's years chinese-days covers (the API and worker seed them too).
  await seedCalendarFromChineseDays(db);
  await upsertRegions(db);
  const orgIds: Record<string, string> = {};
  for (const d of DISTRICTS) {
    orgIds[`bureau:${d.code}`] = await upsertOrg(db, districtBureau(d));
  }
  orgIds.xihuBureau = orgIds['bureau:330106'];
  orgIds.shangchengBureau = orgIds['bureau:330102'];
  for (const [key, o] of Object.entries(ORGS)) orgIds[key] = await upsertOrg(db, o);

  const officerIds: Record<string, string> = {};
  for (const [i, o] of OFFICERS.entries()) {
    const idNumber = demoIdNumber(o.birth, i + 1);
    const existing = await db.officer.findUnique({ where: { idNumber } });
    const officer =
      existing ??
      (await db.officer.create({
        data: {
          name: o.name,
          idNumber,
          birthDate: new Date(`${o.birth}T00:00:00Z`),
          organisationId: orgIds[o.org],
          examResults: { create: (o.exams ?? []).map((e) => ({ ...e, takenOn: new Date(`${e.takenOn}T00:00:00Z`) })) },
          exemptions: {
            create: (o.exemptions ?? []).map((ground) => ({ ground, grantedOn: new Date('2025-01-15T00:00:00Z') })),
          },
        },
      }));
    officerIds[o.key] = officer.id;
    if (!o.cert) continue;
    await db.certificate.upsert({
      where: { number: o.cert },
      update: {},
      create: {
        number: o.cert,
        officerId: officer.id,
        organisationId: orgIds[o.org],
        issuedOn: new Date(`${o.cert.slice(7, 11)}-06-01T00:00:00Z`),
        events: {
          create: { type: 'IMPORTED', toStatus: 'ACTIVE', reason: '系统上线前已发证，导入', article: '第四条' },
        },
      },
    });
  }
  for (const u of DEMO_USERS) {
    await db.user.upsert({
      where: { username: u.username },
      update: {},
      create: {
        username: u.username,
        displayName: u.displayName,
        roles: [u.role],
        organisationId: orgIds[u.org],
        officerId: u.officer ? officerIds[u.officer] : null,
      },
    });
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  const db = createDb(url);
  seed(db)
    .then(() => console.log('seeded'))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
