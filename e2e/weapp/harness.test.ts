/** The stub `wx` keeps WeChat's rules, so a test on the weapp build fails where a phone would refuse. */
import { WxStub, type WxHost, type WxScenario } from './support/wx'

const SCENARIO: WxScenario = {
  fontSizeSetting: 17,
  location: { latitude: 36.7, longitude: 119.1 },
  privacy: 'ask',
  subscribeAnswer: 'accept',
}

function stub(scenario: Partial<WxScenario> = {}) {
  let tapping = false
  const host: WxHost = {
    callFunction: async () => ({ ok: true, data: null }),
    navigate: async () => undefined,
    navigateBack: async () => undefined,
    insideTap: () => tapping,
    toApp: (value) => value,
  }
  const wx = new WxStub({ ...SCENARIO, ...scenario }, host)
  const api = wx.api as Record<string, (options: Record<string, unknown>) => unknown>
  /** calls an async API, returning how it settled */
  const call = (name: string, options: Record<string, unknown> = {}) =>
    new Promise<{ ok: boolean; res: Record<string, unknown> }>((resolve) => {
      api[name]!({
        ...options,
        success: (res: Record<string, unknown>) => resolve({ ok: true, res }),
        fail: (res: Record<string, unknown>) => resolve({ ok: false, res }),
      })
    })
  const inTap = <T>(fn: () => T): T => {
    tapping = true
    try {
      return fn()
    } finally {
      tapping = false
    }
  }
  return { wx, api, call, inTap }
}

test('requestSubscribeMessage is refused outside a tap and answered inside one', async () => {
  const { call, inTap } = stub()
  const outside = await call('requestSubscribeMessage', { tmplIds: ['t1'] })
  expect(outside).toMatchObject({ ok: false, res: { errMsg: expect.stringContaining('TAP gesture') } })
  const inside = await inTap(() => call('requestSubscribeMessage', { tmplIds: ['t1'] }))
  expect(inside).toEqual({ ok: true, res: { errMsg: 'requestSubscribeMessage:ok', t1: 'accept' } })
})

test('a privacy API waits for consent; agree resumes it only with the id of a tapped agree button', async () => {
  const { wx, api, call } = stub()
  const asks: ((option: { event: string; buttonId?: string }) => void)[] = []
  ;(api.onNeedPrivacyAuthorization as unknown as (l: (r: (typeof asks)[number]) => void) => void)((resolve) =>
    asks.push(resolve),
  )
  const first = call('getLocation', { type: 'gcj02' })
  await Promise.resolve()
  expect(wx.heldCalls()).toEqual(['getLocation'])
  asks[0]!({ event: 'agree', buttonId: 'privacy-agree' })
  expect(await first).toMatchObject({ ok: false, res: { errno: 104 } })

  const second = call('getLocation', { type: 'gcj02' })
  await Promise.resolve()
  wx.agreeButtonTapped('privacy-agree')
  asks[1]!({ event: 'agree', buttonId: 'privacy-agree' })
  expect(await second).toMatchObject({ ok: true, res: { latitude: 36.7, longitude: 119.1 } })
  expect(wx.heldCalls()).toEqual([])
})

test('without a privacy listener a privacy API fails at once; refused location says auth deny', async () => {
  expect(await stub().call('getLocation')).toMatchObject({ ok: false, res: { errno: 104 } })
  expect(await stub({ privacy: 'agreed', location: 'denied' }).call('getLocation')).toEqual({
    ok: false,
    res: { errMsg: 'getLocation:fail auth deny' },
  })
})
