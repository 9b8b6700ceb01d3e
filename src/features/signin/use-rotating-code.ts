import { useEffect, useRef, useState } from 'react'
import type { RotatingCode } from '@core/contract'
import { toCloudError, type CloudCallError } from '@/lib/cloud'
import { getRotatingCode } from './api/get-rotating-code'

export interface RotatingCodeState {
  code: RotatingCode | null
  /** Date.now() when the code arrived: the countdown runs on the server's clock from there */
  receivedAt: number
  error: CloudCallError | null
}

const RETRY_MS = 3000
/** Ask a little after the server's step changes, so the new code is never the old one. */
const AFTER_STEP_MS = 300

/**
 * The manager's rotating code: fetched again each time the server says the code changes (every 30 s),
 * retried every 3 s while the network is down. A code is only ever drawn by the server.
 */
export function useRotatingCode(activityId: string, allowWithoutLocation: boolean, linkBase?: string) {
  const [state, setState] = useState<RotatingCodeState>({ code: null, receivedAt: 0, error: null })
  const timer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => {
    let alive = true
    const load = () => {
      getRotatingCode({ activityId, allowWithoutLocation, linkBase }).then(
        (code) => {
          if (!alive) return
          setState({ code, receivedAt: Date.now(), error: null })
          timer.current = setTimeout(load, Math.max(1000, code.refreshAt - code.serverNow + AFTER_STEP_MS))
        },
        (error: unknown) => {
          if (!alive) return
          setState((s) => ({ ...s, error: toCloudError(error) }))
          timer.current = setTimeout(load, RETRY_MS)
        },
      )
    }
    load()
    return () => {
      alive = false
      clearTimeout(timer.current)
    }
  }, [activityId, allowWithoutLocation, linkBase])

  return state
}
