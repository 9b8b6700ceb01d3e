/** Demo data for the local cloud: a fictional county's network, teams, volunteers and residents. */
import { demoTeams, demoUnits, demoUsers } from './county'
import { seedActivities } from './activities'
import { seedNotices } from './notices'
import { seedCredit } from './credit'
import { demoPeople } from './people'
import { demoAuditLog, demoInvitations } from './network'
import { demoOrders, demoServiceMenu } from './orders'

export { DEMO_CENTER_COORDS, DEMO_IDENTITIES, DEMO_IDS } from './county'
export { DEMO_INVITATION_ID } from './network'

/** The part of the local cloud the seed needs. */
export interface Seedable {
  db: { insertMany(collection: string, docs: Record<string, unknown>[]): Promise<void> }
}

export async function seedDemo(cloud: Seedable, now: Date = new Date()): Promise<void> {
  await cloud.db.insertMany('units', demoUnits() as unknown as Record<string, unknown>[])
  const people = demoPeople(demoUnits(), demoTeams(), demoUsers(now), now)
  await cloud.db.insertMany('teams', people.teams as unknown as Record<string, unknown>[])
  await cloud.db.insertMany('users', people.users as unknown as Record<string, unknown>[])
  await cloud.db.insertMany('volunteers', people.volunteers as unknown as Record<string, unknown>[])
  await cloud.db.insertMany('people_counters', people.counters as unknown as Record<string, unknown>[])
  await seedActivities(cloud, now)
  await seedNotices(cloud, now)
  await seedCredit(cloud, now)
  await cloud.db.insertMany('invitations', demoInvitations(now) as unknown as Record<string, unknown>[])
  await cloud.db.insertMany('audit_log', demoAuditLog(now) as unknown as Record<string, unknown>[])
  const demo = demoOrders(now)
  await cloud.db.insertMany('service_menus', [demoServiceMenu(now)] as unknown as Record<string, unknown>[])
  await cloud.db.insertMany('orders', demo.orders as unknown as Record<string, unknown>[])
  await cloud.db.insertMany('order_stats', demo.stats as unknown as Record<string, unknown>[])
}
