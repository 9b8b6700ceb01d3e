/**
 * The integrity timer (every 10 minutes, config.json): three streams, each read from its own cursor
 * (`integrity_cursors`) in pages of 100 (under the platform's 1,000-document read), within a time budget:
 *
 * - `records`: confirmed service records by `confirmedAt` → HOURS_OVER_ACTIVITY, OVERLAPPING_SIGNINS;
 * - `signins`: sign-ins with a rotating code by `signInAt` → SHARED_CODE_BURST;
 * - `ledger`: credit's ledger lines by `at` → SELF_UNIT_POINTS.
 *
 * Keyset paging on (time, _id); the cursor is saved after every page and a run starts LAG_MS before it
 * (writes committed a little out of clock order are still seen). Every flag's `_id` is its kind and
 * subject, so a page read twice — after a crash, by the lag, by two timers — raises nothing twice.
 * Nothing here writes outside the integrity collections: credit's and signin's data are only read.
 */
import type { EvidenceLine, EvidenceRecord } from '../../../core/contract/integrity'
import { creditLedger, type LedgerLine } from '../../../core/contract/credit.collections'
import { integrityCursors } from '../../../core/contract/integrity.collections'
import { serviceRecords, type ServiceDoc } from '../../../core/contract/signin.collections'
import { units } from '../../../core/contract/stations.collections'
import { users } from '../../../core/contract/users.collections'
import {
  BURST_THRESHOLD,
  BURST_WINDOW_SECONDS,
  HOURS_TOLERANCE_MINUTES,
  OVERLAP_TOLERANCE_MINUTES,
  burstAccounts,
  hoursOver,
  overlapOf,
  selfUnitGrants,
  serviceInterval,
  spanMinutes,
  subjects,
} from '../../../core/integrity/rules'
import { TOKEN_STEP_SECONDS } from '../../../core/signin/token'
import { formatMinutes } from '../../../core/signin/hours'
import { crashPoint } from '../../../server/crash-point'
import { from } from '../../../server/db'
import type { TimerHandler } from '../../../server/router'
import type { Command, Db } from '../../../server/types'
import { raise } from './flags'

export const PAGE = 100
const MAX_PAGES = 10
const LAG_MS = 5 * 60_000
/** the function's timeout is 20 s (config.json): stop starting pages after this */
const BUDGET_MS = 12_000
const DAY_MS = 86_400_000
const STEP_MS = TOKEN_STEP_SECONDS * 1000

export interface StreamReport {
  seen: number
  raised: number
  pages: number
  /** false when the budget or the page limit stopped the stream before its end */
  done: boolean
}

interface Run {
  db: Db
  _: Command
  now: Date
  deadline: number
  raised: number
}

/** One stream: pages after the cursor, each processed, then the cursor moved past it. */
async function stream<T extends { _id: string }>(
  run: Run,
  name: string,
  timeOf: (doc: T) => Date,
  page: (after: { at: Date; id: string }) => Promise<T[]>,
  process: (docs: T[]) => Promise<number>,
): Promise<StreamReport> {
  const cursors = from(run.db, integrityCursors)
  const saved = await cursors.byId(name)
  let after = { at: new Date((saved ? new Date(saved.at).getTime() : 0) - LAG_MS), id: '' }
  const report: StreamReport = { seen: 0, raised: 0, pages: 0, done: false }
  while (report.pages < MAX_PAGES && Date.now() < run.deadline) {
    const docs = await page(after)
    report.pages++
    report.seen += docs.length
    report.raised += await process(docs)
    const last = docs[docs.length - 1]
    if (last) {
      after = { at: new Date(timeOf(last)), id: last._id }
      if (!saved || after.at.getTime() > new Date(saved.at).getTime())
        await run.db
          .collection(integrityCursors.name)
          .doc(name)
          .set({ data: { at: after.at } })
      crashPoint(`integrity:page:${name}`)
    }
    if (docs.length < PAGE) {
      report.done = true
      break
    }
  }
  return report
}

