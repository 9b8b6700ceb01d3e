import { randomBytes } from 'node:crypto'
import type { ShopItem } from '../../../../core/contract/credit'
import {
  creditAccounts,
  redemptions,
  shopItems,
  type RedemptionDoc,
  type ShopItemDoc,
} from '../../../../core/contract/credit.collections'
import { AppError } from '../../../../core/errors'
import { holdsOver, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { holdingUnit, loadUnit } from '../../../../server/units'
import { completeRedemption, HOLD_DAYS, redemptionView, settleRedemption } from '../shop'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** 16 base32 characters (80 random bits): the pickup code; the QR scene is `p=<code>` (18 chars). */
export function pickupCode(): string {
  const bytes = randomBytes(16)
  let out = ''
  for (let i = 0; i < 16; i++) out += BASE32[bytes[i]! & 31]
  return out
}

function itemView(i: ShopItemDoc): ShopItem {
  return {
    _id: i._id,
    unitId: i.unitId,
    unitName: i.unitName,
    title: i.title,
    price: i.price,
    stock: i.stock,
    active: i.active,
  }
}

export const items: Handler<'credit', 'items'> = async (input, { db, caller }) => {
  const unit = await loadUnit(db, input.unitId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个站点')
  const manages = holdsOver(caller, 'manager', unit)
  const list = await from(db, shopItems).find((q) =>
    q
      .where(manages ? { unitId: unit._id } : { unitId: unit._id, active: true })
      .orderBy('price', 'asc')
      .limit(200),
  )
  return { items: list.map(itemView) }
}

export const saveItem: Handler<'credit', 'saveItem'> = async (input, { db, caller, now }) => {
  const unit = await loadUnit(db, input.unitId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个站点')
  requireManagerOf(caller, unit)
  const all = from(db, shopItems)
  if (!input.id) {
    const doc: ShopItemDoc = {
      _id: `item_${pickupCode().toLowerCase()}`,
      unitId: unit._id,
      unitName: unit.name,
      unitPath: [...unit.ancestors, unit._id],
      title: input.title,
      price: input.price,
      stock: input.stock,
      claims: [],
      handedOut: 0,
      active: input.active,
      updatedBy: caller.openid,
      updatedAt: now(),
    }
    await all.insert(doc)
    return { item: itemView(doc) }
  }
  const cur = await all.byId(input.id)
  if (!cur || cur.unitId !== unit._id) throw new AppError('NOT_FOUND', '没有找到这个物品')
  // stock is set as "left to redeem now": a conditional update on the value read, so a redemption
  // taken in between is not overwritten (the manager is asked to look again)
  const n = await all.update(
    { _id: cur._id, stock: cur.stock },
    {
      title: input.title,
      price: input.price,
      stock: input.stock,
      active: input.active,
      updatedBy: caller.openid,
      updatedAt: now(),
    },
  )
  if (n === 0 && (await all.count({ _id: cur._id, stock: input.stock })) === 0) {
    throw new AppError('CONFLICT', '刚有人兑换了这个物品，库存已变化，请刷新后再改')
  }
  return {
    item: itemView({
      ...cur,
      title: input.title,
      price: input.price,
      stock: input.stock,
      active: input.active,
    }),
  }
}

export const redeem: Handler<'credit', 'redeem'> = async (input, { db, _, caller, now }) => {
  const at = now()
  const item = await from(db, shopItems).byId(input.itemId, { claims: false })
  if (!item || !item.active) throw new AppError('NOT_FOUND', '没有找到这个物品，可能已下架')
  const rid = `${caller.openid}_${input.requestId}`
  const all = from(db, redemptions)
  let r = await all.byId(rid)
  if (!r) {
    // a quick look before taking stock (not relied on: the hold's transaction decides)
    const account = await from(db, creditAccounts).byId(caller.openid)
    const balance = account?.balance ?? 0
    if (balance < item.price) {
      throw new AppError(
        'INSUFFICIENT_POINTS',
        `积分不足：可用 ${balance} 分，「${item.title}」需要 ${item.price} 分`,
      )
    }
    if (item.stock <= 0) throw new AppError('SOLD_OUT', `「${item.title}」已兑完，请看看别的物品`)
    const doc: RedemptionDoc = {
      _id: rid,
      openid: caller.openid,
      itemId: item._id,
      itemTitle: item.title,
      unitId: item.unitId,
      unitName: item.unitName,
      unitPath: item.unitPath,
      price: item.price,
      status: 'claiming',
      code: pickupCode(),
      createdAt: at,
      expiresAt: new Date(at.getTime() + HOLD_DAYS * 86_400_000),
      stockReturned: false,
      failure: null,
      handedBy: null,
      handedAt: null,
    }
    const res = await all.insertUnique(doc)
    r = res.inserted ? doc : res.existing
  }
  if (r.itemId !== input.itemId) throw new AppError('CONFLICT', '这个请求编号已用于另一次兑换，请刷新后再试')
  if (r.status === 'claiming') r = await completeRedemption(db, _, r, at)
  if (r.status === 'failed') {
    throw r.failure === 'INSUFFICIENT_POINTS'
      ? new AppError('INSUFFICIENT_POINTS', `积分不足，「${r.itemTitle}」需要 ${r.price} 分`)
      : new AppError('SOLD_OUT', `「${r.itemTitle}」已兑完，请看看别的物品`)
  }
  return { redemption: redemptionView(r) }
}

export const myRedemptions: Handler<'credit', 'myRedemptions'> = async (_input, { db, caller }) => {
  const list = await from(db, redemptions).find((q) =>
    q.where({ openid: caller.openid }).orderBy('createdAt', 'desc').limit(50),
  )
  return {
    redemptions: list.filter((r) => r.status !== 'claiming' && r.status !== 'failed').map(redemptionView),
  }
}

export const cancel: Handler<'credit', 'cancel'> = async (input, { db, _, caller, now }) => {
  const r = await from(db, redemptions).byId(input.id, { openid: true })
  if (!r || r.openid !== caller.openid) throw new AppError('NOT_FOUND', '没有找到这次兑换')
  const done = await settleRedemption(db, _, input.id, 'cancelled', now(), {
    openid: caller.openid,
    name: caller.user.name ?? null,
  })
  return { redemption: redemptionView(done) }
}

export const handOver: Handler<'credit', 'handOver'> = async (input, { db, _, caller, now }) => {
  const r = await from(db, redemptions).first({ code: input.code })
  if (!r) throw new AppError('NOT_FOUND', '取货码无效，请让兑换人打开「我的兑换」重新出示')
  requireManagerOf(caller, holdingUnit(r))
  const done = await settleRedemption(db, _, r._id, 'handed', now(), {
    openid: caller.openid,
    name: caller.user.name ?? null,
  })
  return { redemption: redemptionView(done) }
}
