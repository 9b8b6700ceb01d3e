import type { FlagStatus } from '@core/contract'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** 异常核查: one page of the flags of my units in one status; loaded again when the page is shown again. */
export function useFlagList(status: FlagStatus, page: number) {
  return useQuery(`integrity:list:${status}:${page}`, () => api.integrity.list({ status, page }), {
    refreshOnShow: true,
  })
}
