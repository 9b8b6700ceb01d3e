import { useCallback, useEffect, useRef, useState } from 'react'
import { toCloudError, type CloudCallError } from './cloud'

export type QueryState<T> =
  | { status: 'idle' | 'loading'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: CloudCallError }

export type Query<T> = QueryState<T> & { retry: () => void }

/**
 * Loads once per `key` (null: wait). A later key or a retry wins over an answer still in flight, so a slow
 * first answer never overwrites a newer one.
 */
export function useQuery<T>(key: string | null, load: () => Promise<T>): Query<T> {
  const [state, setState] = useState<QueryState<T>>({ status: key === null ? 'idle' : 'loading' })
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' })
      return
    }
    let current = true
    setState({ status: 'loading' })
    loadRef.current().then(
      (data) => current && setState({ status: 'success', data }),
      (error: unknown) => current && setState({ status: 'error', error: toCloudError(error) }),
    )
    return () => {
      current = false
    }
  }, [key, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, retry }
}
