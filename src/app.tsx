import { useMemo, type PropsWithChildren } from 'react'
import { ElderModeContext } from '@/components/elder-context'
import { followSystemFont } from '@/features/elder-mode/follow-system-font'
import { selectElderEnabled, useElderMode } from '@/features/elder-mode/store'
import { watchPrivacyAuthorization } from '@/features/privacy/store'
import { initCloud } from '@/lib/cloud'
import { readClientEnv } from '@/lib/env'
import './app.css'

// Before the first page renders: the cloud (weapp) or the demo identity (H5), the font setting, and the
// privacy listener, which must be in place before any privacy API is called. A bad build variable stops
// here with a message naming it (src/lib/env.ts).
const env = readClientEnv()
const start = initCloud()
followSystemFont()
if (start.elderPreset) useElderMode.getState().setChoice(true)
if (env.platform === 'weapp') watchPrivacyAuthorization()

function App({ children }: PropsWithChildren) {
  const enabled = useElderMode(selectElderEnabled)
  const setChoice = useElderMode((state) => state.setChoice)
  const value = useMemo(() => ({ enabled, setEnabled: setChoice }), [enabled, setChoice])
  // children are the pages
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>
}

export default App
