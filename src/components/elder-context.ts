import { createContext, useContext } from 'react'

/**
 * Whether elder mode (长辈模式) is on, for shared components. The app root provides it from the elder-mode
 * feature's store, so shared code never imports a feature.
 */
export interface ElderModeValue {
  enabled: boolean
  setEnabled: (enabled: boolean) => void
}

export const ElderModeContext = createContext<ElderModeValue>({ enabled: false, setEnabled: () => undefined })

export function useElderModeContext(): ElderModeValue {
  return useContext(ElderModeContext)
}
