import { ERROR_MESSAGES } from '@core/errors'
import { createCallCloud } from './cloud-core'
import { createH5Transport } from './cloud.h5'

type FetchInit = { method: string; headers: Record<string, string>; body: string }

function fakeFetch(answer: () => Promise<unknown>) {
  const calls: Array<{ url: string; init: FetchInit }> = []
  const fetchImpl = async (url: string, init: FetchInit) => {
    calls.push({ url, init })
    return { json: answer }
  }
  return { calls, fetchImpl }
}

const nearbyInput = { latitude: 36.7005, longitude: 119.1012 }

test('POSTs the event and the demo identity to /api/functions/<fn> and answers the function result', async () => {
  const data = { stations: [{ _id: 's1', name: '幸福里站' }], radiusMeters: 1000 }
  const { calls, fetchImpl } = fakeFetch(async () => ({ result: { ok: true, data } }))
  const callCloud = createCallCloud(createH5Transport(fetchImpl, () => 'demo-elder', 'http://127.0.0.1:9'))

  await expect(callCloud('stations', 'nearby', nearbyInput)).resolves.toEqual(data)

  expect(calls).toHaveLength(1)
  expect(calls[0]!.url).toBe('http://127.0.0.1:9/api/functions/stations')
  expect(calls[0]!.init.method).toBe('POST')
  expect(calls[0]!.init.headers['content-type']).toBe('application/json')
  expect(JSON.parse(calls[0]!.init.body)).toEqual({
    data: { action: 'nearby', input: nearbyInput },
    identity: { openid: 'demo-elder' },
  })
})

test('reads the identity at each call, so a switch takes effect at once', async () => {
  let openid = 'demo-resident'
  const { calls, fetchImpl } = fakeFetch(async () => ({ result: { ok: true, data: {} } }))
  const callCloud = createCallCloud(createH5Transport(fetchImpl, () => openid))
  await callCloud('users', 'me', {})
  openid = 'demo-volunteer'
  await callCloud('users', 'me', {})
  expect(calls.map((c) => JSON.parse(c.init.body).identity.openid)).toEqual([
    'demo-resident',
    'demo-volunteer',
  ])
  expect(calls[0]!.url).toBe('/api/functions/users')
})

test("a function's own failure arrives as a CloudCallError with its code, message and fields", async () => {
  const failure = {
    ok: false,
    code: 'INVALID_INPUT',
    message: '填写的内容有误',
    fields: { latitude: '缺少纬度' },
  }
  const { fetchImpl } = fakeFetch(async () => ({ result: failure }))
  const callCloud = createCallCloud(createH5Transport(fetchImpl, () => 'demo-resident'))
  await expect(callCloud('stations', 'nearby', nearbyInput)).rejects.toMatchObject({
    name: 'CloudCallError',
    code: 'INVALID_INPUT',
    message: '填写的内容有误',
    fields: { latitude: '缺少纬度' },
  })
})

test.each([
  [
    'the function crashed (-504002)',
    { error: { errCode: -504002, errMsg: 'functions execute fail' } },
    'INTERNAL',
  ],
  ['the gateway failed (-1)', { error: { errCode: -1, errMsg: 'cloud.callFunction:fail' } }, 'NETWORK'],
  ['an answer that is neither result nor error', { nothing: true }, 'INTERNAL'],
])('%s → %s', async (_what, body, code) => {
  const { fetchImpl } = fakeFetch(async () => body)
  const callCloud = createCallCloud(createH5Transport(fetchImpl, () => 'demo-resident'))
  await expect(callCloud('users', 'me', {})).rejects.toMatchObject({ code })
})

test('a reply that is not JSON is a network failure', async () => {
  const { fetchImpl } = fakeFetch(() => Promise.reject(new SyntaxError('Unexpected token <')))
  const callCloud = createCallCloud(createH5Transport(fetchImpl, () => 'demo-resident'))
  await expect(callCloud('users', 'me', {})).rejects.toMatchObject({
    code: 'NETWORK',
    message: ERROR_MESSAGES.NETWORK,
  })
})

test('no connection at all is a network failure', async () => {
  const transport = createH5Transport(
    () => Promise.reject(new TypeError('Failed to fetch')),
    () => 'demo-resident',
  )
  await expect(createCallCloud(transport)('users', 'me', {})).rejects.toMatchObject({ code: 'NETWORK' })
})
