/**
 * A team's member list at city scale: 20 centers, 200 institutes, 7,000 stations and 100,000 volunteers,
 * each in a team (a 总队 per center, 支队 per institute, 分队 per station; the centers' 总队 hold 1,000
 * members each). For a member, a leader and an outsider: the team page (people.team) and the member list
 * alone (people.teamMembers, first and a later page), with the database requests per call, the
 * sequential rounds, the answer's size and whether any query ran without an index.
 * Goal (issue 13): a team member list in ≤ 2 database round trips and ≤ 30 KB. Prints; asserts nothing.
 *
 *   npx tsx bench/people.ts
 */
import { performance } from 'node:perf_hooks'
import { startLocalCloud } from '../local-cloud/src'
import type { TeamDoc } from '../core/contract/people.collections'
import type { Unit, UserRecord } from '../core/domain'
import { buildFunctions } from '../scripts/build-functions'
import { recordSpans, sequentialRounds } from './lib/rounds'
import { summarize } from './lib/timing'
import { benchUnit } from './lib/fixtures'

const CENTERS = 20
const INSTITUTES_PER_CENTER = 10
const STATIONS_PER_INSTITUTE = 35
const VOLUNTEERS = 100_000
/** members of each center's 总队 (the rest are spread over the 分队) */
const BRIGADE_MEMBERS = 1_000
const CALLS = 30
const LATENCY_MS = 15
const CHUNK = 5_000

function city(): Unit[] {
  const unit = (id: string, level: Unit['level'], parent: Unit | null, name: string): Unit =>
    benchUnit(id, level, parent, name, {
      address: `${name}党群服务中心`,
      phone: '0536-7210000',
      hours: '周一至周五 8:30–17:30',
    })
  const out: Unit[] = []
  for (let c = 0; c < CENTERS; c++) {
    const center = unit(`c${c}`, 'center', null, `第${c + 1}区县新时代文明实践中心`)
    out.push(center)
    for (let i = 0; i < INSTITUTES_PER_CENTER; i++) {
      const inst = unit(`c${c}-i${i}`, 'institute', center, `第${i + 1}街道新时代文明实践所`)
      out.push(inst)
      for (let s = 0; s < STATIONS_PER_INSTITUTE; s++)
        out.push(unit(`c${c}-i${i}-s${s}`, 'station', inst, `第${s + 1}社区新时代文明实践站`))
    }
  }
  return out
}

function teamOf(u: Unit, parentId: string | null, level: TeamDoc['level'], now: Date): TeamDoc {
  return {
    _id: `t-${u._id}`,
    name: `${u.name}志愿服务${level === 'brigade' ? '总队' : level === 'detachment' ? '支队' : '分队'}`,
    unitId: u._id,
    speciality: '关爱帮扶',
    level,
    parentId,
    ancestors: [],
    unitPath: [...u.ancestors, u._id],
    unitName: u.name,
    parentKey: parentId ?? `unit:${u._id}`,
    leaderIds: [`v-${u._id}-0`],
    memberCount: 0,
    createdBy: 'bench',
    createdAt: now,
  }
}

