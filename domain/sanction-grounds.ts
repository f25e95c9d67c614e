// 第二十九条: the two measures and the four grounds (no other imports: the web UI uses this too).
export const SANCTION_TYPES = ['SUSPENSION', 'REVOCATION'] as const;
export type SanctionType = (typeof SANCTION_TYPES)[number];

// 第二十九条 (一)–(四)
export const SANCTION_GROUNDS: Readonly<Record<1 | 2 | 3 | 4, string>> = {
  1: '滥用职权或者玩忽职守',
  2: '利用职权谋取私利，或者有其他侵犯公民、法人和其他组织合法权益的行为',
  3: '对投诉、举报违法执法活动以及申请行政复议和提起行政诉讼的公民、法人或者其他组织打击报复',
  4: '有其他违法执法行为，经督促不予改正',
};
