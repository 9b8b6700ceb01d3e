import type { RegistrationAnswer } from '../../../../core/contract'
import type { Activity } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { counted, one, updatedCount } from '../../../../core/server/db'
import type { Handler } from '../../../../core/server/router'
import type { Db } from '../../../../core/server/types'
import { activityPhase, canWithdraw, registrationBlocker } from '../../../../core/activities/status'
import { registrationId, type ActivityRegistration } from '../../../../core/activities/types'
import { loadActivity } from './docs'

/*
 * 报名 without a multi-document transaction (those are single-document and abort on conflict, so 500
 * people at once would mostly be told to retry). The activity document is the gate: one conditional
 * update checks "published, not started, places left, not yet in registrants" and both counts the
 * person and adds them, atomically. The registration document is written after it with a fixed _id,
 * so retries (or a crash between the two writes) converge: a retry sees the person in registrants and
 * repairs the registration document.
 */

const GATE_ATTEMPTS = 3

async function snapshot(
  db: Db,
  id: string,
  openid: string,
): Promise<{ activity: Activity; member: boolean }> {
  const [activity, member] = await Promise.all([
    loadActivity(db, id),
    counted(db.collection('activities').where({ _id: id, registrants: openid }).count()),
  ])
  return { activity, member: member > 0 }
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

function registrationDoc(activity: Activity, openid: string, at: Date): ActivityRegistration {
  return {
    _id: registrationId(activity._id, openid),
    activityId: activity._id,
    openid,
    unitId: activity.unitId,
    status: 'registered',
    activityStart: new Date(activity.start),
    registeredAt: at,
    withdrawnAt: null,
    cancelNotice: null,
    updatedAt: at,
  }
}

async function writeRegistered(db: Db, activity: Activity, openid: string, at: Date): Promise<void> {
  const { _id, ...doc } = registrationDoc(activity, openid, at)
  await db.collection('registrations').doc(_id).set({ data: doc })
}

/** After a crash between the gate and the registration write, a retry lands here and repairs it. */
async function repairRegistered(db: Db, activity: Activity, openid: string, at: Date): Promise<void> {
  const _id = registrationId(activity._id, openid)
  const existing = await one<ActivityRegistration>(
    db.collection('registrations').where({ _id }).limit(1).get(),
  )
  if (existing?.status !== 'registered') await writeRegistered(db, activity, openid, at)
}

/** Marks the registration withdrawn; a no-op when there is none (also the repair after a crash). */
async function writeWithdrawn(db: Db, activityId: string, openid: string, at: Date): Promise<void> {
  await db
    .collection('registrations')
    .where({ _id: registrationId(activityId, openid), status: 'registered' })
    .update({ data: { status: 'withdrawn', withdrawnAt: at, updatedAt: at } })
}

export const register: Handler<'activities', 'register'> = async (input, { db, _, caller, now }) => {
  const openid = caller.openid
  for (let attempt = 0; attempt < GATE_ATTEMPTS; attempt++) {
    const t = now()
    const { activity, member } = await snapshot(db, input.id, openid)
    if (member) {
      await repairRegistered(db, activity, openid, t)
      return answer(activity, true, true)
    }
    if (registrationBlocker(activity, t)) refuse(activity, t)
    const capacity = activity.capacity as number
    const passed = await updatedCount(
      db
        .collection('activities')
        .where({
          _id: activity._id,
          status: 'published',
          registrationRequired: true,
          capacity,
          registeredCount: _.lt(capacity),
          registrants: _.nin([openid]),
          start: _.gt(t),
        })
        .update({ data: { registeredCount: _.inc(1), registrants: _.addToSet(openid) } }),
    )
    if (passed === 1) {
      const [, fresh] = await Promise.all([
        writeRegistered(db, activity, openid, t),
        loadActivity(db, activity._id),
      ])
      return answer(fresh, true, false)
    }
    // Lost a race (full now, cancelled, capacity edited, or this person's other tap won): look again.
  }
  throw new AppError('CONFLICT', '报名的人太多，请稍后再试')
}

export const withdraw: Handler<'activities', 'withdraw'> = async (input, { db, _, caller, now }) => {
  const openid = caller.openid
  for (let attempt = 0; attempt < GATE_ATTEMPTS; attempt++) {
    const t = now()
    const { activity, member } = await snapshot(db, input.id, openid)
    if (!member) {
      await writeWithdrawn(db, activity._id, openid, t)
      return answer(activity, false, true)
    }
    if (activity.status === 'cancelled')
      throw new AppError('ACTIVITY_CANCELLED', '活动已取消，无需再取消报名')
    if (!canWithdraw(activity, t)) throw new AppError('REGISTRATION_CLOSED', '活动已经开始，不能取消报名了')
    const passed = await updatedCount(
      db
        .collection('activities')
        .where({ _id: activity._id, status: 'published', registrants: openid, start: _.gt(t) })
        .update({ data: { registeredCount: _.inc(-1), registrants: _.pull(openid) } }),
    )
    if (passed === 1) {
      const [, fresh] = await Promise.all([
        writeWithdrawn(db, activity._id, openid, t),
        loadActivity(db, activity._id),
      ])
      return answer(fresh, false, false)
    }
  }
  throw new AppError('CONFLICT', '操作的人太多，请稍后再试')
}
