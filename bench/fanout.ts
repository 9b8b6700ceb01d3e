/**
 * The practice-day fan-out to many subscribers through the real notices function and wx-server-sdk,
 * with a simulated subscribeMessage.send latency. The first run is killed by its timeout part-way (as
 * the platform kills a function), then the job is resumed to the end. Prints figures only:
 *   - messages per second against the floor (concurrency ÷ latency: the best a run could do),
 *   - duplicates in the outbox (must be 0) and subscribers left without their message (must be 0),
 *   - how long a resume takes: from the new run's start to its first message, and the whole rest.
 *
 *   npx tsx bench/fanout.ts
 *   FANOUT_N=20000 FANOUT_LATENCY_MS=50 FANOUT_CONCURRENCY=50 FANOUT_KILL_AFTER_S=15 npx tsx bench/fanout.ts
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startLocalCloud, type LocalCloud } from '../local-cloud/src'
import { monthKeyOf } from '../core/notices/schedule'
import { shanghai } from '../core/time'
import { buildFunctions } from '../scripts/build-functions'

const N = Number(process.env.FANOUT_N ?? 100_000)
const LATENCY_MS = Number(process.env.FANOUT_LATENCY_MS ?? 50)
const CONCURRENCY = Number(process.env.FANOUT_CONCURRENCY ?? 50)
/** the first run's timeout: it is killed then, mid-send */
const KILL_AFTER_S = Number(process.env.FANOUT_KILL_AFTER_S ?? 20)
const TEMPLATE = 'TPL_BENCH_FANOUT'
const CENTER = 'c-bench'

const ROOT = resolve(__dirname, '..')

function writeConfig(dir: string, timeoutS: number): void {
  const config = {
    timeout: timeoutS,
    triggers: [{ name: 'practice-day-notices', type: 'timer', config: '0 * * * * * *' }],
    permissions: { openapi: ['subscribeMessage.send'] },
  }
  writeFileSync(join(dir, 'notices', 'config.json'), JSON.stringify(config))
}

interface JobDoc {
  state: string
  sent: number
  total: number
  leaseUntil: Date
  failed: Record<string, number>
}

function job(cloud: LocalCloud, id: string): JobDoc {
  return cloud.db.find('notice_jobs', { _id: id })[0] as unknown as JobDoc
}