/** (time, _id) strictly after the cursor, under `base`. */
function keyset(_: Command, field: string, base: Record<string, unknown>, after: { at: Date; id: string }) {
  return _.or([
    { ...base, [field]: _.gt(after.at) },
    { ...base, [field]: after.at, _id: _.gt(after.id) },
  ])
}

export function evidenceOf(r: ServiceDoc): EvidenceRecord {
  const ms = (d: Date | null) => (d ? new Date(d).getTime() : null)
  return {
    recordId: r._id,
    activityId: r.activityId,
    activityTitle: r.activityTitle,
    unitName: r.unitName,
    openid: r.openid,
    name: r.name,
    activityStart: ms(r.activityStart)!,
    activityEnd: ms(r.activityEnd)!,
    signInAt: ms(r.signInAt)!,
    signOutAt: ms(r.signOutAt),
    minutes: r.minutes,
    status: r.status,
    clientIp: r.clientIp ?? null,
    codeStep: r.codeStep ?? null,
  }
}

async function raiseCounted(run: Run, flag: Parameters<typeof raise>[1]): Promise<number> {
  if (!(await raise(run.db, flag, run.now))) return 0
  run.raised++
  crashPoint(`integrity:raised:${run.raised}`)
  return 1
}

const isOrder = (r: Pick<ServiceDoc, 'activityId'>) => serviceRecords.orderIdOf(r.activityId) !== null
const who = (r: Pick<ServiceDoc, 'name'>) => r.name ?? '未留姓名的志愿者'

/** HOURS_OVER_ACTIVITY and OVERLAPPING_SIGNINS for a page of confirmed records. */
async function checkRecords(run: Run, page: ServiceDoc[]): Promise<number> {
  let raised = 0
  const records = from(run.db, serviceRecords)
  for (const r of page) {
    const ev = evidenceOf(r)
    const over = isOrder(r) ? null : hoursOver(ev)
    if (over !== null) {
      raised += await raiseCounted(run, {
        kind: 'HOURS_OVER_ACTIVITY',
        subject: subjects.hours(r._id, r.revision),
        unitId: r.unitId,
        unitName: r.unitName,
        unitPath: r.unitPath,
        openids: [r.openid],
        names: [r.name],
        summary: `${who(r)}在「${r.activityTitle}」确认了 ${formatMinutes(r.minutes ?? 0)}，活动只安排了 ${formatMinutes(spanMinutes(ev))}`,
        evidence: {
          kind: 'HOURS_OVER_ACTIVITY',
          record: ev,
          revision: r.revision,
          spanMinutes: spanMinutes(ev),
          toleranceMinutes: HOURS_TOLERANCE_MINUTES,
          overMinutes: over,
        },
      })
    }
  }
  // the other sessions of the page's people around theirs: one read per person (at most 10 at once)
  const byPerson = new Map<string, ServiceDoc[]>()
  for (const r of page) byPerson.set(r.openid, [...(byPerson.get(r.openid) ?? []), r])
  const people = [...byPerson.entries()]
  for (let i = 0; i < people.length; i += 10) {
    const chunk = people.slice(i, i + 10)
    const others = await Promise.all(
      chunk.map(([openid, mine]) => {
        const from_ = Math.min(...mine.map((r) => serviceInterval(evidenceOf(r), isOrder(r)).from)) - DAY_MS
        const to = Math.max(...mine.map((r) => serviceInterval(evidenceOf(r), isOrder(r)).to))
        return records.find((q) =>
          q
            .where({ openid, signInAt: run._.gte(new Date(from_)).and(run._.lte(new Date(to))) })
            .orderBy('signInAt', 'desc')
            .limit(1000),
        )
      }),
    )
    for (let k = 0; k < chunk.length; k++) {
      for (const r of chunk[k]![1]) {
        const a = serviceInterval(evidenceOf(r), isOrder(r))
        for (const o of others[k]!) {
          // an open session's end is not known yet: the pair is judged when that one is confirmed
          if (o._id === r._id || o.activityId === r.activityId || o.status === 'open') continue
          const both = overlapOf(a, serviceInterval(evidenceOf(o), isOrder(o)))
          if (!both) continue
          const subject = subjects.overlap(r._id, o._id)
          const [first, second] = [r, o].sort((x, y) => (x._id < y._id ? -1 : 1)) as [ServiceDoc, ServiceDoc]
          raised += await raiseCounted(run, {
            kind: 'OVERLAPPING_SIGNINS',
            subject,
            unitId: r.unitId,
            unitName: r.unitName,
            // the managers of either activity see it
            unitPath: [...new Set([...r.unitPath, ...o.unitPath])],
            openids: [r.openid],
            names: [r.name],
            summary: `${who(r)}同时在「${first.activityTitle}」和「${second.activityTitle}」服务，重叠 ${formatMinutes(both.minutes)}`,
            evidence: {
              kind: 'OVERLAPPING_SIGNINS',
              records: [evidenceOf(first), evidenceOf(second)],
              overlapFrom: both.from,
              overlapTo: both.to,
              overlapMinutes: both.minutes,
              toleranceMinutes: OVERLAP_TOLERANCE_MINUTES,
            },
          })
        }
      }
    }
  }
  return raised
}

