import type { HoursTotals } from '../../../../core/contract/signin'
import { serviceRecords, type ServiceDoc } from '../../../../core/contract/signin.collections'
import { AppError } from '../../../../core/errors'
import { requireManagerOf } from '../../../../server/auth'
import { aggregateRows, from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Caller, Command, Db } from '../../../../server/types'
import { holdingUnit } from '../../../../server/units'
import { bumpStats } from '../../../../server/stats'
import { signinError, toServiceView } from '../records'

/** 我的志愿时长: the caller's sessions, newest first (cursor = the last signInAt seen), and totals. */
export const myHours: Handler<'signin', 'myHours'> = async ({ cursor, limit }, { db, _, caller }) => {
  const records = from(db, serviceRecords)
  const before = cursor && /^\d+$/.test(cursor) ? new Date(Number(cursor)) : undefined
  const [page, groups] = await Promise.all([
    records.find((q) =>
      q
        .where(before ? { openid: caller.openid, signInAt: _.lt(before) } : { openid: caller.openid })
        .orderBy('signInAt', 'desc')
        .limit(limit + 1),
    ),
    aggregateRows<{ _id: ServiceDoc['status']; minutes: number; n: number }>(
      records.ref
        .aggregate()
        .match({ openid: caller.openid })
        .group({
          _id: '$status',
          minutes: db.command.aggregate.sum('$minutes'),
          n: db.command.aggregate.sum(1),
        })
        .end(),
    ),
  ])
  const totals: HoursTotals = { records: 0, minutes: 0, confirmedMinutes: 0, pendingMinutes: 0 }
  for (const g of groups) {
    totals.records += g.n
    if (g._id === 'open') continue
    totals.minutes += g.minutes
    if (g._id === 'confirmed') totals.confirmedMinutes += g.minutes
    else totals.pendingMinutes += g.minutes
  }
  const shown = page.slice(0, limit)
  const last = shown[shown.length - 1]
  return {
    records: shown.map(toServiceView),
    totals,
    nextCursor: page.length > limit && last ? String(new Date(last.signInAt).getTime()) : null,
  }
}

async function loadForManager(db: Db, caller: Caller, recordId: string): Promise<ServiceDoc> {
  const record = await from(db, serviceRecords).byId(recordId)
  if (!record) throw new AppError('NOT_FOUND', '没有找到这条服务记录')
  requireManagerOf(caller, holdingUnit(record))
  // four eyes: a manager who also served never confirms or corrects their own hours
  if (record.openid === caller.openid) throw signinError('OWN_HOURS')
  if (record.status === 'open') throw signinError('HOURS_OPEN')
  return record
}

/** Applies a manager's change only if nobody changed the record since it was read (revision). */
async function applyRevision(
  db: Db,
  _: Command,
  record: ServiceDoc,
  data: Record<string, unknown>,
): Promise<void> {
  const changed = await from(db, serviceRecords).update(
    { _id: record._id, revision: record.revision },
    { ...data, revision: _.inc(1) },
  )
  if (changed === 0) throw new AppError('CONFLICT', '这条记录刚被其他专管员修改，请刷新后再试')
}

/** 确认时长: accepts the credited minutes as they are. Confirming twice changes nothing. */
export const confirmHours: Handler<'signin', 'confirmHours'> = async (
  { recordId },
  { db, _, caller, now },
) => {
  const record = await loadForManager(db, caller, recordId)
  if (record.status === 'confirmed') return toServiceView(record)
  const at = now()
  const confirmed = {
    status: 'confirmed' as const,
    confirmedBy: caller.openid,
    confirmedByName: caller.user.name ?? null,
    confirmedAt: at,
  }
  await applyRevision(db, _, record, confirmed)
  await bumpStats(db, _, hoursSource(record, null, record.minutes))
  return toServiceView({
    ...record,
    ...confirmed,
    revision: record.revision + 1,
  })
}

/** 更正时长: sets the minutes with a reason, kept in the record's audit trail, and confirms them. */
export const correctHours: Handler<'signin', 'correctHours'> = async (input, { db, _, caller, now }) => {
  const record = await loadForManager(db, caller, input.recordId)
  const at = now()
  const correction = {
    by: caller.openid,
    byName: caller.user.name ?? null,
    at,
    fromMinutes: record.minutes,
    toMinutes: input.minutes,
    reason: input.reason,
  }
  await applyRevision(db, _, record, {
    minutes: input.minutes,
    status: 'confirmed',
    confirmedBy: caller.openid,
    confirmedByName: caller.user.name ?? null,
    confirmedAt: at,
    corrections: _.push({ each: [correction] }),
  })
  await bumpStats(
    db,
    _,
    hoursSource(record, record.status === 'confirmed' ? record.minutes : null, input.minutes),
  )
  return toServiceView({
    ...record,
    minutes: input.minutes,
    status: 'confirmed',
    confirmedBy: caller.openid,
    confirmedByName: caller.user.name ?? null,
    confirmedAt: at,
    corrections: [...(record.corrections ?? []), correction],
    revision: record.revision + 1,
  })
}

/**
 * What a confirmation or correction adds to the statistics (applied after the revision-checked update,
 * so once): minutes confirmed before (null: not confirmed) → minutes confirmed now.
 */
function hoursSource(record: ServiceDoc, before: number | null, after: number | null) {
  if (before === null && serviceRecords.orderIdOf(record.activityId)) before = record.minutes // counted when rated
  return {
    person: { openid: record.openid, as: 'volunteer' as const },
    unitPath: record.unitPath,
    at: record.activityStart,
    delta: { serviceMinutes: (after ?? 0) - (before ?? 0), serviceSessions: before === null ? 1 : 0 },
  }
}
