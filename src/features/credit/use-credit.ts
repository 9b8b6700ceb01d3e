import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** 我的积分: balance and the last 20 lines; loaded again when the page is shown again. */
export function useMyCredit() {
  return useQuery('credit:mine', () => api.credit.mine({}), { refreshOnShow: true })
}

/** A station's 爱心超市 goods; the list stays on screen while it reloads after a redemption. */
export function useShopItems(unitId: string | null) {
  return useQuery(unitId ? `credit:items:${unitId}` : null, () => api.credit.items({ unitId: unitId! }), {
    keepData: true,
  })
}

export function useMyRedemptions() {
  return useQuery('credit:redemptions', () => api.credit.myRedemptions({}), { refreshOnShow: true })
}

/** 晾榜 of a unit for a month ('YYYY-MM'). */
export function useBoard(unitId: string | null, month: string) {
  return useQuery(unitId ? `credit:board:${unitId}:${month}` : null, () =>
    api.credit.board({ unitId: unitId!, month }),
  )
}
