import type { StateStorage } from 'zustand/middleware'
import {
  ELDER_MODE_STORAGE_KEY,
  ELDER_MODE_STORE_VERSION,
  createElderModeStore,
  isLargeFont,
  migrateElderMode,
  selectElderEnabled,
} from './store'

// store.ts builds the app's own store over Taro storage at import; these tests make their own stores.
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

describe('elder mode', () => {
  test('is off by default', () => {
    const store = createElderModeStore(memoryStorage())
    expect(selectElderEnabled(store.getState())).toBe(false)
  })

  test("follows WeChat's large font until the reader chooses", () => {
    const store = createElderModeStore(memoryStorage())
    store.getState().setSystemLargeFont(true)
    expect(selectElderEnabled(store.getState())).toBe(true)
    store.getState().setChoice(false)
    expect(selectElderEnabled(store.getState())).toBe(false)
  })

  test('a choice to turn it on holds with a standard font', () => {
    const store = createElderModeStore(memoryStorage())
    store.getState().setChoice(true)
    store.getState().setSystemLargeFont(false)
    expect(selectElderEnabled(store.getState())).toBe(true)
  })

  test('keeps the choice (not the font reading) across launches, under a versioned entry', () => {
    const storage = memoryStorage()
    const first = createElderModeStore(storage)
    first.getState().setSystemLargeFont(true)
    first.getState().setChoice(true)
    expect(JSON.parse(storage.data[ELDER_MODE_STORAGE_KEY]!)).toEqual({
      state: { choice: true },
      version: ELDER_MODE_STORE_VERSION,
    })
    const next = createElderModeStore(storage)
    expect(next.getState()).toMatchObject({ choice: true, systemLargeFont: false })
  })

  test('migrates an unversioned { enabled } entry', () => {
    const storage = memoryStorage({
      [ELDER_MODE_STORAGE_KEY]: JSON.stringify({ state: { enabled: true }, version: 0 }),
    })
    expect(createElderModeStore(storage).getState().choice).toBe(true)
  })

  test.each([[null], ['yes'], [{ choice: 'on' }], [{ enabled: 1 }]])(
    'drops a damaged entry (%p)',
    (persisted) => {
      expect(migrateElderMode(persisted)).toEqual({ choice: null })
    },
  )
})

describe('isLargeFont', () => {
  test.each([
    [{ fontSizeSetting: 17 }, false],
    [{ fontSizeSetting: 16 }, false],
    [{ fontSizeSetting: 20 }, true],
    [{ fontSizeSetting: 16, fontSizeScaleFactor: 1.15 }, true],
    [{ fontSizeSetting: 20, fontSizeScaleFactor: 1 }, false],
    [{}, false],
  ])('%p → %p', (settings, large) => {
    expect(isLargeFont(settings)).toBe(large)
  })
})
