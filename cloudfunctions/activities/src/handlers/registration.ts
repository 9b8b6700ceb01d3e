import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { RegistrationAnswer } from '../../../../core/contract'
import {
  activities,
  registrations,
  type RegistrationDoc,
} from '../../../../core/contract/activities.collections'
import type { Activity } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { crashPoint } from '../../../../server/crash-point'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Command, Db } from '../../../../server/types'
import { activityPhase, canWithdraw, registrationBlocker } from '../../../../core/activities/status'
import { addCredit } from '../../../../server/notify'
import { changeTemplate } from '../tell'
import { loadActivity } from './docs'
import { timerDeadline } from '../timer-budget'

/*
 * 报名 / 取消报名.
 *
 * The activity document is the truth: one conditional update checks "published, not started, places
 * left, not yet in registrants" and both counts the person and adds them, atomically (no multi-document
 * transaction: 500 people at once would mostly be told to retry). The registration document is what
 * 我的活动 reads; it follows the truth.
 *
 * Per person, register and withdraw serialise on the registration document: a conditional update takes
 * its lock (lockId + lockedUntil, a lease longer than the function's timeout), the gate runs, and the
 * release writes the document's status from the person's membership in `registrants`, read while the
 * lock is held (nothing else changes this person's membership). A call that dies holding the lock leaves
 * the lease to lapse; the next call for that person, 我的活动, or the timer (reconcileRegistrations) takes
 * the lapsed lock and writes the status from membership, so count, registrants and records agree again.
 * No transaction and no read protects an invariant: each write is a conditional update of one document
 * (correct under snapshot isolation too).
 */

const GATE_ATTEMPTS = 3
/** Longer than config.json's timeout (10 s): a lock is only taken over once its holder cannot be alive. */
const DEFAULT_LEASE_MS = 15_000
/**
 * How long a tap waits for the same person's other tap to finish before it is told to try again (short:
 * a waiting call holds an instance, and two opposite taps at once have no single right answer anyway).
 */
const WAIT_FOR_LOCK_MS = 1_500
const UNLOCKED = new Date(0)

