/**
 * 爱心超市. Stock is taken by a conditional single-document update on the item (`stock > 0` and this
 * redemption not yet among its `claims`), never in a transaction (the item is the hot document: 200
 * people at once). The points are held by a ledger line in a transaction on the person's account and
 * the redemption (not hot). Each step is idempotent and the order is claim → hold, so a crash between
 * them leaves a claim the timer gives back (`recoverClaims`), and a failed hold gives it back at once.
 */
import type { RedemptionView } from '../../../core/contract/credit'
import { pickupQrDataUrl } from './qr'
import {
  creditAccounts,
  redemptions,
  shopItems,
  type CreditAccount,
  type RedemptionDoc,
} from '../../../core/contract/credit.collections'
import { AppError } from '../../../core/errors'
import { epochMs } from '../../../core/time'
import { crashPoint } from '../../../server/crash-point'
import { from } from '../../../server/db'
import type { Command, Db } from '../../../server/types'
import { postLine } from './ledger'
import { inTransaction, txGet, txSet } from './tx'

export const HOLD_DAYS = 7
const CLAIM_TIMEOUT_MS = 2 * 60_000

export function redemptionView(r: RedemptionDoc): RedemptionView {
  return {
    _id: r._id,
    itemId: r.itemId,
    itemTitle: r.itemTitle,
    unitName: r.unitName,
    price: r.price,
    status: r.status,
    code: r.code,
    qr: r.status === 'held' ? pickupQrDataUrl(r.code) : null,
    createdAt: epochMs(r.createdAt),
    expiresAt: epochMs(r.expiresAt),
  }
}

/** Takes one unit of stock for `rid`; true when `rid` holds one (now or already). */
export async function claimStock(db: Db, _: Command, itemId: string, rid: string): Promise<boolean> {
  const items = from(db, shopItems)
  const n = await items.update(
    { _id: itemId, active: true, stock: _.gt(0), claims: _.neq(rid) },
    { stock: _.inc(-1), claims: _.push([rid]) },
  )
  if (n === 1) return true
  return (await items.count({ _id: itemId, claims: rid })) === 1
}

/**
 * Gives `rid`'s unit of stock back, once (nothing when it holds none), and only for a redemption that
 * ended without a hand-over (a held one keeps its unit, whatever a late caller thinks).
 */
export async function returnStock(db: Db, _: Command, itemId: string, rid: string): Promise<void> {
  const r = await from(db, redemptions).byId(rid, { status: true })
  if (!r || !['failed', 'cancelled', 'expired'].includes(r.status)) return
  await from(db, shopItems).update({ _id: itemId, claims: rid }, { stock: _.inc(1), claims: _.pull(rid) })
  await from(db, redemptions).update({ _id: rid, stockReturned: false }, { stockReturned: true })
}

/** The redemption left 'claiming' for a reason: marked failed (conditional: once), its stock returned. */
async function fail(db: Db, _: Command, r: RedemptionDoc, failure: string): Promise<void> {
  await from(db, redemptions).update({ _id: r._id, status: 'claiming' }, { status: 'failed', failure })
  await returnStock(db, _, r.itemId, r._id)
}

/** Claim (if not yet) and hold the points; resumes a redemption a crash or a retry left 'claiming'. */
export async function completeRedemption(
  db: Db,
  _: Command,
  r: RedemptionDoc,
  now: Date,
): Promise<RedemptionDoc> {
  if (!(await claimStock(db, _, r.itemId, r._id))) {
    await fail(db, _, r, 'SOLD_OUT')
    throw new AppError('SOLD_OUT', `「${r.itemTitle}」已兑完，请看看别的物品`)
  }
  crashPoint('credit:redeem-after-claim')
  try {
    const done = await inTransaction(db, async (tx) => {
      const cur = await txGet<RedemptionDoc>(tx, redemptions.name, r._id)
      if (!cur || cur.status !== 'claiming') return cur ?? r
      await postLine(
        tx,
        {
          _id: `rdm_${r._id}`,
          openid: r.openid,
          kind: 'redeem',
          points: -r.price,
          sourceId: r._id,
          ruleId: null,
          explanation: `爱心超市兑换「${r.itemTitle}」（${r.unitName}），待领取`,
          by: r.openid,
          byName: null,
          reason: null,
          unitId: r.unitId,
          unitPath: r.unitPath,
        },
        now,
        (a) => {
          a.held += r.price
        },
      )
      const held: RedemptionDoc = { ...cur, status: 'held' }
      await txSet(tx, redemptions.name, held)
      return held
    })
    // ended meanwhile (the timer gave up on it): the unit this call may just have claimed goes back
    if (done.status !== 'held') await returnStock(db, _, r.itemId, r._id)
    return done
  } catch (err) {
    if (err instanceof AppError && err.code === 'INSUFFICIENT_POINTS') await fail(db, _, r, err.code)
    throw err
  }
}

