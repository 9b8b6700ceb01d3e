import { useCallback, useEffect, useState } from 'react'
import type { InputOf, WeekList } from '@core/contract'
import { toCloudError, type CloudCallError } from '@/lib/cloud'
import { locate } from '@/lib/location'
import { listWeek } from './api/list-week'
import { scopeKey, type ScopeChoice } from './scope'
import { entryKey, useWeekCache } from './week-cache'

export type WeekListProblem =
  { kind: 'no-location'; reason: 'denied' | 'unavailable' } | { kind: 'error'; error: CloudCallError }

export interface WeekListView {
  /** the list to show: the fresh one, or the one saved on the phone while refreshing / offline */
  list: WeekList | undefined
  /** when the shown list was fetched (phone clock, ms) */
  savedAt: number | undefined
  refreshing: boolean
  problem: WeekListProblem | undefined
  retry: () => void
}

type NoLocation = Extract<WeekListProblem, { kind: 'no-location' }>

async function scopeInput(
  scope: ScopeChoice,
): Promise<InputOf<'activities', 'listWeek'>['scope'] | NoLocation> {
  if (scope.kind === 'unit') return { kind: 'unit', unitId: scope.unitId }
  const place = await locate()
  if (!place.ok) return { kind: 'no-location', reason: place.reason }
  return { kind: 'nearby', latitude: place.latitude, longitude: place.longitude }
}

/** The saved list at once (if any), then the fresh one: one function call per week shown. */
export function useWeekList(scope: ScopeChoice | null, week: string): WeekListView {
  const key = scope ? entryKey(scope, week) : null
  const cached = useWeekCache((state) => (key ? state.entries[key] : undefined))
  const save = useWeekCache((state) => state.save)
  const [refreshing, setRefreshing] = useState(false)
  const [problem, setProblem] = useState<WeekListProblem>()
  const [attempt, setAttempt] = useState(0)
  const scopeId = scope ? scopeKey(scope) : null

  useEffect(() => {
    if (!scope) return
    let current = true
    setRefreshing(true)
    setProblem(undefined)
    scopeInput(scope)
      .then(async (input) => {
        if (input.kind === 'no-location') {
          if (current) setProblem(input)
          return
        }
        const list = await listWeek({ scope: input, week })
        if (current) save(scope, week, list, Date.now())
      })
      .catch((error: unknown) => current && setProblem({ kind: 'error', error: toCloudError(error) }))
      .finally(() => current && setRefreshing(false))
    return () => {
      current = false
    }
    // scopeId stands for scope: a new object for the same place must not refetch
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scopeId, week, attempt, save])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { list: cached?.list, savedAt: cached?.savedAt, refreshing, problem, retry }
}
