/**
 * useQuery and useMutation rendered for real (react-dom in a jsdom window), with jest's fake timers for
 * polling and a fake useDidShow for the page being shown again.
 */
import { JSDOM } from 'jsdom'
import { act, type ReactNode } from 'react'
// @ts-expect-error -- the project has no @types/react-dom; the two calls used here are typed below
import * as reactDomClient from 'react-dom/client'
import { CloudCallError } from './cloud-core'
import { useMutation } from './use-mutation'
import { useQuery, type Query, type QueryCache, type QueryOptions } from './use-query'

interface Root {
  render(node: ReactNode): void
  unmount(): void
}
const createRoot = (reactDomClient as { createRoot(container: Element): Root }).createRoot

// react-dom renders into this window (it reads window and document when it renders)
const dom = new JSDOM('<!doctype html><div id="root"></div>')
Object.assign(globalThis, {
  window: dom.window,
  document: dom.window.document,
  IS_REACT_ACT_ENVIRONMENT: true,
})

const shows: Array<() => void> = []
jest.mock('@tarojs/taro', () => ({
  useDidShow: (callback: () => void) => {
    shows.push(callback)
  },
}))

interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
  reject: (error: unknown) => void
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A loader whose answers the test gives one by one. */
function scripted<T>() {
  const pending: Array<Deferred<T>> = []
  const load = jest.fn(() => {
    const next = deferred<T>()
    pending.push(next)
    return next.promise
  })
  return {
    load,
    answer: async (value: T) => act(async () => pending.shift()!.resolve(value)),
    fail: async (error: unknown) => act(async () => pending.shift()!.reject(error)),
  }
}

let root: Root
let latest: Query<string>
function Probe(props: {
  queryKey: string | null
  load: () => Promise<string>
  options?: QueryOptions<string>
}) {
  latest = useQuery(props.queryKey, props.load, props.options)
  return null
}
function render(props: Parameters<typeof Probe>[0]) {
  act(() => root.render(<Probe {...props} />))
}

beforeEach(() => {
  shows.length = 0
  root = createRoot(document.getElementById('root')!)
})
afterEach(() => {
  act(() => root.unmount())
  jest.useRealTimers()
})

