import { useCallback, useRef, useState } from 'react'
import { toCloudError, type CloudCallError } from '@/lib/cloud'

export type ActionState<T> =
  | { status: 'idle' | 'running'; data?: undefined; error?: undefined }
  | { status: 'done'; data: T; error?: undefined }
  | { status: 'failed'; data?: undefined; error: CloudCallError }

/** One tap's call: running while it runs (a second tap waits for it), then its answer or its error. */
export function useAction<A extends unknown[], T>(run: (...args: A) => Promise<T>) {
  const [state, setState] = useState<ActionState<T>>({ status: 'idle' })
  const busy = useRef(false)
  const runRef = useRef(run)
  runRef.current = run
  const start = useCallback(async (...args: A): Promise<T | undefined> => {
    if (busy.current) return undefined
    busy.current = true
    setState({ status: 'running' })
    try {
      const data = await runRef.current(...args)
      setState({ status: 'done', data })
      return data
    } catch (error) {
      setState({ status: 'failed', error: toCloudError(error) })
      return undefined
    } finally {
      busy.current = false
    }
  }, [])
  return [state, start] as const
}
