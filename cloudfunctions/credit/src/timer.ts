import type { TimerHandler } from '../../../server/router'
import { awardStars } from './handlers/stars'
import { resettleRatings } from './rerate'
import { settleConfirmed } from './settle'
import { sweepRedemptions } from './shop'

/** Every few minutes: confirmed service → points; changed ratings re-settled; redemptions expired, recovered, stock returned. */
export const creditTimer: TimerHandler = async ({ db, _, now }) => {
  const settle = await settleConfirmed(db, _, now())
  const rerate = await resettleRatings(db, _, now())
  const shop = await sweepRedemptions(db, _, now())
  const starsAwarded = await awardStars(db, _, now())
  return { ...settle, ...rerate, ...shop, starsAwarded }
}
