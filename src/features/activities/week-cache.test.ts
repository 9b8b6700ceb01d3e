import type { StateStorage } from 'zustand/middleware'
import type { WeekList } from '@core/contract'
import {
  WEEK_CACHE_MAX_ENTRIES,
  WEEK_CACHE_STORAGE_KEY,
  createWeekCache,
  entryKey,
  findCachedItem,
  migrateWeekCache,
} from './week-cache'

jest.mock('@/lib/storage', () => ({
  taroStorage: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
}))

function memoryStorage(
  initial: Record<string, string> = {},
): StateStorage & { data: Record<string, string> } {
  const data = { ...initial }
  return {
    data,
    getItem: (name) => data[name] ?? null,
    setItem: (name, value) => {
      data[name] = value
    },
    removeItem: (name) => {
      delete data[name]
    },
  }
}

function list(week: string, ids: string[] = []): WeekList {
  return {
    week: { start: week, prev: week, next: week },
    scope: { kind: 'unit', unitId: 'u1', name: '幸福里', level: 'station', phone: '0536-7211001' },
    items: ids.map((_id) => ({
      _id,
      title: _id,
      category: '科普',
      unitId: 'u1',
      unitName: '幸福里',
      place: '活动室',
      start: 0,
      end: 1,
      status: 'published',
      registrationRequired: false,
      capacity: null,
      registeredCount: 0,
      practiceDay: false,
    })),
    truncated: false,
    serverNow: 0,
  }
}

const station = { kind: 'unit', unitId: 'u1' } as const

describe('the saved weekly lists', () => {
  it('keeps a list and the scope across a restart of the app', () => {
    const storage = memoryStorage()
    const first = createWeekCache(storage)
    first.getState().save(station, '2026-11-23', list('2026-11-23', ['a1']), 1000)
    first.getState().setLastScope(station)
    const again = createWeekCache(storage)
    expect(again.getState().lastScope).toEqual(station)
    expect(again.getState().entries[entryKey(station, '2026-11-23')]?.list.items[0]?._id).toBe('a1')
    expect(JSON.parse(storage.data[WEEK_CACHE_STORAGE_KEY]!)).toMatchObject({ version: 1 })
  })

  it('keeps only the newest lists', () => {
    const cache = createWeekCache(memoryStorage())
    for (let i = 0; i < WEEK_CACHE_MAX_ENTRIES + 3; i++) {
      cache.getState().save(station, `2026-12-${String(i + 1).padStart(2, '0')}`, list('x'), i)
    }
    const keys = Object.keys(cache.getState().entries)
    expect(keys).toHaveLength(WEEK_CACHE_MAX_ENTRIES)
    expect(keys).not.toContain(entryKey(station, '2026-12-01'))
    expect(keys).toContain(
      entryKey(station, `2026-12-${String(WEEK_CACHE_MAX_ENTRIES + 3).padStart(2, '0')}`),
    )
  })

  it('drops damaged entries and a bad scope from storage', () => {
    expect(
      migrateWeekCache({
        lastScope: { kind: 'unit' },
        entries: { good: { savedAt: 1, list: list('w', ['x']) }, bad: { savedAt: 'x' }, worse: null },
      }),
    ).toEqual({ lastScope: null, entries: { good: { savedAt: 1, list: list('w', ['x']) } } })
    expect(migrateWeekCache('garbage')).toEqual({ lastScope: null, entries: {} })
  })

  it('finds an activity seen in any saved list', () => {
    const entries = { a: { savedAt: 1, list: list('w', ['x', 'y']) } }
    expect(findCachedItem(entries, 'y')?._id).toBe('y')
    expect(findCachedItem(entries, 'z')).toBeUndefined()
  })
})
