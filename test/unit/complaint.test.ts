// Pure complaint rules: the organs a complainant may address (第二十八条), the feedback channel
// (第二十八条), who reads the complainant's identity (第二十五条), the watch's alarms, receipt codes.
import { describe, expect, it } from 'vitest';
import { newReceiptCode, normaliseReceiptCode } from '../../api/complaint-intake';
import { addresseeFor, complaintReaderRole, feedbackChannelRefusal, type OrganRef } from '../../domain/complaint';
import { nextAlarm } from '../../domain/task-alarms';
import type { Actor, ActorOrganisation, Role } from '../../domain/roles';

const XIHU_CG: OrganRef = {
  id: 'xihu-cg',
  type: 'AGENCY',
  level: 'DISTRICT',
  regionCode: '330106',
  system: '综合行政执法',
};
const XIHU_CG_2: OrganRef = {
  id: 'xihu-other',
  type: 'AGENCY',
  level: 'DISTRICT',
  regionCode: '330106',
  system: '卫生健康',
};
const CITY_CG: OrganRef = {
  id: 'city-cg',
  type: 'AGENCY',
  level: 'CITY',
  regionCode: '330100',
  system: '综合行政执法',
};
const CITY_MARKET: OrganRef = {
  id: 'city-market',
  type: 'AGENCY',
  level: 'CITY',
  regionCode: '330100',
  system: '市场监管',
};
const CITY_BUREAU: OrganRef = { id: 'city-justice', type: 'JUSTICE_BUREAU', level: 'CITY', regionCode: '330100' };
const CITY_JIANWEI: OrganRef = { id: 'city-jw', type: 'SUPERVISORY_ORGAN', level: 'CITY', regionCode: '330100' };
const NINGBO_JIANWEI: OrganRef = { id: 'nb-jw', type: 'SUPERVISORY_ORGAN', level: 'CITY', regionCode: '330200' };

describe('addresseeFor (第二十八条)', () => {
  it('第二十八条: the officer’s own agency, a superior agency of its system or the justice bureau, or the supervisory organ', () => {
    expect(addresseeFor(XIHU_CG, [XIHU_CG])).toBe('OFFICER_AGENCY');
    expect(addresseeFor(CITY_CG, [XIHU_CG])).toBe('SUPERIOR_AGENCY');
    expect(addresseeFor(CITY_BUREAU, [XIHU_CG])).toBe('SUPERIOR_AGENCY');
    expect(addresseeFor(CITY_JIANWEI, [XIHU_CG, CITY_MARKET])).toBe('SUPERVISORY_ORGAN');
  });

  it('第二十八条: not another agency, another system’s city agency, a lower organ, or another city’s 监察机关', () => {
    expect(addresseeFor(XIHU_CG_2, [XIHU_CG])).toBeNull();
    expect(addresseeFor(CITY_MARKET, [XIHU_CG])).toBeNull();
    expect(addresseeFor(XIHU_CG, [CITY_CG])).toBeNull();
    expect(addresseeFor(NINGBO_JIANWEI, [XIHU_CG])).toBeNull();
    // Officers of two agencies: the organ must fit both.
    expect(addresseeFor(XIHU_CG, [XIHU_CG, XIHU_CG_2])).toBeNull();
    expect(addresseeFor(XIHU_CG, [])).toBeNull();
  });
});

describe('feedback channel (第二十八条)', () => {
  it('第二十八条: without a contact the result is published; with one it is told directly', () => {
    expect(feedbackChannelRefusal(false, 'PUBLISHED')).toBeUndefined();
    expect(feedbackChannelRefusal(false, 'PHONE')).toMatch(/published/);
    expect(feedbackChannelRefusal(true, 'LETTER')).toBeUndefined();
    expect(feedbackChannelRefusal(true, 'PUBLISHED')).toMatch(/directly/);
  });
});

const org = (o: OrganRef): ActorOrganisation => ({ id: o.id, type: o.type, level: o.level, regionCode: o.regionCode });
const actor = (o: OrganRef, roles: Role[]): Actor => ({
  userId: `u-${o.id}`,
  username: o.id,
  roles,
  officerId: null,
  organisation: org(o),
});
const handledByJianwei = {
  handlingOrgId: CITY_JIANWEI.id,
  handlingRegionCode: '330100',
  subjectAgencyIds: [XIHU_CG.id],
  subjectOfficerIds: ['officer-zhang'],
  declaredUserIds: [],
};
const handledByAgency = {
  handlingOrgId: XIHU_CG.id,
  handlingRegionCode: '330106',
  subjectAgencyIds: [XIHU_CG.id],
  subjectOfficerIds: ['officer-zhang', null],
  declaredUserIds: [],
};

