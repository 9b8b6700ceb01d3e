import { subscriptions, type SubscriptionDoc } from '../../../../core/contract/inbox.collections'
import { AppError } from '../../../../core/errors'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import {
  defaultSettings,
  ensureSettings,
  loadSettings,
  loadSubscription,
  MAX_CREDITS,
  subscriptionView,
  withPlanThemes,
} from '../model'
import { residentPlace } from './scope'

/**
 * One accept of wx.requestSubscribeMessage, recorded as one credit (platform-facts: a one-time
 * subscription allows exactly one message; whether repeated accepts add up is unconfirmed, so each
 * counts once and each message spends one). The server cannot see WeChat's count: a credit we record
 * in error costs one 43101 at send time, which sets ours back to 0.
 */
export const subscribe: Handler<'notices', 'subscribe'> = async (input, ctx) => {
  const { db, _, caller } = ctx
  const now = ctx.now()
  const { center, station } = await residentPlace(ctx, { stationId: input.stationId })
  const s = await ensureSettings(db, center._id, now)
  if (input.templateId !== s.template.id) {
    throw new AppError('CONFLICT', '提醒模板已更新，请返回后重新点订阅')
  }
  const id = subscriptions.id(s.template.id, caller.openid)
  const placed: Partial<SubscriptionDoc> = { centerId: center._id, updatedAt: now }
  if (station) Object.assign(placed, { stationId: station._id, stationName: station.name })
  // a long-term subscription is on or off, not counted
  const cap = s.template.kind === 'longTerm' ? 1 : MAX_CREDITS
  const subs = from(db, subscriptions)
  const bump = () =>
    subs.update({ _id: id, credits: _.lt(cap) }, { ...placed, credits: _.inc(1), acceptedAt: now })
  if (!(await bump())) {
    const existing = await loadSubscription(db, s.template.id, caller.openid)
    if (existing) {
      await subs.ref.doc(id).update({ data: placed })
    } else {
      const fresh: SubscriptionDoc = {
        _id: id,
        openid: caller.openid,
        templateId: s.template.id,
        centerId: center._id,
        stationId: station?._id ?? null,
        stationName: station?.name ?? null,
        credits: 1,
        acceptedAt: now,
        lastJobId: null,
        lastSentAt: null,
        lastSentMonth: null,
        updatedAt: now,
      }
      // a second tap raced the first: count it on the document the first one made
      const written = await subs.insertUnique(fresh)
      if (!written.inserted) await bump()
    }
  }
  const [themed, sub] = await Promise.all([
    withPlanThemes(db, s, now),
    loadSubscription(db, s.template.id, caller.openid),
  ])
  return subscriptionView(themed, center, sub, now)
}

export const mySubscription: Handler<'notices', 'mySubscription'> = async (input, ctx) => {
  const now = ctx.now()
  const { center } = await residentPlace(ctx, { stationId: input.stationId })
  const s = (await loadSettings(ctx.db, center._id)) ?? defaultSettings(center._id, now)
  const [themed, sub] = await Promise.all([
    withPlanThemes(ctx.db, s, now),
    loadSubscription(ctx.db, s.template.id, ctx.caller.openid),
  ])
  return subscriptionView(themed, center, sub, now)
}
