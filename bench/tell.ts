/**
 * Cancelling an activity with N registrants (a third holding a 活动变更提醒 credit): how long the cancel
 * call takes, how many it told within its own budget (the rest the timer finishes), timer runs needed,
 * and the database round trips per registrant. Prints figures; asserts only that everyone was told
 * exactly once (otherwise the figures mean nothing).
 *
 *   npx tsx bench/tell.ts                 # 30, 300 and 1000 registrants
 *   TELL_BENCH_N=500 npx tsx bench/tell.ts
 */
import { performance } from 'node:perf_hooks'
import { DEFAULT_ACTIVITY_CHANGE_TEMPLATE } from '../core/activities/change-notice'
import { activityDoc } from '../testing/activity-doc'
import { startLocalCloud } from '../local-cloud/src'
import type { AdminRequest } from '../local-cloud/src/server'
import { appPages } from '../scripts/app-pages'
import { buildFunctions } from '../scripts/build-functions'
import { DEMO_IDENTITIES, seedDemo } from '../scripts/seed'

const SIZES = process.env.TELL_BENCH_N ? [Number(process.env.TELL_BENCH_N)] : [30, 300, 1000]
const TEMPLATE = DEFAULT_ACTIVITY_CHANGE_TEMPLATE.id

async function main(): Promise<void> {
  await buildFunctions()
  const cloud = await startLocalCloud({ quiet: true, timers: false, pages: appPages(), maxInstances: 4 })
  try {
    await seedDemo(cloud, new Date(), { history: false })
    let trips = 0
    const db = cloud.db as unknown as { handle(req: AdminRequest): Promise<unknown> }
    const handle = db.handle.bind(db)
    db.handle = (req) => {
      trips++
      return handle(req)
    }
    console.log(
      'registrants | cancel call ms | told in the call | timer runs | total ms | db trips / registrant',
    )
    for (const n of SIZES) {
      const people = Array.from({ length: n }, (_, i) => `tell-${n}-${i}`)
      const id = `bench-tell-${n}`
      await cloud.db.insertMany('activities', [
        activityDoc({
          _id: id,
          registrationRequired: true,
          capacity: n,
          registeredCount: n,
          registrants: people,
        }) as unknown as Record<string, unknown>,
      ])
      const credited = people.filter((_, i) => i % 3 === 0)
      await cloud.db.insertMany(
        'subscriptions',
        credited.map((openid) => {
          cloud.grantSubscription(openid, TEMPLATE)
          return { _id: `${TEMPLATE}:${openid}`, openid, templateId: TEMPLATE, credits: 1, spentFor: [] }
        }),
      )
      trips = 0
      const started = performance.now()
      const res = (await cloud.callFunction(
        'activities',
        { action: 'cancel', input: { id, reason: '场地维修' } },
        { openid: DEMO_IDENTITIES.stationManager },
      )) as { ok: boolean; data?: { told: { told: number; done: boolean } } }
      const callMs = performance.now() - started
      if (!res.ok || !res.data) throw new Error(`cancel failed: ${JSON.stringify(res)}`)
      const inCall = res.data.told.told
      let runs = 0
      const telling = () => (cloud.db.find('activities', { _id: id })[0] as { telling?: boolean }).telling
      while (telling() && runs < 50) {
        await cloud.fireTimer('activities')
        runs++
      }
      const totalMs = performance.now() - started
      const inbox = cloud.db.find('inbox', { eventId: `cancel:${id}` })
      const sent = cloud.outbox({ templateId: TEMPLATE }).filter((m) => m.touser.startsWith(`tell-${n}-`))
      if (
        inbox.length !== n ||
        new Set(sent.map((m) => m.touser)).size !== sent.length ||
        sent.length !== credited.length
      )
        throw new Error(
          `not exactly once: inbox ${inbox.length}/${n}, sent ${sent.length}/${credited.length}`,
        )
      console.log(
        `${n} | ${callMs.toFixed(0)} | ${inCall} | ${runs} | ${totalMs.toFixed(0)} | ${(trips / n).toFixed(1)}`,
      )
    }
  } finally {
    await cloud.stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