/** SHARED_CODE_BURST for the code views (activity, step, IP) a page of sign-ins used. */
async function checkSignIns(run: Run, page: ServiceDoc[], seenViews: Set<string>): Promise<number> {
  let raised = 0
  const records = from(run.db, serviceRecords)
  for (const r of page) {
    if (r.codeStep === null || r.codeStep === undefined || !r.clientIp) continue
    const subject = subjects.burst(r.activityId, r.codeStep, r.clientIp)
    if (seenViews.has(subject)) continue
    seenViews.add(subject)
    // a code of step s is accepted from step s-1 to s+1 (core/signin/token.ts)
    const step = r.codeStep
    const group = (
      await records.find((q) =>
        q
          .where({
            activityId: r.activityId,
            signInAt: run._.gte(new Date((step - 1) * STEP_MS)).and(run._.lt(new Date((step + 2) * STEP_MS))),
          })
          .orderBy('signInAt', 'asc')
          .limit(1000),
      )
    ).filter((o) => o.codeStep === step && o.clientIp === r.clientIp)
    const accounts = burstAccounts(
      group.map((o) => ({ openid: o.openid, signInAt: new Date(o.signInAt).getTime() })),
    )
    if (accounts < BURST_THRESHOLD) continue
    raised += await raiseCounted(run, {
      kind: 'SHARED_CODE_BURST',
      subject,
      unitId: r.unitId,
      unitName: r.unitName,
      unitPath: r.unitPath,
      openids: group.map((o) => o.openid),
      names: group.map((o) => o.name),
      summary: `「${r.activityTitle}」有 ${accounts} 个账号在 ${BURST_WINDOW_SECONDS} 秒内用同一个签到码、从同一网络地址（${r.clientIp}）签到`,
      evidence: {
        kind: 'SHARED_CODE_BURST',
        activityId: r.activityId,
        activityTitle: r.activityTitle,
        clientIp: r.clientIp,
        codeStep: step,
        codeShownAt: step * STEP_MS,
        records: group.map(evidenceOf),
        accounts,
        threshold: BURST_THRESHOLD,
        windowSeconds: BURST_WINDOW_SECONDS,
      },
    })
  }
  return raised
}

function lineEvidence(l: LedgerLine): EvidenceLine {
  return {
    lineId: l._id,
    kind: l.kind,
    points: l.points,
    explanation: l.explanation,
    at: new Date(l.at).getTime(),
    unitId: l.unitId,
    by: l.by,
    byName: l.byName,
  }
}

