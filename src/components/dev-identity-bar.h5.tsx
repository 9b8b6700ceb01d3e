import type { ChangeEvent } from 'react'
import {
  DEMO_IDENTITIES,
  currentDevOpenid,
  isDemoOpenid,
  isElderIdentity,
  switchDevIdentity,
} from '@/lib/dev-identity'
import { useElderModeContext } from './elder-context'
import './dev-identity-bar.css'

/** H5 demo only: choose who the local cloud thinks you are. 长辈居民 also turns elder mode on. */
export function DevIdentityBar() {
  const { setEnabled } = useElderModeContext()
  const current = currentDevOpenid()

  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value
    if (!isDemoOpenid(next) || next === current) return
    if (isElderIdentity(next)) setEnabled(true)
    else if (isElderIdentity(current)) setEnabled(false)
    switchDevIdentity(next)
  }

  return (
    <div className="dev-bar">
      <label className="dev-bar__label" htmlFor="dev-identity">
        演示身份（仅本地）
      </label>
      <select id="dev-identity" className="dev-bar__select" value={current} onChange={choose}>
        {DEMO_IDENTITIES.map((identity) => (
          <option key={identity.openid} value={identity.openid}>
            {identity.label}
          </option>
        ))}
      </select>
    </div>
  )
}