async function seed(cloud: LocalCloud): Promise<void> {
  const now = new Date()
  const base = { address: '基准测试', location: { type: 'Point', coordinates: [119.1, 36.7] }, hours: '全天' }
  await cloud.db.insertMany('units', [
    {
      _id: CENTER,
      level: 'center',
      name: '基准新时代文明实践中心',
      parentId: null,
      ancestors: [],
      phone: '0536-1',
      code: 'B-C',
      ...base,
    },
  ])
  await cloud.db.insertMany('users', [
    { _id: 'bench-admin', grants: [{ role: 'manager', unitId: CENTER }], createdAt: now },
  ])
  for (let i = 0; i < N; i += 5000) {
    const docs = []
    for (let j = i; j < Math.min(N, i + 5000); j++) {
      const openid = `bench-${String(j).padStart(7, '0')}`
      docs.push({
        _id: `${TEMPLATE}:${openid}`,
        openid,
        templateId: TEMPLATE,
        centerId: CENTER,
        stationId: null,
        stationName: null,
        credits: 1,
        acceptedAt: now,
        lastJobId: null,
        lastSentAt: null,
        lastSentMonth: null,
        updatedAt: now,
      })
      cloud.grantSubscription(openid, TEMPLATE, 1)
    }
    await cloud.db.insertMany('subscriptions', docs)
  }
  const res = (await cloud.callFunction(
    'notices',
    {
      action: 'setSettings',
      input: {
        centerId: CENTER,
        day: shanghai(now).date(),
        sendDaysBefore: 0,
        sendAt: '00:00',
        template: {
          id: TEMPLATE,
          kind: 'oneTime',
          page: 'pages/index/index',
          fields: [
            { key: 'thing1', source: 'theme' },
            { key: 'time2', source: 'time' },
            { key: 'thing3', source: 'place' },
            { key: 'thing4', source: 'note' },
          ],
        },
        // the rate is not what limits: concurrency and latency are
        ratePerSecond: 2000,
        concurrency: CONCURRENCY,
      },
    },
    { openid: 'bench-admin' },
  )) as { ok: boolean }
  if (!res.ok) throw new Error(`setSettings failed: ${JSON.stringify(res)}`)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const functionsDir = mkdtempSync(join(tmpdir(), 'bench-fanout-'))
  mkdirSync(join(functionsDir, 'notices'))
  copyFileSync(join(ROOT, 'cloudfunctions', 'notices', 'index.js'), join(functionsDir, 'notices', 'index.js'))
  symlinkSync(join(ROOT, 'node_modules'), join(functionsDir, 'node_modules'), 'dir')
  writeConfig(functionsDir, 60)

  const cloud = await startLocalCloud({
    functionsDir,
    quiet: true,
    sendLatencyMs: LATENCY_MS,
    maxInstances: 4,
    // as on the platform: nothing runs after main returns, so only the timer carries the job on
    freeze: true,
    // each run's own budget: longer than the first run's timeout, so that run is killed mid-send
    functionEnv: { NOTICES_BATCH_BUDGET_MS: String(Math.max(40_000, KILL_AFTER_S * 2000)) },
  })
  try {
    const t0 = performance.now()
    await seed(cloud)
    const seedS = (performance.now() - t0) / 1000
    const jobId = `pd:${CENTER}:${monthKeyOf(new Date())}`

    writeConfig(functionsDir, KILL_AFTER_S)
    const start = performance.now()
    const killed = await cloud.fireTimer('notices').then(
      () => false,
      () => true,
    )
    const firstRunS = (performance.now() - start) / 1000
    const sentBeforeKill = cloud.outbox({ templateId: TEMPLATE }).length
    writeConfig(functionsDir, 60)

    // the timer resumes a job whose lease lapsed (the dead run's lease outlives its timeout a little)
    while (new Date(job(cloud, jobId).leaseUntil).getTime() > Date.now()) await sleep(50)
    const resumeAt = performance.now()
    const resumed = cloud.fireTimer('notices').catch(() => undefined)
    while (cloud.outbox({ templateId: TEMPLATE }).length === sentBeforeKill) await sleep(5)
    const firstResumedMs = performance.now() - resumeAt
    await resumed
    for (;;) {
      const j = job(cloud, jobId)
      if (j.state !== 'running') break
      if (new Date(j.leaseUntil).getTime() < Date.now())
        await cloud.fireTimer('notices').catch(() => undefined)
      else await sleep(200)
    }
    const end = performance.now()

    const counts = new Map<string, number>()
    for (const m of cloud.outbox({ templateId: TEMPLATE }))
      counts.set(m.touser, (counts.get(m.touser) ?? 0) + 1)
    const duplicates = [...counts.values()].reduce((s, n) => s + Math.max(0, n - 1), 0)
    const missing = N - counts.size
    const final = job(cloud, jobId)
    const totalS = (end - start) / 1000
    const floor = CONCURRENCY / (LATENCY_MS / 1000)
    const rate = (n: number, s: number) => (s > 0 ? n / s : 0)
    const firstRate = rate(sentBeforeKill, firstRunS)
    const resumedRate = rate(N - sentBeforeKill, (end - resumeAt) / 1000)

    console.log(
      `fan-out: ${N} subscribers, send latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, first run killed after ${KILL_AFTER_S} s (node ${process.version})`,
    )
    console.log(`floor (concurrency ÷ latency)              ${floor.toFixed(0)} msg/s`)
    console.log(
      `first run (killed: ${killed ? 'yes' : 'no'})                  ${sentBeforeKill} sent in ${firstRunS.toFixed(1)} s = ${firstRate.toFixed(0)} msg/s (${((100 * firstRate) / floor).toFixed(0)}% of floor)`,
    )
    console.log(
      `after resume                               ${N - sentBeforeKill} sent in ${((end - resumeAt) / 1000).toFixed(1)} s = ${resumedRate.toFixed(0)} msg/s (${((100 * resumedRate) / floor).toFixed(0)}% of floor)`,
    )
    console.log(
      `whole job                                  ${counts.size} in ${totalS.toFixed(1)} s = ${rate(counts.size, totalS).toFixed(0)} msg/s (${((100 * rate(counts.size, totalS)) / floor).toFixed(0)}% of floor, incl. the dead run's lease)`,
    )
    console.log(`resume: new run start → its first message  ${firstResumedMs.toFixed(0)} ms`)
    console.log(`duplicates ${duplicates} (must be 0); subscribers without a message ${missing} (must be 0)`)
    console.log(
      `job ${final.state}: sent ${final.sent} of ${final.total} (outbox ${cloud.outbox({ templateId: TEMPLATE }).length}: must be equal), failed ${JSON.stringify(final.failed)}`,
    )
    console.log(`setup (seeding ${N} subscriptions) ${seedS.toFixed(1)} s`)
  } finally {
    await cloud.stop()
    rmSync(functionsDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