function leaseMs(): number {
  const fromEnv = Number(process.env.REGISTRATION_LEASE_MS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_LEASE_MS
}

const regs = (db: Db) => from(db, registrations)
const registrationId = registrations.id

async function isMember(db: Db, activityId: string, openid: string): Promise<boolean> {
  return (await from(db, activities).count({ _id: activityId, registrants: openid })) > 0
}

async function loadRegistration(db: Db, _id: string): Promise<RegistrationDoc | undefined> {
  return regs(db).byId(_id)
}

/** Another call holds the person's lock now: it will settle the record. */
const held = (r: RegistrationDoc | undefined, t: Date): boolean =>
  !!r?.lockId && new Date(r.lockedUntil ?? 0).getTime() > t.getTime()

/** A lock whose lease ran out: the call holding it died, the record must be settled. */
const lapsed = (r: RegistrationDoc | undefined, t: Date): boolean =>
  !!r?.lockId && new Date(r.lockedUntil ?? 0).getTime() <= t.getTime()

/**
 * Takes the person's lock on this activity: a lapsed or free lock by conditional update, or a new
 * document by unique insert. Waits a little for the person's other tap, then answers CONFLICT in words.
 */
async function acquire(
  db: Db,
  _: Command,
  activity: Pick<Activity, '_id' | 'unitId' | 'start'>,
  openid: string,
  now: () => Date,
  known: RegistrationDoc | undefined,
): Promise<string> {
  const _id = registrationId(activity._id, openid)
  const lockId = randomUUID()
  const deadline = now().getTime() + WAIT_FOR_LOCK_MS
  // no record seen yet (a first tap): the unique insert first, saving a round trip
  let existing: RegistrationDoc | undefined = known
  for (let attempt = 0; ; attempt++) {
    const t = now()
    const lockedUntil = new Date(t.getTime() + leaseMs())
    if (existing || attempt > 0) {
      const taken = await regs(db).update({ _id, lockedUntil: _.not(_.gt(t)) }, { lockId, lockedUntil })
      if (taken === 1) return lockId
      existing = await loadRegistration(db, _id)
    }
    if (!existing) {
      const fresh: RegistrationDoc = {
        _id,
        activityId: activity._id,
        openid,
        unitId: activity.unitId,
        status: 'withdrawn',
        activityStart: new Date(activity.start),
        registeredAt: null,
        withdrawnAt: null,
        cancelNotice: null,
        updatedAt: t,
        lockId,
        lockedUntil,
      }
      const insert = await regs(db).insertUnique(fresh)
      // inserted, or found holding this call's lock (the insert's answer was lost)
      if (insert.inserted || insert.existing.lockId === lockId) return lockId
      existing = insert.existing
    }
    if (now().getTime() > deadline) {
      throw new AppError('CONFLICT', '您的上一次操作还在处理，请稍后再试')
    }
    await sleep(Math.min(200, 20 * (attempt + 1)) + Math.random() * 20)
  }
}

/**
 * Writes the registration's status from the person's membership and releases the lock (only if this
 * call still holds it). Also the repair of a lock left by a call that died.
 */
async function settle(db: Db, activityId: string, openid: string, lockId: string, t: Date): Promise<void> {
  const _id = registrationId(activityId, openid)
  const [activity, doc] = await Promise.all([
    // found only when the person is a member: membership and the start in one read
    from(db, activities).first({ _id: activityId, registrants: openid }, { start: true }),
    loadRegistration(db, _id),
  ])
  if (!doc || doc.lockId !== lockId) return
  const member = activity !== undefined
  const was = doc.status === 'registered'
  const status = member ? 'registered' : 'withdrawn'
  const data: Record<string, unknown> = { status, lockId: null, lockedUntil: UNLOCKED, updatedAt: t }
  if (activity) data.activityStart = new Date(activity.start)
  if (member && !was) Object.assign(data, { registeredAt: t, withdrawnAt: null })
  if (!member && was) data.withdrawnAt = t
  await regs(db).update({ _id, lockId }, data)
}

/**
 * The release after this call's own gate passed: the outcome is known (the gate only passes for a person
 * who was not a member, or, withdrawing, was one), so no read is needed.
 */
async function settleKnown(
  db: Db,
  activity: Pick<Activity, '_id' | 'start'>,
  openid: string,
  lockId: string,
  registered: boolean,
  t: Date,
): Promise<void> {
  const data = registered
    ? { status: 'registered', registeredAt: t, withdrawnAt: null, activityStart: new Date(activity.start) }
    : { status: 'withdrawn', withdrawnAt: t }
  await regs(db).update(
    { _id: registrationId(activity._id, openid), lockId },
    { ...data, lockId: null, lockedUntil: UNLOCKED, updatedAt: t },
  )
}

function refuse(activity: Activity, now: Date): never {
  const why = registrationBlocker(activity, now) ?? '现在不能报名'
  switch (activityPhase(activity, now)) {
    case 'full':
      throw new AppError('ACTIVITY_FULL', why)
    case 'cancelled':
      throw new AppError('ACTIVITY_CANCELLED', why)
    default:
      throw new AppError('REGISTRATION_CLOSED', why)
  }
}

function answer(activity: Activity, registered: boolean, unchanged: boolean): RegistrationAnswer {
  return { registered, registeredCount: activity.registeredCount, capacity: activity.capacity, unchanged }
}

/**
 * Runs `body` holding the person's lock. When `body` reports its gate passed (`changed`), the release
 * writes that outcome; otherwise (nothing changed, or an error) it settles from membership, which also
 * repairs what a call that died left.
 */
async function underLock(
  ctx: { db: Db; _: Command; now: () => Date },
  activity: Activity,
  openid: string,
  known: RegistrationDoc | undefined,
  registering: boolean,
  body: () => Promise<boolean>,
): Promise<boolean> {
  const lockId = await acquire(ctx.db, ctx._, activity, openid, ctx.now, known)
  let changed = false
  try {
    changed = await body()
    return changed
  } finally {
    if (changed) await settleKnown(ctx.db, activity, openid, lockId, registering, ctx.now())
    else await settle(ctx.db, activity._id, openid, lockId, ctx.now())
  }
}

/**
 * The 报名 tap also asked WeChat for the 活动变更提醒 template: each accept is one credit (only for the
 * configured template; another id is ignored, it could not be sent).
 */
async function recordAccepts(
  ctx: { db: Db; _: Command; now: () => Date },
  activity: Activity,
  openid: string,
  accepted: readonly string[],
): Promise<void> {
  if (!accepted.length) return
  const template = await changeTemplate(ctx.db)
  if (!accepted.includes(template.id)) return
  await addCredit(ctx, {
    templateId: template.id,
    openid,
    centerId: activity.unitPath[0] ?? activity.unitId,
    stationId: activity.unitId,
    stationName: activity.unitName,
  })
}

async function snapshot(db: Db, id: string, openid: string) {
  const [activity, member, record] = await Promise.all([
    loadActivity(db, id),
    isMember(db, id, openid),
    loadRegistration(db, registrationId(id, openid)),
  ])
  return { activity, member, record }
}

export const register: Handler<'activities', 'register'> = async (input, ctx) => {
  const { db, _, caller, now } = ctx
  const openid = caller.openid
  const t0 = now()
  const { activity: first, member, record } = await snapshot(db, input.id, openid)
  await recordAccepts(ctx, first, openid, input.accepted)
  const repair = lapsed(record, t0)
  // Already in: nothing to change. If the record does not say so yet, the call holding the lock will
  // write it (this answer writes nothing); only a record out of step with nobody on it needs the lock.
  if (member && !repair && (record?.status === 'registered' || held(record, t0))) {
    return answer(first, true, true)
  }
  // Full, cancelled, started …: the gate would refuse it too; no lock, no record. Membership is looked at
  // again first: read beside the activity, it may predate this person's other tap taking the last place.
  if (!member && !repair && registrationBlocker(first, t0)) {
    if (await isMember(db, first._id, openid)) return answer(first, true, true)
    refuse(first, t0)
  }
  const changed = await underLock(ctx, first, openid, record, true, async () => {
    let activity = first
    for (let attempt = 0; attempt < GATE_ATTEMPTS; attempt++) {
      const t = now()
      if (attempt > 0) {
        activity = await loadActivity(db, input.id)
        if (await isMember(db, activity._id, openid)) return false
      }
      if (registrationBlocker(activity, t)) {
        if (attempt === 0 && (await isMember(db, activity._id, openid))) return false
        refuse(activity, t)
      }
      const capacity = activity.capacity as number
      const passed = await from(db, activities).update(
        {
          _id: activity._id,
          status: 'published',
          registrationRequired: true,
          capacity,
          registeredCount: _.lt(capacity),
          registrants: _.nin([openid]),
          start: _.gt(t),
        },
        { registeredCount: _.inc(1), registrants: _.addToSet(openid) },
      )
      crashPoint('register:after-gate')
      if (passed === 1) return true
      // Lost a race for the last places, already in (another tap), or the activity changed: look again.
    }
    throw new AppError('CONFLICT', '报名的人太多，请稍后再试')
  })
  crashPoint('register:after-settle')
  return answer(await loadActivity(db, input.id), true, !changed)
}

export const withdraw: Handler<'activities', 'withdraw'> = async (input, ctx) => {
  const { db, _, caller, now } = ctx
  const openid = caller.openid
  const t0 = now()
  const { activity: first, member, record } = await snapshot(db, input.id, openid)
  const repair = lapsed(record, t0)
  if (!member && !repair && (record?.status !== 'registered' || held(record, t0))) {
    return answer(first, false, true)
  }
  const closed = (a: Activity, t: Date) => {
    if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', '活动已取消，无需再取消报名')
    if (!canWithdraw(a, t)) throw new AppError('REGISTRATION_CLOSED', '活动已经开始，不能取消报名了')
  }
  if (member && !repair) closed(first, t0)
  const changed = await underLock(ctx, first, openid, record, false, async () => {
    let activity = first
    for (let attempt = 0; attempt < GATE_ATTEMPTS; attempt++) {
      const t = now()
      if (attempt > 0) activity = await loadActivity(db, input.id)
      if (!(await isMember(db, activity._id, openid))) return false
      closed(activity, t)
      const passed = await from(db, activities).update(
        { _id: activity._id, status: 'published', registrants: openid, start: _.gt(t) },
        { registeredCount: _.inc(-1), registrants: _.pull(openid) },
      )
      crashPoint('withdraw:after-gate')
      if (passed === 1) return true
    }
    throw new AppError('CONFLICT', '操作的人太多，请稍后再试')
  })
  return answer(await loadActivity(db, input.id), false, !changed)
}

/** At most this many lapsed locks are repaired per run (the timer runs every minute). */
export const RECONCILE_BATCH = 100

/**
 * Repairs registrations whose lock lapsed (the call holding it died): takes each lapsed lock and writes
 * the status from membership. Bounded; `openid` limits it to one person (我的活动 calls it first). Without
 * it (the timer) it also stops at the run's shared deadline (timer-budget.ts), leaving time to tell.
 */
export async function reconcileRegistrations(
  ctx: { db: Db; _: Command; now: () => Date },
  openid?: string,
): Promise<number> {
  const { db, _, now } = ctx
  const t = now()
  const where: Record<string, unknown> = { lockedUntil: _.gt(UNLOCKED).and(_.lte(t)) }
  if (openid) where.openid = openid
  const lapsed = await regs(db).find((q) =>
    q.where(where).field({ activityId: true, openid: true, lockId: true }).limit(RECONCILE_BATCH),
  )
  const deadline = openid ? Infinity : timerDeadline(ctx)
  let repaired = 0
  for (const r of lapsed) {
    if (Date.now() >= deadline) break
    const lockId = randomUUID()
    const taken = await regs(db).update(
      { _id: r._id, lockId: r.lockId ?? null, lockedUntil: _.lte(t) },
      { lockId, lockedUntil: new Date(t.getTime() + leaseMs()) },
    )
    if (taken !== 1) continue
    await settle(db, r.activityId, r.openid, lockId, now())
    repaired++
  }
  return repaired
}
