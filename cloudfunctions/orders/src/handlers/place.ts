import { ORDER_MAX_AHEAD_MS } from '../../../../core/contract/orders'
import { orders } from '../../../../core/contract/orders.collections'
import { AppError } from '../../../../core/errors'
import type { OrderDoc } from '../../../../core/orders/model'
import { monthKey } from '../../../../core/orders/notice'
import { requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import { addCredit } from '../../../../server/notify'
import type { Handler } from '../../../../server/router'
import { bumpStats as bumpUnitStats, orderPlacedStats } from '../../../../server/stats'
import { actorsOf, bumpStats, loaded, orderError, orderTemplate, tell, toView } from '../store'
import { centerOf, loadMenu, unitFor } from './menu'

/** A wanted time this far in the past still counts as "now" (the phone's clock, the tap's travel). */
const PAST_GRACE_MS = 5 * 60_000

/**
 * 点单. Everything is checked before anything is written: the service on the center's menu, the time,
 * the address for a home visit, the note through msgSecCheck (risky refused, review held for a manager).
 * The order's `_id` comes from the phone's requestId, so a retried submit finds the same order.
 */
export const place: Handler<'orders', 'place'> = async (input, refCtx) => {
  const ctx = await loaded(refCtx)
  const { db, _, caller, now, openapi } = ctx
  const t = now()
  const byManager = input.byManager
  const unit = await unitFor(db, caller, input.unitId)
  if (byManager) {
    requireManagerOf(caller, unit)
    const problems: Record<string, string> = {}
    if (!input.forName) problems.forName = '请填写居民姓名'
    if (!input.phone) problems.phone = '请填写居民电话，方便志愿者联系'
    if (Object.keys(problems).length)
      throw new AppError('INVALID_INPUT', Object.values(problems)[0], problems)
  }
  const centerId = centerOf(unit)
  const menu = await loadMenu(db, centerId)
  const item = menu.items.find((i) => i.category === input.category && i.active)
  if (!item) throw orderError('SERVICE_UNKNOWN', `本中心暂未提供「${input.category}」服务，请重新选择`)
  if (input.wantedAt < t.getTime() - PAST_GRACE_MS)
    throw orderError('ORDER_TIME_PAST', undefined, { wantedAt: '预约时间已经过去了，请选择以后的时间' })
  if (input.wantedAt > t.getTime() + ORDER_MAX_AHEAD_MS)
    throw orderError('ORDER_TIME_FAR', undefined, { wantedAt: '最多只能预约 30 天以内的服务' })
  if (input.where === 'home' && !input.address)
    throw orderError('ADDRESS_REQUIRED', undefined, { address: '上门服务请填写地址' })

  let noteCheck: OrderDoc['noteCheck'] = 'none'
  if (input.note) {
    const verdict = await openapi.checkText({ content: input.note, openid: caller.openid, scene: 2 })
    if (verdict === 'risky')
      throw new AppError('CONTENT_RISKY', '备注里有不适宜的内容，请修改后再提交', {
        note: '备注里有不适宜的内容，请修改后再提交',
      })
    noteCheck = verdict
  }

  const name = caller.user.name ?? '居民'
  const forOther = !byManager && !!input.forName && input.forName !== caller.user.name
  const queuePath = [...unit.ancestors, unit._id]
  const doc: OrderDoc = {
    _id: `o-${input.requestId}`,
    state: 'submitted',
    version: 1,
    centerId,
    category: input.category,
    unitId: unit._id,
    unitName: unit.name,
    unitPath: queuePath,
    queueUnitId: unit._id,
    queueUnitName: unit.name,
    queuePath,
    escalateAt: queuePath.length > 1 ? new Date(t.getTime() + menu.escalateAfterMinutes * 60_000) : null,
    residentId: byManager ? null : caller.openid,
    residentName: input.forName || name,
    placedBy: caller.openid,
    placedByRole: byManager ? 'manager' : forOther ? 'family' : 'self',
    wantedAt: new Date(Math.max(input.wantedAt, t.getTime())),
    where: input.where,
    address: input.address,
    phone: input.phone || caller.user.phone || '',
    note: input.note,
    noteCheck,
    teamId: null,
    teamName: null,
    holder: null,
    holderName: null,
    reason: null,
    doneNote: null,
    donePhotoFileId: null,
    minutes: null,
    rating: null,
    month: monthKey(t),
    submittedAt: t,
    dispatchedAt: null,
    acceptedAt: null,
    doneAt: null,
    closedAt: null,
    updatedAt: t,
    history: [
      {
        event: 'place',
        from: null,
        to: 'submitted',
        at: t,
        by: caller.openid,
        byName: name,
        as: byManager ? 'manager' : 'owner',
      },
    ],
  }
  const res = await from(db, orders).insertUnique(doc)
  if (!res.inserted) {
    // the same submit again (a retry): its order; anyone else's id: start over
    if (res.existing.placedBy !== caller.openid) throw orderError('ORDER_CHANGED', '提交冲突，请重新提交')
    return toView(res.existing, actorsOf(caller, res.existing), t)
  }
  await bumpStats(db, _, doc, { placed: 1, 'n.submitted': 1 })
  await bumpUnitStats(db, _, orderPlacedStats(doc)) // weekly figures (docs/statistics.md)
  if (input.accepted.length) {
    const template = await orderTemplate(db)
    if (input.accepted.includes(template.id))
      await addCredit(ctx, {
        templateId: template.id,
        openid: caller.openid,
        centerId,
        stationId: unit._id,
        stationName: unit.name,
      })
  }
  await tell(ctx, 'place', doc, { openid: caller.openid, name, as: byManager ? 'manager' : 'owner' })
  return toView(doc, actorsOf(caller, doc), t)
}
