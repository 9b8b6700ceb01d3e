import type { CallCloud } from './cloud-core'
import { CloudCallError } from './cloud-core'
import { createApi } from './api'

function recordingCall(answer: (fn: string, action: string, input: unknown) => unknown) {
  const calls: Array<[string, string, unknown]> = []
  const call = (async (fn: string, action: string, input: unknown) => {
    calls.push([fn, action, input])
    return answer(fn, action, input)
  }) as unknown as CallCloud
  return { calls, call }
}

describe('api', () => {
  test('api.<function>.<action>(input) calls that function with that action and input', async () => {
    const { calls, call } = recordingCall(() => ({ status: 'registered' }))
    const api = createApi(call)
    await expect(api.activities.register({ id: 'a1', accepted: ['t1'] })).resolves.toEqual({
      status: 'registered',
    })
    await api.stations.nearby({ latitude: 30.1, longitude: 120.2 })
    expect(calls).toEqual([
      ['activities', 'register', { id: 'a1', accepted: ['t1'] }],
      ['stations', 'nearby', { latitude: 30.1, longitude: 120.2 }],
    ])
  })

  test('an action whose input may be empty is called with {} when given nothing', async () => {
    const { calls, call } = recordingCall(() => ({}))
    const api = createApi(call)
    await api.users.me()
    expect(calls).toEqual([['users', 'me', {}]])
  })

  test('a failure reaches the caller as the CloudCallError callCloud threw', async () => {
    const refused = new CloudCallError('FORBIDDEN', '没有权限')
    const api = createApi((async () => {
      throw refused
    }) as unknown as CallCloud)
    await expect(api.activities.cancel({ id: 'a1', reason: '下雨' })).rejects.toBe(refused)
  })

  test('the same action is the same function each time (stable in effect dependencies)', () => {
    const { call } = recordingCall(() => null)
    const api = createApi(call)
    expect(api.activities.register).toBe(api.activities.register)
    expect(api.inbox).toBe(api.inbox)
    expect(api.inbox.list).not.toBe(api.inbox.markRead)
  })

  test('the client is not a promise: awaiting it or a function client does not call anything', async () => {
    const { calls, call } = recordingCall(() => null)
    const api = createApi(call)
    expect((api as unknown as { then?: unknown }).then).toBeUndefined()
    expect((api.signin as unknown as { then?: unknown }).then).toBeUndefined()
    await Promise.resolve(api.signin)
    expect(calls).toEqual([])
  })
})
