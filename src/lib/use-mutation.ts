/**
 * A tap's call (register, sign in, save): `const [save, runSave] = useMutation((input) => api.x.y(input))`.
 * `pending` while it runs (a second tap while it runs is ignored and resolves undefined), then `success`
 * with its answer or `error` with a CloudCallError for the one ErrorNotice. `run` never throws.
 */
import { useCallback, useRef, useState } from 'react'
import { toCloudError, type CloudCallError } from './cloud'

export type MutationState<T> =
  | { status: 'idle' | 'pending'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: CloudCallError }

export function useMutation<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  const [state, setState] = useState<MutationState<T>>({ status: 'idle' })
  const busy = useRef(false)
  const fnRef = useRef(fn)
  fnRef.current = fn
  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    if (busy.current) return undefined
    busy.current = true
    setState({ status: 'pending' })
    try {
      const data = await fnRef.current(...args)
      setState({ status: 'success', data })
      return data
    } catch (error) {
      setState({ status: 'error', error: toCloudError(error) })
      return undefined
    } finally {
      busy.current = false
    }
  }, [])
  return [state, run] as const
}