describe('useQuery', () => {
  test('loading, then the answer; null key waits without loading', async () => {
    const { load, answer } = scripted<string>()
    render({ queryKey: null, load })
    expect(latest.status).toBe('idle')
    expect(load).not.toHaveBeenCalled()
    render({ queryKey: 'a', load })
    expect(latest).toMatchObject({ status: 'loading', data: undefined, refreshing: true })
    await answer('first')
    expect(latest).toMatchObject({ status: 'success', data: 'first', refreshing: false })
  })

  test('a failure is a CloudCallError; retry shows loading and asks again', async () => {
    const { load, answer, fail } = scripted<string>()
    render({ queryKey: 'a', load })
    await fail(new CloudCallError('NETWORK', '网络不通'))
    expect(latest.status).toBe('error')
    expect(latest.error).toMatchObject({ code: 'NETWORK', message: '网络不通' })
    act(() => latest.retry())
    expect(latest.status).toBe('loading')
    await answer('second')
    expect(latest).toMatchObject({ status: 'success', data: 'second' })
    expect(load).toHaveBeenCalledTimes(2)
  })

  test('a plain query forgets its answer on retry; anything thrown becomes INTERNAL', async () => {
    const { load, answer, fail } = scripted<string>()
    render({ queryKey: 'a', load })
    await answer('first')
    act(() => latest.retry())
    expect(latest).toMatchObject({ status: 'loading', data: undefined })
    await fail(new TypeError('boom'))
    expect(latest).toMatchObject({ status: 'error', data: undefined })
    expect(latest.error?.code).toBe('INTERNAL')
  })

  test('a newer key wins over an answer still in flight, and never shows the old key’s answer', async () => {
    const { load, answer } = scripted<string>()
    render({ queryKey: 'a', load })
    render({ queryKey: 'b', load })
    expect(latest.status).toBe('loading')
    await answer('answer for a (late)')
    expect(latest.status).toBe('loading')
    await answer('answer for b')
    expect(latest).toMatchObject({ status: 'success', data: 'answer for b' })
  })

  test('a retry wins over the answer it replaced, when that answer comes late', async () => {
    const { load, answer } = scripted<string>()
    render({ queryKey: 'a', load })
    act(() => latest.retry())
    await answer('stale')
    expect(latest).toMatchObject({ status: 'loading', data: undefined })
    await answer('fresh')
    expect(latest).toMatchObject({ status: 'success', data: 'fresh' })
  })

  test('cache: the stored answer shows at once, the fresh one replaces it and is written back', async () => {
    const store = new Map<string, { data: string; savedAt: number }>([['k', { data: 'saved', savedAt: 5 }]])
    const cache: QueryCache<string> = {
      read: (key) => store.get(key),
      write: (key, data, savedAt) => store.set(key, { data, savedAt }),
    }
    const { load, answer, fail } = scripted<string>()
    render({ queryKey: 'k', load, options: { cache } })
    expect(latest).toMatchObject({ status: 'loading', data: 'saved', savedAt: 5, refreshing: true })
    await answer('fresh')
    expect(latest).toMatchObject({ status: 'success', data: 'fresh', refreshing: false })
    expect(store.get('k')?.data).toBe('fresh')
    expect(latest.savedAt).toBe(store.get('k')?.savedAt)
    // offline: the retry fails, the saved answer stays on screen beside the error
    act(() => latest.retry())
    expect(latest).toMatchObject({ status: 'loading', data: 'fresh' })
    await fail(new CloudCallError('NETWORK', '网络不通'))
    expect(latest).toMatchObject({ status: 'error', data: 'fresh' })
  })

  test('poll: asks again every N ms in the background, keeping the answer and the error on screen', async () => {
    jest.useFakeTimers()
    const { load, answer, fail } = scripted<string>()
    render({ queryKey: 'live', load, options: { poll: 15_000 } })
    await answer('one')
    expect(load).toHaveBeenCalledTimes(1)
    act(() => jest.advanceTimersByTime(14_999))
    expect(load).toHaveBeenCalledTimes(1)
    act(() => jest.advanceTimersByTime(1))
    expect(load).toHaveBeenCalledTimes(2)
    expect(latest).toMatchObject({ status: 'success', data: 'one', refreshing: true })
    await fail(new CloudCallError('NETWORK', '网络不通'))
    expect(latest).toMatchObject({ status: 'error', data: 'one' })
    act(() => jest.advanceTimersByTime(15_000))
    expect(latest).toMatchObject({ status: 'error', data: 'one', refreshing: true })
    await answer('two')
    expect(latest).toMatchObject({ status: 'success', data: 'two' })
  })

  test('poll(data): the next ask follows the answer; after a failure, pollAfterError', async () => {
    jest.useFakeTimers()
    const { load, answer, fail } = scripted<string>()
    const options: QueryOptions<string> = {
      poll: (data) => (data === 'soon' ? 1000 : 30_000),
      pollAfterError: 3000,
    }
    render({ queryKey: 'code', load, options })
    await answer('soon')
    act(() => jest.advanceTimersByTime(1000))
    expect(load).toHaveBeenCalledTimes(2)
    await fail(new CloudCallError('NETWORK', '网络不通'))
    act(() => jest.advanceTimersByTime(2999))
    expect(load).toHaveBeenCalledTimes(2)
    act(() => jest.advanceTimersByTime(1))
    expect(load).toHaveBeenCalledTimes(3)
    await answer('later')
    act(() => jest.advanceTimersByTime(29_999))
    expect(load).toHaveBeenCalledTimes(3)
  })

  test('polling stops when the component goes away', async () => {
    jest.useFakeTimers()
    const { load, answer } = scripted<string>()
    render({ queryKey: 'live', load, options: { poll: 1000 } })
    await answer('one')
    act(() => root.unmount())
    root = createRoot(document.getElementById('root')!)
    act(() => jest.advanceTimersByTime(5000))
    expect(load).toHaveBeenCalledTimes(1)
  })

  test('refreshOnShow: shown again asks again (not the first show); without it, nothing', async () => {
    const { load, answer } = scripted<string>()
    render({ queryKey: 'mine', load, options: { refreshOnShow: true } })
    await answer('one')
    act(() => shows.at(-1)!()) // the first show: already loading
    expect(load).toHaveBeenCalledTimes(1)
    act(() => shows.at(-1)!())
    expect(load).toHaveBeenCalledTimes(2)
    await answer('two')
    expect(latest.data).toBe('two')

    const other = scripted<string>()
    render({ queryKey: 'plain', load: other.load })
    await other.answer('x')
    act(() => shows.at(-1)!())
    act(() => shows.at(-1)!())
    expect(other.load).toHaveBeenCalledTimes(1)
  })
})

describe('useMutation', () => {
  let mutation: readonly [
    { status: string; data?: unknown; error?: CloudCallError },
    (id: string) => Promise<unknown>,
  ]
  function Tap({ fn }: { fn: (id: string) => Promise<string> }) {
    mutation = useMutation(fn)
    return null
  }

  test('pending, then success with the answer; a second tap while pending is ignored', async () => {
    const gate = deferred<string>()
    const fn = jest.fn((_id: string) => gate.promise)
    act(() => root.render(<Tap fn={fn} />))
    expect(mutation[0].status).toBe('idle')
    let first!: Promise<unknown>
    let second!: Promise<unknown>
    act(() => {
      first = mutation[1]('a')
    })
    expect(mutation[0].status).toBe('pending')
    act(() => {
      second = mutation[1]('a')
    })
    await expect(second).resolves.toBeUndefined()
    await act(async () => gate.resolve('registered'))
    await expect(first).resolves.toBe('registered')
    expect(mutation[0]).toMatchObject({ status: 'success', data: 'registered' })
    expect(fn).toHaveBeenCalledTimes(1)
  })

  test('a failure is the error state (never thrown to the tap handler)', async () => {
    const fn = jest.fn(async (_id: string): Promise<string> => {
      throw new CloudCallError('FULL', '名额已满')
    })
    act(() => root.render(<Tap fn={fn} />))
    let result: unknown = 'not run'
    await act(async () => {
      result = await mutation[1]('a')
    })
    expect(result).toBeUndefined()
    expect(mutation[0].status).toBe('error')
    expect(mutation[0].error).toMatchObject({ code: 'FULL', message: '名额已满' })
  })
})