/**
 * Ends a held redemption: 'cancelled' or 'expired' return its points (a refund line), 'handed' releases
 * the hold. One transaction on the redemption and the account: two managers scanning at once conflict,
 * and the retry finds it handed.
 */
export async function settleRedemption(
  db: Db,
  _: Command,
  id: string,
  to: 'handed' | 'cancelled' | 'expired',
  now: Date,
  by: { openid: string; name: string | null },
): Promise<RedemptionDoc> {
  const done = await inTransaction(db, async (tx) => {
    const r = await txGet<RedemptionDoc>(tx, redemptions.name, id)
    if (!r) throw new AppError('NOT_FOUND', '没有找到这次兑换')
    if (r.status !== 'held') throw alreadyEnded(r)
    if (to === 'handed' && r.expiresAt.getTime() <= now.getTime()) {
      throw new AppError('CODE_EXPIRED', '取货码已过期，积分将退回；请兑换人重新兑换')
    }
    const next: RedemptionDoc = {
      ...r,
      status: to,
      handedBy: to === 'handed' ? by.openid : null,
      handedAt: to === 'handed' ? now : null,
    }
    if (to === 'handed') {
      const a = (await txGet<CreditAccount>(tx, creditAccounts.name, r.openid))!
      await txSet(tx, creditAccounts.name, { ...a, held: a.held - r.price, updatedAt: now })
    } else {
      await postLine(
        tx,
        {
          _id: `rfd_${r._id}`,
          openid: r.openid,
          kind: 'refund',
          points: r.price,
          sourceId: r._id,
          ruleId: null,
          explanation: `兑换「${r.itemTitle}」${to === 'cancelled' ? '已取消' : '逾期未领取'}，积分退回`,
          by: by.openid,
          byName: by.name,
          reason: null,
          unitId: r.unitId,
          unitPath: r.unitPath,
        },
        now,
        (a) => {
          a.held -= r.price
        },
      )
    }
    await txSet(tx, redemptions.name, next)
    return next
  })
  crashPoint('credit:ended-before-stock')
  if (to === 'handed') {
    await from(db, shopItems).update(
      { _id: done.itemId, claims: done._id },
      { handedOut: _.inc(1), claims: _.pull(done._id) },
    )
  } else {
    await returnStock(db, _, done.itemId, done._id)
  }
  return done
}

function alreadyEnded(r: RedemptionDoc): AppError {
  switch (r.status) {
    case 'handed':
      return new AppError('CODE_USED', '这个取货码已经领取过了')
    case 'cancelled':
      return new AppError('CODE_CANCELLED', '这次兑换已取消，积分已退回')
    case 'expired':
      return new AppError('CODE_EXPIRED', '取货码已过期，积分已退回')
    default:
      return new AppError('NOT_HELD', '这次兑换没有成功，无需领取')
  }
}

/** Timer: expire held redemptions past their date; recover claims a crash left; finish stock returns. */
export async function sweepRedemptions(db: Db, _: Command, now: Date) {
  const all = from(db, redemptions)
  const report = { expired: 0, recovered: 0, returned: 0 }
  const due = await all.find((q) => q.where({ status: 'held', expiresAt: _.lte(now) }).limit(200))
  for (const r of due) {
    try {
      await settleRedemption(db, _, r._id, 'expired', now, { openid: 'system', name: null })
      report.expired++
    } catch (err) {
      if (!(err instanceof AppError)) throw err
    }
  }
  const stuck = await all.find((q) =>
    q.where({ status: 'claiming', createdAt: _.lte(new Date(now.getTime() - CLAIM_TIMEOUT_MS)) }).limit(200),
  )
  for (const r of stuck) {
    await fail(db, _, r, 'TIMEOUT')
    report.recovered++
  }
  const unreturned = await all.find((q) =>
    q.where({ status: _.in(['cancelled', 'expired', 'failed']), stockReturned: false }).limit(200),
  )
  for (const r of unreturned) {
    await returnStock(db, _, r.itemId, r._id)
    report.returned++
  }
  return report
}
