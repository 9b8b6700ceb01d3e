/**
 * The weekly lists last seen, kept on the phone: a list opens at once from here and is then refreshed, so a
 * weak network still shows something (with how old it is). Also remembers the scope last viewed.
 */
import { create } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import type { ActivityListItem, WeekList } from '@core/contract'
import { taroStorage } from '@/lib/storage'
import { isScopeChoice, scopeKey, type ScopeChoice } from './scope'

export interface CachedWeek {
  list: WeekList
  /** when it was fetched (phone clock, ms) */
  savedAt: number
}

export interface WeekCacheState {
  lastScope: ScopeChoice | null
  /** by `${scopeKey}|${weekStart}` */
  entries: Record<string, CachedWeek>
  save: (scope: ScopeChoice, week: string, list: WeekList, savedAt: number) => void
  setLastScope: (scope: ScopeChoice) => void
}

/** Enough for this week, next week and last week of a couple of places; older ones are dropped. */
export const WEEK_CACHE_MAX_ENTRIES = 6
export const WEEK_CACHE_STORAGE_KEY = 'wmsj.week-cache'
export const WEEK_CACHE_VERSION = 1

export function entryKey(scope: ScopeChoice, week: string): string {
  return `${scopeKey(scope)}|${week}`
}

/** Keeps the newest entries only. */
export function prune(
  entries: Record<string, CachedWeek>,
  max = WEEK_CACHE_MAX_ENTRIES,
): Record<string, CachedWeek> {
  const newest = Object.entries(entries)
    .sort(([, a], [, b]) => b.savedAt - a.savedAt)
    .slice(0, max)
  return Object.fromEntries(newest)
}

/** Whatever an older or damaged entry holds, keep only what still has the right shape. */
export function migrateWeekCache(persisted: unknown): Pick<WeekCacheState, 'lastScope' | 'entries'> {
  const value = (typeof persisted === 'object' && persisted !== null ? persisted : {}) as Record<
    string,
    unknown
  >
  const entries: Record<string, CachedWeek> = {}
  if (typeof value.entries === 'object' && value.entries !== null) {
    for (const [key, entry] of Object.entries(value.entries as Record<string, unknown>)) {
      const e = entry as Partial<CachedWeek> | null
      if (e && typeof e.savedAt === 'number' && e.list && Array.isArray(e.list.items)) {
        entries[key] = e as CachedWeek
      }
    }
  }
  return { lastScope: isScopeChoice(value.lastScope) ? value.lastScope : null, entries: prune(entries) }
}

export function createWeekCache(storage: StateStorage) {
  return create<WeekCacheState>()(
    persist(
      (set) => ({
        lastScope: null,
        entries: {},
        save: (scope, week, list, savedAt) =>
          set((state) => ({
            entries: prune({ ...state.entries, [entryKey(scope, week)]: { list, savedAt } }),
          })),
        setLastScope: (scope) => set({ lastScope: scope }),
      }),
      {
        name: WEEK_CACHE_STORAGE_KEY,
        version: WEEK_CACHE_VERSION,
        storage: createJSONStorage(() => storage),
        partialize: (state) => ({ lastScope: state.lastScope, entries: state.entries }),
        migrate: migrateWeekCache,
      },
    ),
  )
}

export const useWeekCache = createWeekCache(taroStorage)

/** A list line seen in any saved week: lets the detail page show something before its own answer. */
export function findCachedItem(
  entries: Record<string, CachedWeek>,
  id: string,
): ActivityListItem | undefined {
  for (const entry of Object.values(entries)) {
    const found = entry.list.items.find((item) => item._id === id)
    if (found) return found
  }
  return undefined
}
