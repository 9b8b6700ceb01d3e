import { useEffect, useRef } from 'react'
import type { RotatingCode } from '@core/contract'
import { api } from '@/lib/api'
import type { CloudCallError } from '@/lib/cloud'
import { useQuery } from '@/lib/use-query'

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
 * retried every 3 s while the network is down. A code is only ever drawn by the server. Changing the
 * options asks for a new code at once, keeping the current one on screen until it arrives.
 */
export function useRotatingCode(activityId: string, allowWithoutLocation: boolean, linkBase?: string) {
  const query = useQuery(
    `signin:rotatingCode:${activityId}`,
    () => api.signin.rotatingCode({ activityId, allowWithoutLocation, linkBase }),
    {
      poll: (code) => Math.max(1000, code.refreshAt - code.serverNow + AFTER_STEP_MS),
      pollAfterError: RETRY_MS,
    },
  )
  const { retry } = query
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    retry()
  }, [allowWithoutLocation, linkBase, retry])

  const state: RotatingCodeState = {
    code: query.data ?? null,
    receivedAt: query.savedAt ?? 0,
    error: query.error ?? null,
  }
  return state
}
