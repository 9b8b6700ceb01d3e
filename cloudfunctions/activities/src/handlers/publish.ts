import { AppError } from '../../../../core/errors'
import { requireManagerOf } from '../../../../core/server/auth'
import { counted, one, rows, updatedCount } from '../../../../core/server/db'
import type { Handler } from '../../../../core/server/router'
import type { Db, OpenApi } from '../../../../core/server/types'
import { registrationId, type ActivityRegistration } from '../../../../core/activities/types'
import {
  checkedText,
  editProblems,
  timeProblems,
  type ActivityDraft,
  type FieldProblems,
} from '../../../../core/activities/validation'
import { holdingUnit, loadActivity, loadUnit, ms, type ActivityDoc } from './docs'

function rejectProblems(problems: FieldProblems): void {
  const entries = Object.entries(problems)
  if (entries.length) throw new AppError('INVALID_INPUT', entries[0]![1], Object.fromEntries(entries))
}

/** msgSecCheck (version 2, scene 3 论坛) on everything a resident will read. */
async function checkContent(openapi: OpenApi, openid: string, content: string): Promise<'pass' | 'review'> {
  const verdict = await openapi.checkText({ content, openid, scene: 3 })
  if (verdict === 'risky') throw new AppError('CONTENT_RISKY')
  return verdict
}

/** The stored form of the draft's fields; capacity only means something when registration is needed. */
function draftFields(d: ActivityDraft) {
  return {
    title: d.title,
    category: d.category,
    description: d.description,
    place: d.place,
    start: new Date(d.start),
    end: new Date(d.end),
    registrationRequired: d.registrationRequired,
    capacity: d.registrationRequired ? d.capacity : null,
    volunteerSlots: d.volunteerSlots,
    theme: d.theme,
    practiceDay: d.practiceDay,
    coverFileId: d.coverFileId,
    contactPhone: d.contactPhone,
  }
}

export const create: Handler<'activities', 'create'> = async (input, { db, caller, now, openapi }) => {
  const t = now()
  const unit = await loadUnit(db, input.unitId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到举办单位，可能已撤销')
  requireManagerOf(caller, unit)
  rejectProblems(timeProblems(input, t))
  const contentCheck = await checkContent(openapi, caller.openid, checkedText(input))
  const doc: Omit<ActivityDoc, '_id'> = {
    unitId: unit._id,
    unitPath: [...unit.ancestors, unit._id],
    unitName: unit.name,
    ...draftFields(input),
    registeredCount: 0,
    registrants: [],
    status: 'published',
    cancelReason: null,
    cancelledAt: null,
    cancelledBy: null,
    attendedCount: 0,
    contentCheck,
    createdBy: caller.openid,
    createdAt: t,
    updatedAt: t,
  }
  const res = (await db.collection('activities').add({ data: doc })) as { _id: string }
  return { id: res._id }
}

export const update: Handler<'activities', 'update'> = async (input, { db, _, caller, now, openapi }) => {
  const t = now()
  const current = await loadActivity(db, input.id)
  requireManagerOf(caller, holdingUnit(current))
  if (current.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', '活动已取消，不能再修改')
  if (ms(current.end) <= t.getTime()) throw new AppError('CONFLICT', '活动已经结束，不能再修改')
  rejectProblems({ ...timeProblems(input, t, current.start), ...editProblems(input, current) })
  const fields = draftFields(input)
  const textChanged = checkedText(input) !== checkedText(current)
  const contentCheck = textChanged
    ? await checkContent(openapi, caller.openid, checkedText(input))
    : (current.contentCheck ?? 'pass')

  // The capacity may not drop below the registrations made meanwhile: checked in the same update.
  const passed = await updatedCount(
    db
      .collection('activities')
      .where({
        _id: current._id,
        status: 'published',
        registeredCount: fields.capacity === null ? 0 : _.lte(fields.capacity),
      })
      .update({ data: { ...fields, contentCheck, updatedAt: t } }),
  )
  if (passed !== 1) {
    const latest = await loadActivity(db, current._id)
    if (latest.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', '活动已取消，不能再修改')
    rejectProblems(editProblems(input, latest))
    throw new AppError('CONFLICT')
  }
  if (ms(current.start) !== input.start) {
    await db
      .collection('registrations')
      .where({ activityId: current._id })
      .update({ data: { activityStart: fields.start } })
  }
  return { id: current._id }
}

/**
 * 取消活动. The status flip is the gate (no registration passes after it), then every registration is
 * marked cancelNotice 'pending': that is the record of who must be told, which the notices function
 * works through. Repeating the call repairs what a crash left half done and answers unchanged.
 */
export const cancel: Handler<'activities', 'cancel'> = async (input, { db, _, caller, now, openapi }) => {
  const t = now()
  const current = await loadActivity(db, input.id)
  requireManagerOf(caller, holdingUnit(current))
  if (current.status === 'published' && ms(current.end) <= t.getTime()) {
    throw new AppError('CONFLICT', '活动已经结束，不能再取消')
  }
  let unchanged = current.status === 'cancelled'
  if (!unchanged) {
    await checkContent(openapi, caller.openid, input.reason)
    const flipped = await updatedCount(
      db
        .collection('activities')
        .where({ _id: current._id, status: 'published' })
        .update({
          data: {
            status: 'cancelled',
            cancelReason: input.reason,
            cancelledAt: t,
            cancelledBy: caller.openid,
            updatedAt: t,
          },
        }),
    )
    unchanged = flipped === 0
  }
  const toTell = await recordWhoMustBeTold(db, _, current._id, t)
  await db
    .collection('activities')
    .doc(current._id)
    .update({ data: { toTellCount: toTell } })
  return { cancelled: true, toTell, unchanged }
}

async function recordWhoMustBeTold(db: Db, _: Db['command'], activityId: string, t: Date): Promise<number> {
  const regs = db.collection('registrations')
  const [withRegistrants] = await Promise.all([
    one<Pick<ActivityDoc, 'registrants' | 'start' | 'unitId'>>(
      db
        .collection('activities')
        .where({ _id: activityId })
        .field({ registrants: true, start: true, unitId: true })
        .limit(1)
        .get(),
    ),
    regs
      .where({ activityId, status: 'registered', cancelNotice: null })
      .update({ data: { cancelNotice: 'pending', updatedAt: t } }),
  ])
  const registrants = withRegistrants?.registrants ?? []
  const recorded = await counted(regs.where({ activityId, status: 'registered' }).count())
  if (recorded < registrants.length && withRegistrants) {
    // A registration whose document was not yet written (crash, or a race with this cancel): write it.
    const have = new Set<string>()
    for (let page = 0; have.size < recorded && page < 10; page++) {
      const batch = await rows<Pick<ActivityRegistration, 'openid'>>(
        regs
          .where({ activityId, status: 'registered' })
          .field({ openid: true })
          .orderBy('_id', 'asc')
          .skip(page * 1000)
          .limit(1000)
          .get(),
      )
      batch.forEach((r) => have.add(r.openid))
      if (batch.length < 1000) break
    }
    const missing = registrants.filter((openid) => !have.has(openid))
    await Promise.all(
      missing.map((openid) => {
        const doc: Omit<ActivityRegistration, '_id'> = {
          activityId,
          openid,
          unitId: withRegistrants.unitId,
          status: 'registered',
          activityStart: new Date(withRegistrants.start),
          registeredAt: t,
          withdrawnAt: null,
          cancelNotice: 'pending',
          updatedAt: t,
        }
        return regs.doc(registrationId(activityId, openid)).set({ data: doc })
      }),
    )
  }
  return registrants.length
}
