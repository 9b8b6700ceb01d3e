/**
 * The one way pages load data: `useQuery(key, () => api.x.y(input), options)`.
 *
 * - plain: loads once per key (null: wait); `retry()` loads again, showing 正在加载.
 * - `cache`: a stored answer shows at once (`data`, `savedAt`) while the fresh one loads; each fresh answer
 *   is written back (the weekly list on a weak network).
 * - `poll`: asks again in the background, every N ms or after `poll(data)` ms (the rotating code follows the
 *   server's step), and after a failure every `pollAfterError` ms; the last good answer stays on screen.
 * - `refreshOnShow`: asks again when the page is shown again (back from a detail page), not on first show.
 *
 * With `cache` or `poll` (or `keepData`) the last good answer is kept through a retry or a failure, so the
 * page never flickers to 正在加载; otherwise `data` belongs to the latest answer only. A later key or a retry
 * always wins over an answer still in flight. Mutations (a tap's call) use `useMutation` next door.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { toCloudError, type CloudCallError } from './cloud'
import { useRefreshOnShow } from './use-refresh-on-show'

export interface Saved<T> {
  data: T
  /** when it was fetched (phone clock, ms) */
  savedAt: number
}

/** Where a query keeps its answers between visits (e.g. a zustand store persisted on the phone). */
export interface QueryCache<T> {
  read(key: string): Saved<T> | undefined
  write(key: string, data: T, savedAt: number): void
}

export interface QueryOptions<T> {
  /** ask again in the background: every N ms, or after the ms the latest answer asks for */
  poll?: number | ((data: T) => number)
  /** ms before asking again after a failed load; defaults to `poll` when that is a number */
  pollAfterError?: number
  /** show the stored answer at once, then refresh */
  cache?: QueryCache<T>
  /** refresh when the page is shown again */
  refreshOnShow?: boolean
  /** keep the last good answer through retries and failures (default: on with `cache` or `poll`) */
  keepData?: boolean
}

export type QueryState<T> =
  | { status: 'idle' | 'loading'; data?: T; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: T; error: CloudCallError }

export type Query<T> = QueryState<T> & {
  /** when the shown `data` was fetched (phone clock, ms) */
  savedAt?: number
  /** a load is in flight (the first one, a retry or a background refresh) */
  refreshing: boolean
  /** ask again now */
  retry: () => void
}

type Inner<T> = QueryState<T> & { savedAt?: number; refreshing: boolean; key: string | null }

function start<T>(key: string | null, cache: QueryCache<T> | undefined): Inner<T> {
  if (key === null) return { status: 'idle', refreshing: false, key }
  const saved = cache?.read(key)
  return { status: 'loading', data: saved?.data, savedAt: saved?.savedAt, refreshing: true, key }
}

export function useQuery<T>(
  key: string | null,
  load: () => Promise<T>,
  options: QueryOptions<T> = {},
): Query<T> {
  const [state, setState] = useState<Inner<T>>(() => start(key, options.cache))
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const optionsRef = useRef(options)
  optionsRef.current = options

  useEffect(() => {
    if (key === null) {
      setState(start(null, undefined))
      return
    }
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const keep = () => {
      const { keepData, cache, poll } = optionsRef.current
      return keepData ?? (cache !== undefined || poll !== undefined)
    }
    const again = (ms: number | undefined) => {
      if (ms !== undefined) timer = setTimeout(() => run(true), ms)
    }
    const run = (background: boolean) => {
      setState((s) => {
        if (s.key !== key) return start(key, optionsRef.current.cache)
        if (background) return { ...s, refreshing: true }
        return keep()
          ? { status: 'loading', data: s.data, savedAt: s.savedAt, refreshing: true, key }
          : { status: 'loading', refreshing: true, key }
      })
      loadRef.current().then(
        (data) => {
          if (!alive) return
          const savedAt = Date.now()
          const { cache, poll } = optionsRef.current
          cache?.write(key, data, savedAt)
          setState({ status: 'success', data, savedAt, refreshing: false, key })
          again(typeof poll === 'function' ? poll(data) : poll)
        },
        (error: unknown) => {
          if (!alive) return
          const failed = toCloudError(error)
          setState((s) =>
            keep()
              ? { status: 'error', error: failed, data: s.data, savedAt: s.savedAt, refreshing: false, key }
              : { status: 'error', error: failed, refreshing: false, key },
          )
          const { poll, pollAfterError } = optionsRef.current
          again(pollAfterError ?? (typeof poll === 'number' ? poll : undefined))
        },
      )
    }
    run(false)
    return () => {
      alive = false
      clearTimeout(timer)
    }
  }, [key, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  useRefreshOnShow(
    useCallback(() => {
      if (optionsRef.current.refreshOnShow) retry()
    }, [retry]),
  )

  // Before the effect has run for a new key, show that key's start (never the previous key's answer).
  const shown: Inner<T> = state.key === key ? state : start(key, options.cache)
  const { status, data, error, savedAt, refreshing } = shown
  return { status, data, error, savedAt, refreshing, retry } as Query<T>
}
