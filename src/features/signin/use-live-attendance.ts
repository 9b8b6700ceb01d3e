import { useEffect, useState } from 'react'
import type { LiveAttendance } from '@core/contract'
import { useQuery } from '@/lib/use-query'
import { getLiveAttendance } from './api/get-live-attendance'

const EVERY_MS = 15_000

/**
 * The live list, refreshed every 15 s in the background: the last good answer stays on screen while the
 * next one loads, so the page never flickers to 正在加载.
 */
export function useLiveAttendance(activityId: string) {
  const [tick, setTick] = useState(0)
  const query = useQuery(`signin:live:${activityId}:${tick}`, () => getLiveAttendance(activityId))
  const [last, setLast] = useState<LiveAttendance | null>(null)
  useEffect(() => {
    if (query.status === 'success') setLast(query.data)
  }, [query.status, query.data])
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), EVERY_MS)
    return () => clearInterval(timer)
  }, [])
  return { query, last, refresh: () => setTick((n) => n + 1) }
}
