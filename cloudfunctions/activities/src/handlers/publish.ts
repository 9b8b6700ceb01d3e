import { AppError } from '../../../../core/errors'
import { requireManagerOf } from '../../../../server/auth'
import {
  activities,
  registrations,
  type ActivityDoc,
  type PendingEvent,
} from '../../../../core/contract/activities.collections'
import { epochMs } from '../../../../core/time'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Cloud, OpenApi } from '../../../../server/types'
import { cancelMessage, changeMessage } from '../../../../core/activities/change-notice'
import {
  checkedText,
  editProblems,
  timeProblems,
  type ActivityDraft,
  type FieldProblems,
} from '../../../../core/activities/validation'
import { holdingUnit, loadUnit } from '../../../../server/units'
import { bumpStats } from '../../../../server/stats'
import { tellRegistrants } from '../tell'
import { loadActivity } from './docs'

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

/**
 * A cover must be a file in this environment's cloud storage (cloud://<env>.<bucket>/…): anything else
 * (a URL on another server) would be fetched by every resident's phone.
 */
function checkCover(cloud: Cloud, fileId: string | null): void {
  if (fileId === null) return
  const env = cloud.getWXContext().ENV
  if (!env || !fileId.startsWith(`cloud://${env}.`)) {
    const message = '封面只能用上传到本小程序云存储的图片，请重新上传'
    throw new AppError('INVALID_INPUT', message, { coverFileId: message })
  }
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
    inMonthTheme: d.inMonthTheme ?? false,
    coverFileId: d.coverFileId,
    contactPhone: d.contactPhone,
  }
}

export const create: Handler<'activities', 'create'> = async (
  input,
  { db, _, caller, now, openapi, cloud },
) => {
  const t = now()
  checkCover(cloud, input.coverFileId)
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
  const res = (await from(db, activities).ref.add({ data: doc })) as { _id: string }
  await bumpStats(db, _, { unitPath: doc.unitPath, at: doc.start, delta: { activities: 1 } })
  return { id: res._id }
}

export const update: Handler<'activities', 'update'> = async (input, ctx) => {
  const { db, _, caller, now, openapi, cloud } = ctx
  const t = now()
  const current = await loadActivity(db, input.id)
  if (input.coverFileId !== current.coverFileId) checkCover(cloud, input.coverFileId)
  requireManagerOf(caller, holdingUnit(current))
  if (current.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', '活动已取消，不能再修改')
  if (epochMs(current.end) <= t.getTime()) throw new AppError('CONFLICT', '活动已经结束，不能再修改')
  rejectProblems({ ...timeProblems(input, t, current.start), ...editProblems(input, current) })
  const fields = draftFields(input)
  const textChanged = checkedText(input) !== checkedText(current)
  const contentCheck = textChanged
    ? await checkContent(openapi, caller.openid, checkedText(input))
    : (current.contentCheck ?? 'pass')

  // Registrants are told of a new time or place: the event is recorded in the same update.
  const change = changeMessage(current, { ...current, ...fields })
  const event: PendingEvent | undefined = change && {
    id: `change:${current._id}:${t.getTime()}`,
    kind: 'activityChanged',
    title: change.title,
    body: change.body,
    values: change.values,
    at: t,
  }
  const told = event ? { pendingEvents: _.push(event), telling: true } : {}
  // The capacity may not drop below the registrations made meanwhile: checked in the same update. The
  // time and place the message names as "before" must be the stored ones: checked too.
  const passed = await from(db, activities).update(
    {
      _id: current._id,
      status: 'published',
      registeredCount: fields.capacity === null ? 0 : _.lte(fields.capacity),
      start: current.start,
      end: current.end,
      place: current.place,
    },
    { ...fields, contentCheck, updatedAt: t, ...told },
  )
  if (passed !== 1) {
    const latest = await loadActivity(db, current._id)
    if (latest.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', '活动已取消，不能再修改')
    rejectProblems(editProblems(input, latest))
    throw new AppError('CONFLICT', '活动刚被别人修改过，请返回后重新打开再改')
  }
  if (epochMs(current.start) !== input.start) {
    // statistics: the activity moves to its new start's periods (once: the update above checked the old start)
    await bumpStats(db, _, { unitPath: current.unitPath, at: current.start, delta: { activities: -1 } })
    await bumpStats(db, _, { unitPath: current.unitPath, at: fields.start, delta: { activities: 1 } })
    await from(db, registrations).update({ activityId: current._id }, { activityStart: fields.start })
  }
  return { id: current._id, told: event ? await tellRegistrants(ctx, current._id) : null }
}

/**
 * 取消活动. The status flip is the gate (no registration passes after it) and, in the same update,
 * records the event every registrant must be told of; then they are told (tell.ts), within a budget,
 * the timer finishing what is left. Repeating the call carries on what a crash left and answers
 * unchanged.
 */
export const cancel: Handler<'activities', 'cancel'> = async (input, ctx) => {
  const { db, caller, now, openapi } = ctx
  const t = now()
  const current = await loadActivity(db, input.id)
  requireManagerOf(caller, holdingUnit(current))
  if (current.status === 'published' && epochMs(current.end) <= t.getTime()) {
    throw new AppError('CONFLICT', '活动已经结束，不能再取消')
  }
  let unchanged = current.status === 'cancelled'
  if (!unchanged) {
    await checkContent(openapi, caller.openid, input.reason)
    const message = cancelMessage(current, input.reason)
    const event: PendingEvent = {
      id: `cancel:${current._id}`,
      kind: 'activityCancelled',
      title: message.title,
      body: message.body,
      values: message.values,
      at: t,
    }
    const flipped = await from(db, activities).update(
      { _id: current._id, status: 'published' },
      {
        status: 'cancelled',
        cancelReason: input.reason,
        cancelledAt: t,
        cancelledBy: caller.openid,
        updatedAt: t,
        pendingEvents: ctx._.push(event),
        telling: true,
      },
    )
    unchanged = flipped === 0
    if (flipped === 1) {
      await bumpStats(ctx.db, ctx._, {
        unitPath: current.unitPath,
        at: current.start,
        delta: { activities: -1 },
      })
    }
  }
  const told = await tellRegistrants(ctx, current._id)
  return { cancelled: true, toTell: told?.toTell ?? current.registeredCount, unchanged, told }
}
