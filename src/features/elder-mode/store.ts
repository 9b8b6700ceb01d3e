/**
 * Elder mode (长辈模式): on when the reader switched it on, or — until they touch the switch — when WeChat's
 * font size is set larger than standard (platform-facts "Elderly users").
 */
import { create } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { taroStorage } from '@/lib/storage'

export interface ElderModeState {
  /** the reader's own choice; null until they use the switch */
  choice: boolean | null
  /** WeChat's (or the browser's) font size is above standard */
  systemLargeFont: boolean
  setChoice: (enabled: boolean) => void
  setSystemLargeFont: (large: boolean) => void
}

export const selectElderEnabled = (state: ElderModeState): boolean => state.choice ?? state.systemLargeFont

export interface FontSettings {
  /** px; iOS standard 17, Android standard 16 */
  fontSizeSetting?: number
  /** 1 at standard size */
  fontSizeScaleFactor?: number
}

const IOS_STANDARD_FONT_PX = 17

export function isLargeFont({ fontSizeSetting, fontSizeScaleFactor }: FontSettings): boolean {
  if (typeof fontSizeScaleFactor === 'number') return fontSizeScaleFactor > 1
  return typeof fontSizeSetting === 'number' && fontSizeSetting > IOS_STANDARD_FONT_PX
}

export const ELDER_MODE_STORAGE_KEY = 'wmsj.elder-mode'
export const ELDER_MODE_STORE_VERSION = 1

/** Whatever an older or damaged entry holds, keep only a real boolean choice. */
export function migrateElderMode(persisted: unknown): Pick<ElderModeState, 'choice'> {
  const value = typeof persisted === 'object' && persisted !== null ? persisted : {}
  // before versioning the entry was `{ enabled }`
  const choice = 'choice' in value ? value.choice : 'enabled' in value ? value.enabled : null
  return { choice: typeof choice === 'boolean' ? choice : null }
}

export function createElderModeStore(storage: StateStorage) {
  return create<ElderModeState>()(
    persist(
      (set) => ({
        choice: null,
        systemLargeFont: false,
        setChoice: (enabled) => set({ choice: enabled }),
        setSystemLargeFont: (large) => set({ systemLargeFont: large }),
      }),
      {
        name: ELDER_MODE_STORAGE_KEY,
        version: ELDER_MODE_STORE_VERSION,
        storage: createJSONStorage(() => storage),
        // the font setting is read fresh at every launch, never stored
        partialize: (state) => ({ choice: state.choice }),
        migrate: migrateElderMode,
      },
    ),
  )
}

export const useElderMode = createElderModeStore(taroStorage)