/** SELF_UNIT_POINTS for a page of ledger lines: the person manages the unit the points came from. */
async function checkLines(run: Run, page: LedgerLine[]): Promise<number> {
  const candidates = page.filter((l) => l.points > 0 && (l.kind === 'service' || l.kind === 'award'))
  if (candidates.length === 0) return 0
  const openids = [...new Set(candidates.map((l) => l.openid))]
  const people = await from(run.db, users).find((q) =>
    q
      .where({ _id: run._.in(openids) })
      .field({ _id: true, grants: true, name: true })
      .limit(PAGE),
  )
  const grantsOf = new Map(people.map((u) => [u._id, u]))
  const hits = candidates
    .map((l) => ({ l, grantUnitIds: selfUnitGrants(l, grantsOf.get(l.openid)?.grants ?? []) }))
    .filter((h) => h.grantUnitIds.length > 0)
  if (hits.length === 0) return 0
  const unitIds = [...new Set(hits.map((h) => h.l.unitId).filter((u): u is string => !!u))]
  const names = new Map(
    (
      await from(run.db, units).find((q) =>
        q
          .where({ _id: run._.in(unitIds) })
          .field({ _id: true, name: true })
          .limit(PAGE),
      )
    ).map((u) => [u._id, u.name]),
  )
  let raised = 0
  for (const { l, grantUnitIds } of hits) {
    const unitId = l.unitId ?? l.unitPath[l.unitPath.length - 1]!
    const unitName = names.get(unitId) ?? unitId
    const person = l.byName && l.kind === 'award' ? `（${l.byName}发放）` : ''
    const name = grantsOf.get(l.openid)?.name ?? null
    raised += await raiseCounted(run, {
      kind: 'SELF_UNIT_POINTS',
      subject: subjects.selfUnit(l._id),
      unitId,
      unitName,
      unitPath: l.unitPath,
      openids: [l.openid],
      names: [name],
      summary: `「${unitName}」的专管员${name ?? ''}获得本单位积分 ${l.points} 分${person}`,
      evidence: { kind: 'SELF_UNIT_POINTS', line: lineEvidence(l), grantUnitIds },
    })
  }
  return raised
}

export interface ScanReport {
  records: StreamReport
  signins: StreamReport
  ledger: StreamReport
}

export async function scan(db: Db, _: Command, now: Date, budgetMs = BUDGET_MS): Promise<ScanReport> {
  const run: Run = { db, _, now, deadline: Date.now() + budgetMs, raised: 0 }
  const records = from(db, serviceRecords)
  const recordsReport = await stream<ServiceDoc>(
    run,
    'records',
    (r) => r.confirmedAt!,
    (after) =>
      records.find((q) =>
        q
          .where(keyset(_, 'confirmedAt', { status: 'confirmed' }, after))
          .orderBy('confirmedAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(PAGE),
      ),
    (docs) => checkRecords(run, docs),
  )
  const views = new Set<string>()
  const signinsReport = await stream<ServiceDoc>(
    run,
    'signins',
    (r) => r.signInAt,
    (after) =>
      records.find((q) =>
        q
          .where(keyset(_, 'signInAt', {}, after))
          .orderBy('signInAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(PAGE),
      ),
    (docs) => checkSignIns(run, docs, views),
  )
  // the ledger by the `unitPath + at` index: every line's path starts at its center
  const centers = (
    await from(db, units).find((q) => q.where({ level: 'center' }).field({ _id: true }).limit(1000))
  ).map((u) => u._id)
  const ledger = from(db, creditLedger)
  const ledgerReport = await stream<LedgerLine>(
    run,
    'ledger',
    (l) => l.at,
    (after) =>
      centers.length === 0
        ? Promise.resolve([])
        : ledger.find((q) =>
            q
              .where(keyset(_, 'at', { unitPath: _.in(centers) }, after))
              .orderBy('at', 'asc')
              .orderBy('_id', 'asc')
              .limit(PAGE),
          ),
    (docs) => checkLines(run, docs),
  )
  return { records: recordsReport, signins: signinsReport, ledger: ledgerReport }
}

export const integrityTimer: TimerHandler = async ({ db, _, now }) => scan(db, _, now())
