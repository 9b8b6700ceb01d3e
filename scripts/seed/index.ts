/** Demo data for the local cloud: a fictional county's network, teams, volunteers and residents. */
import { demoTeams, demoUnits, demoUsers } from './county'
import { seedActivities } from './activities'
import { seedNotices } from './notices'
import { seedPlans } from './plans'
import { seedCredit } from './credit'
import { seedCertificates } from './certificates'
import { seedIntegrity } from './integrity'
import { seedHistory } from './history'
import { demoAuditLog, demoInvitations } from './network'
import { demoPeople } from './people'
import { demoOrders, demoServiceMenu } from './orders'
import { insertDocs, type SeedDb } from './insert'
import { auditLog, invitations } from '../../core/contract/network.collections'
import { orderStats, orders, serviceMenus } from '../../core/contract/orders.collections'
import { peopleCounters, teams, volunteers } from '../../core/contract/people.collections'
import { units } from '../../core/contract/stations.collections'
import { users } from '../../core/contract/users.collections'

export { DEMO_CENTER_COORDS, DEMO_IDENTITIES, DEMO_IDS } from './county'
export { DEMO_INVITATION_ID } from './network'

/** The part of the local cloud the seed needs. */
export interface Seedable {
  db: SeedDb
  /** the local cloud's wx-server-sdk environment: the history has the stats recount run through it */
  sdkEnv?: () => Record<string, string>
}

export async function seedDemo(
  cloud: Seedable,
  now: Date = new Date(),
  options: { history?: boolean } = {},
): Promise<void> {
  await insertDocs(cloud.db, units, demoUnits())
  const people = demoPeople(demoUnits(), demoTeams(), demoUsers(now), now)
  await insertDocs(cloud.db, teams, people.teams)
  await insertDocs(cloud.db, users, people.users)
  await insertDocs(cloud.db, volunteers, people.volunteers)
  await insertDocs(cloud.db, peopleCounters, people.counters)
  await seedActivities(cloud, now)
  await seedNotices(cloud, now)
  await seedPlans(cloud, now)
  await seedCredit(cloud, now)
  await seedCertificates(cloud, now)
  await seedIntegrity(cloud, now)
  await insertDocs(cloud.db, invitations, demoInvitations(now))
  await insertDocs(cloud.db, auditLog, demoAuditLog(now))
  const demo = demoOrders(now)
  await insertDocs(cloud.db, serviceMenus, [demoServiceMenu(now)])
  await insertDocs(cloud.db, orders, demo.orders)
  await insertDocs(cloud.db, orderStats, demo.stats)
  // last: the stats recount it ends with counts everything above
  if (options.history ?? true) await seedHistory(cloud, now)
}
