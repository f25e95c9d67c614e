// A new deployment's first step after its migrations (第三条: the city justice bureau runs the
// system): the regions, the city justice bureau and its first SYSTEM_ADMIN, who then sets up
// everything else in the web UI — organisations, users, the calendar. Idempotent: run it on every
// deployment; it adds what is missing and changes nothing that exists.
//
//   BOOTSTRAP_ADMIN_USERNAME=zhangsan BOOTSTRAP_ADMIN_NAME=张三 npm run bootstrap
import { createDb, type Db } from '../infra/db';
import { CITY, upsertRegions } from './regions';

export const CITY_BUREAU_NAME = '杭州市司法局';

export interface BootstrapResult {
  cityBureau: { id: string; created: boolean };
  admin?: { username: string; created: boolean };
}

export async function bootstrap(
  db: Db,
  admin?: { username: string; displayName: string },
  cityBureauName = CITY_BUREAU_NAME,
): Promise<BootstrapResult> {
  await upsertRegions(db);
  const existing = await db.organisation.findFirst({
    where: { type: 'JUSTICE_BUREAU', level: 'CITY', regionCode: CITY.code, active: true },
  });
  const bureau =
    existing ??
    (await db.organisation.create({
      data: { name: cityBureauName, type: 'JUSTICE_BUREAU', level: 'CITY', regionCode: CITY.code },
    }));
  const result: BootstrapResult = { cityBureau: { id: bureau.id, created: !existing } };
  if (!admin) return result;
  const user = await db.user.findUnique({ where: { username: admin.username } });
  if (!user) {
    await db.$transaction(async (tx) => {
      const u = await tx.user.create({
        data: {
          username: admin.username,
          displayName: admin.displayName,
          roles: ['SYSTEM_ADMIN'],
          organisationId: bureau.id,
        },
      });
      await tx.auditLog.create({
        data: {
          action: 'user.bootstrap',
          targetType: 'User',
          targetId: u.id,
          outcome: 'DONE',
          detail: { before: null, after: { username: u.username, roles: u.roles, organisationId: bureau.id } },
        },
      });
    });
  }
  return { ...result, admin: { username: admin.username, created: !user } };
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  const username = process.env.BOOTSTRAP_ADMIN_USERNAME?.trim();
  const displayName = process.env.BOOTSTRAP_ADMIN_NAME?.trim() || username;
  const db = createDb(url);
  bootstrap(db, username ? { username, displayName: displayName! } : undefined, process.env.BOOTSTRAP_CITY_BUREAU_NAME)
    .then((r) => {
      console.log(`city justice bureau: ${r.cityBureau.created ? 'created' : 'present'}`);
      if (r.admin) console.log(`system admin ${r.admin.username}: ${r.admin.created ? 'created' : 'present'}`);
      else console.log('no BOOTSTRAP_ADMIN_USERNAME: no system admin created');
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
