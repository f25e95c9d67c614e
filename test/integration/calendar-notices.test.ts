// The statutory calendar a process keeps in memory (store/calendar.ts, issue #17): while the
// database's change notices arrive, the cached days serve every step without a statement, and a year
// entered — through the store or by SQL from another process — counts within moments; without
// notices each use checks the version, so an entered year counts at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForRecordChanges, toSubscribers } from '../../infra/record-changes';
import { enterCalendarYear, storeCalendar } from '../../store/calendar';
import { freshDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase({ seed: false });
});
afterAll(async () => {
  await t?.drop();
});

/** A calendar fed by a listener of its own, and whether the listener is live. */
function noticedCalendar() {
  const calendar = storeCalendar(t.db);
  let live = false;
  const listener = listenForRecordChanges(
    t.url,
    toSubscribers([calendar, { evict: () => {}, setLive: (l) => (live = l) }], () => {}),
  );
  return { calendar, listener, isLive: () => live };
}

const enter = (year: number, reference: string) =>
  t.db.$transaction((tx) =>
    enterCalendarYear(tx, {
      year,
      noticeReference: reference,
      source: 'ENTERED',
      days: [{ date: `${year}-10-01`, kind: 'HOLIDAY', name: '国庆节' }],
      actorId: 'test',
      actorRoles: ['CALENDAR_ADMIN'],
      at: new Date(),
    }),
  );

describe('民法典 第二百零三条: the calendar each process keeps', () => {
  it('while notices arrive the same days serve every use; a year entered through the store counts within moments', async () => {
    const { calendar, listener, isLive } = noticedCalendar();
    try {
      await eventually('listening', async () => isLive(), 5_000);
      const first = await calendar.snapshot();
      expect(first.isKnownYear(2041)).toBe(false);
      // Served from memory without a statement: a change made with the notice switched off goes unseen.
      const notices = (on: 'ENABLE' | 'DISABLE') =>
        Promise.all(
          ['CalendarYear', 'CalendarDay'].map((table) =>
            t.db.$executeRawUnsafe(`ALTER TABLE "${table}" ${on} TRIGGER "${table}_changed"`),
          ),
        );
      await notices('DISABLE');
      try {
        await enter(2040, '未发出通知的年份');
        expect((await calendar.snapshot()).isKnownYear(2040)).toBe(false);
        expect((await storeCalendar(t.db).snapshot()).isKnownYear(2040)).toBe(true); // one that asks sees it
      } finally {
        await notices('ENABLE');
      }
      await enter(2041, '国务院办公厅关于2041年部分节假日安排的通知');
      await eventually('2041 known', async () => (await calendar.snapshot()).isKnownYear(2041), 2_000);
      expect((await calendar.snapshot()).isWorkday('2041-10-01')).toBe(false);
    } finally {
      await listener.stop();
    }
  });

  it('a day changed by SQL from another process counts within moments', async () => {
    const { calendar, listener, isLive } = noticedCalendar();
    try {
      await eventually('listening', async () => isLive(), 5_000);
      await enter(2042, '国务院办公厅关于2042年部分节假日安排的通知');
      await eventually('2042 known', async () => (await calendar.snapshot()).isKnownYear(2042), 2_000);
      expect((await calendar.snapshot()).isWorkday('2042-10-02')).toBe(true); // a Thursday, not entered
      await t.db
        .$executeRaw`INSERT INTO "CalendarDay" (date, year, kind, name) VALUES ('2042-10-02', 2042, 'HOLIDAY', '国庆节')`;
      await eventually('the new day', async () => !(await calendar.snapshot()).isWorkday('2042-10-02'), 2_000);
    } finally {
      await listener.stop();
    }
  });

  it('without notices (the listener stopped) each use checks the version: an entered year counts at once', async () => {
    const { calendar, listener, isLive } = noticedCalendar();
    await eventually('listening', async () => isLive(), 5_000);
    expect((await calendar.snapshot()).isKnownYear(2043)).toBe(false);
    await listener.stop();
    await enter(2043, '国务院办公厅关于2043年部分节假日安排的通知');
    expect((await calendar.snapshot()).isKnownYear(2043)).toBe(true);
  });
});
