import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

const EVERY_MS = 15_000

/**
 * The live list, refreshed every 15 s in the background: the last good answer stays on screen while the
 * next one loads, so the page never flickers to 正在加载.
 */
export function useLiveAttendance(activityId: string) {
  const query = useQuery(`signin:live:${activityId}`, () => api.signin.liveAttendance({ activityId }), {
    poll: EVERY_MS,
  })
  return { query, last: query.data ?? null, refresh: query.retry }
}
