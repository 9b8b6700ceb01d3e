/** Which center (and station) a request is about, and which centers a manager's grants reach. */
import { subscriptions } from '../../../../core/contract/inbox.collections'
import { units } from '../../../../core/contract/stations.collections'
import type { Unit } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { grantedUnitIds } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { HandlerContext } from '../../../../server/types'
import { loadUnit } from '../../../../server/units'
import { centerIdOf, firstCenter, requireUnit } from '../model'

export interface Place {
  center: Unit
  station: Unit | null
}

/**
 * A resident's center: the station's they name, else the center they are subscribed in, else their home
 * station's, else the network's first (a one-center deployment needs nothing more).
 */
export async function residentPlace(
  ctx: Pick<HandlerContext, 'db' | 'caller'>,
  input: { stationId?: string; centerId?: string },
): Promise<Place> {
  const { db, caller } = ctx
  if (input.stationId) {
    const station = await requireUnit(db, input.stationId, '实践站')
    if (station.level === 'center') return { center: station, station: null }
    return { center: await requireUnit(db, centerIdOf(station), '实践中心'), station }
  }
  if (input.centerId) return { center: await requireCenter(ctx, input.centerId), station: null }
  const sub = await from(db, subscriptions).first({ openid: caller.openid })
  const home = caller.user.homeUnitId ? await loadUnit(db, caller.user.homeUnitId) : undefined
  const centerId = sub?.centerId ?? (home ? centerIdOf(home) : undefined)
  const center = centerId ? await loadUnit(db, centerId) : await firstCenter(db)
  if (!center) throw new AppError('NOT_FOUND', '还没有可订阅的新时代文明实践中心')
  return { center, station: null }
}

export async function requireCenter(ctx: Pick<HandlerContext, 'db'>, centerId: string): Promise<Unit> {
  const center = await requireUnit(ctx.db, centerId, '实践中心')
  if (center.level !== 'center') throw new AppError('NOT_FOUND', '这不是一个新时代文明实践中心')
  return center
}

/** The centers holding at least one unit the caller manages (read access to their notices). */
export async function managedCenterIds(ctx: Pick<HandlerContext, 'db' | '_' | 'caller'>): Promise<string[]> {
  const ids = grantedUnitIds(ctx.caller, 'manager')
  if (ids.length === 0) return []
  const held = await from(ctx.db, units).find((ref) =>
    ref.where({ _id: ctx._.in(ids) }).field({ level: true, ancestors: true }),
  )
  return [...new Set(held.map(centerIdOf))]
}
