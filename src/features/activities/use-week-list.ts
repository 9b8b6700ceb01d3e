import { useMemo, useRef } from 'react'
import type { InputOf, WeekList } from '@core/contract'
import { api } from '@/lib/api'
import type { CloudCallError } from '@/lib/cloud'
import { locate } from '@/lib/location'
import { useQuery, type QueryCache } from '@/lib/use-query'
import type { ScopeChoice } from './scope'
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
  const save = useWeekCache((state) => state.save)
  // The entry key stands for the scope: a new object for the same place must not refetch.
  const scopeRef = useRef(scope)
  scopeRef.current = scope
  const noLocation = useRef<NoLocation>()

  const cache = useMemo<QueryCache<WeekList>>(
    () => ({
      read: (k) => {
        const entry = useWeekCache.getState().entries[k]
        return entry && { data: entry.list, savedAt: entry.savedAt }
      },
      write: (_k, list, savedAt) => {
        if (scopeRef.current) save(scopeRef.current, week, list, savedAt)
      },
    }),
    [save, week],
  )

  const query = useQuery(
    key,
    async () => {
      noLocation.current = undefined
      const input = await scopeInput(scopeRef.current!)
      if (input.kind === 'no-location') {
        // shown as its own problem (where the list would be), not as a failed call
        noLocation.current = input
        throw new Error('no location')
      }
      return api.activities.listWeek({ scope: input, week })
    },
    { cache },
  )

  const problem: WeekListProblem | undefined =
    query.status !== 'error'
      ? undefined
      : noLocation.current
        ? noLocation.current
        : { kind: 'error', error: query.error }
  return {
    list: query.data,
    savedAt: query.savedAt,
    refreshing: query.refreshing,
    problem,
    retry: query.retry,
  }
}