describe('complaintReaderRole (第二十五条)', () => {
  it('第二十五条: the handling organ’s handlers and head, and the supervisory organ over it, read the complainant', () => {
    expect(complaintReaderRole(actor(CITY_JIANWEI, ['COMPLAINT_HANDLER']), handledByJianwei)).toBe('COMPLAINT_HANDLER');
    expect(complaintReaderRole(actor(CITY_JIANWEI, ['SUPERVISOR']), handledByAgency)).toBe('SUPERVISOR');
    expect(complaintReaderRole(actor(CITY_BUREAU, ['SUPERVISOR']), handledByAgency)).toBe('SUPERVISOR');
    // The officer's agency reads it only when it is the handling organ.
    expect(complaintReaderRole(actor(XIHU_CG, ['COMPLAINT_HANDLER']), handledByAgency)).toBe('COMPLAINT_HANDLER');
    expect(complaintReaderRole(actor(XIHU_CG, ['SUPERVISOR']), handledByAgency)).toBe('SUPERVISOR');
  });

  it('第二十条: the officer complained about never reads it, even holding a handler’s or the head’s role in the handling organ', () => {
    const zhang = { ...actor(XIHU_CG, ['COMPLAINT_HANDLER', 'SUPERVISOR', 'OFFICER']), officerId: 'officer-zhang' };
    expect(complaintReaderRole(zhang, handledByAgency)).toBeNull();
    expect(complaintReaderRole({ ...zhang, officerId: 'officer-li' }, handledByAgency)).toBe('COMPLAINT_HANDLER');
  });

  it('第二十条: a handler who declared a conflict in it no longer reads it; their colleagues still do', () => {
    const handler = actor(XIHU_CG, ['COMPLAINT_HANDLER']);
    const declared = { ...handledByAgency, declaredUserIds: [handler.userId] };
    expect(complaintReaderRole(handler, declared)).toBeNull();
    expect(complaintReaderRole({ ...handler, userId: 'u-colleague' }, declared)).toBe('COMPLAINT_HANDLER');
  });

  it('第二十五条: never the officer’s agency when it does not handle it, nor another organ, nor another region', () => {
    expect(complaintReaderRole(actor(XIHU_CG, ['COMPLAINT_HANDLER']), handledByJianwei)).toBeNull();
    expect(complaintReaderRole(actor(XIHU_CG, ['SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER']), handledByJianwei)).toBeNull();
    expect(complaintReaderRole(actor(CITY_MARKET, ['SUPERVISOR']), handledByAgency)).toBeNull();
    expect(complaintReaderRole(actor(NINGBO_JIANWEI, ['SUPERVISOR']), handledByAgency)).toBeNull();
    expect(complaintReaderRole(actor(CITY_JIANWEI, ['COMPLAINT_HANDLER']), handledByAgency)).toBeNull();
  });
});

describe('nextAlarm (第二十八条 deadlines)', () => {
  const base = { taskId: 't', dueAt: '2026-01-10T16:00:00.000Z', reminded: false, escalations: 0 };
  it('第二十八条: reminder, then the escalation at the due time; once for a deadline, again and again for the feedback', () => {
    expect(nextAlarm({ ...base, remindAt: '2026-01-05T16:00:00.000Z' })).toEqual({
      kind: 'remind',
      at: '2026-01-05T16:00:00.000Z',
    });
    expect(nextAlarm({ ...base, reminded: true, remindAt: '2026-01-05T16:00:00.000Z' })).toEqual({
      kind: 'escalate',
      at: base.dueAt,
    });
    expect(nextAlarm({ ...base, escalations: 1 })).toBeUndefined();
    expect(nextAlarm({ ...base, escalations: 2, repeatMs: 86_400_000 })).toEqual({
      kind: 'escalate',
      at: '2026-01-12T16:00:00.000Z',
    });
  });
});

describe('receipt codes (第二十八条)', () => {
  it('第二十八条: random, not sequential, 120 bits in 24 unambiguous characters; typing variants are accepted', () => {
    const codes = Array.from({ length: 200 }, newReceiptCode);
    expect(new Set(codes).size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect(normaliseReceiptCode(` ${codes[0].toLowerCase().replace(/-/g, ' ')} `)).toBe(codes[0]);
    expect(normaliseReceiptCode('ABC')).toBe('');
  });
});