const f = (x: number, d = 1) => x.toFixed(d)

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const cloud = await startLocalCloud({ quiet: true, maxInstances: 1, dbLatencyMs: LATENCY_MS })
  try {
    const now = new Date()
    const units = city()
    const teams = units.map((u) =>
      teamOf(
        u,
        u.parentId ? `t-${u.parentId}` : null,
        u.level === 'center' ? 'brigade' : u.level === 'institute' ? 'detachment' : 'squad',
        now,
      ),
    )
    const stations = units.filter((u) => u.level === 'station')
    const centers = units.filter((u) => u.level === 'center')
    const users: UserRecord[] = []
    for (let i = 0; i < VOLUNTEERS; i++) {
      const center = centers[Math.floor(i / BRIGADE_MEMBERS) % centers.length]!
      const inBrigade = i < BRIGADE_MEMBERS * CENTERS
      const station = stations[i % stations.length]!
      const team = inBrigade ? `t-${center._id}` : `t-${station._id}`
      users.push({
        _id: inBrigade && i % BRIGADE_MEMBERS === 0 ? `v-${center._id}-0` : `v-${String(i).padStart(6, '0')}`,
        name: `志愿者${i}`,
        phone: `138${String(i).padStart(8, '0')}`,
        volunteerNumber: `${station.code}-${String(i).padStart(6, '0')}`,
        grants: [{ role: 'volunteer', unitId: station._id }],
        teamIds: [team],
        homeUnitId: station._id,
        createdAt: now,
      })
    }
    const counts = new Map<string, number>()
    for (const u of users) for (const t of u.teamIds ?? []) counts.set(t, (counts.get(t) ?? 0) + 1)
    for (const t of teams) t.memberCount = counts.get(t._id) ?? 0
    for (let i = 0; i < units.length; i += CHUNK)
      await cloud.db.insertMany('units', units.slice(i, i + CHUNK) as unknown as Record<string, unknown>[])
    for (let i = 0; i < teams.length; i += CHUNK)
      await cloud.db.insertMany('teams', teams.slice(i, i + CHUNK) as unknown as Record<string, unknown>[])
    for (let i = 0; i < users.length; i += CHUNK)
      await cloud.db.insertMany('users', users.slice(i, i + CHUNK) as unknown as Record<string, unknown>[])
    await cloud.db.insertMany('users', [{ _id: 'outsider', grants: [], createdAt: now }])

    console.log(
      `people bench — ${units.length} units (${CENTERS} centers, ${CENTERS * INSTITUTES_PER_CENTER} institutes, ${stations.length} stations), ${VOLUNTEERS} volunteers in ${teams.length} teams, node ${process.version}`,
    )
    console.log('call'.padEnd(44), 'db requests', ' rounds', '  bytes p50 / max', '  latency p50 / p95')
    const brigade = 't-c7'
    const firstPage = (await cloud.callFunction(
      'people',
      { action: 'teamMembers', input: { id: 't-c1' } },
      { openid: 'outsider' },
    )) as {
      data: { nextCursor: string }
    }
    const cases: Array<[string, string, string, Record<string, unknown>]> = [
      [`outsider: teamMembers (${counts.get(brigade)} members)`, 'outsider', 'teamMembers', { id: brigade }],
      [
        'member: teamMembers, page 2',
        'v-001000',
        'teamMembers',
        { id: 't-c1', cursor: firstPage.data.nextCursor },
      ],
      ['leader: teamMembers', 'v-c7-0', 'teamMembers', { id: brigade }],
      ['outsider: team page (members + work)', 'outsider', 'team', { id: brigade }],
      ['leader: team page', 'v-c7-0', 'team', { id: brigade }],
    ]
    const before = cloud.stats().db.unindexedQueries
    for (const [label, openid, action, input] of cases) {
      const call = () => cloud.callFunction('people', { action, input }, { openid })
      for (let i = 0; i < 3; i++) await call()
      const { spans } = await recordSpans(cloud, LATENCY_MS, call)
      const samples: number[] = []
      const bytes: number[] = []
      for (let i = 0; i < CALLS; i++) {
        const t0 = performance.now()
        const answer = (await call()) as { ok: boolean }
        samples.push(performance.now() - t0)
        if (!answer.ok) throw new Error(`${label}: ${JSON.stringify(answer)}`)
        bytes.push(Buffer.byteLength(JSON.stringify(answer)))
      }
      const size = summarize(bytes)
      const lat = summarize(samples)
      console.log(
        label.padEnd(44),
        String(spans.length).padStart(11),
        String(sequentialRounds(spans)).padStart(7),
        `${f(size.p50, 0).padStart(8)} / ${f(size.max, 0).padEnd(6)}`,
        `  ${f(lat.p50, 2)} / ${f(lat.p95, 2)} ms`,
      )
    }
    const unindexed = cloud.stats().db.unindexedQueries - before
    console.log(`unindexed queries: ${unindexed}`)
    if (unindexed) console.log(JSON.stringify(cloud.stats().db.unindexed.slice(0, 5)))
    console.log(
      `db requests include the router reading the caller; rounds are sequential (requests sent together share one). teamMembers = team + caller + one page of ${50} members on users.teamIds, all at once; the team page adds the leaders' names and the upcoming work in a second round. Latency includes ${LATENCY_MS} ms per database request.`,
    )
  } finally {
    await cloud.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
