import { configuredMiniprogramState, wxOpenApi } from './openapi'
import type { Cloud } from './types'

function fakeCloud() {
  const send = jest.fn(async (_args: Record<string, unknown>) => ({ errCode: 0 }))
  const cloud = { openapi: { subscribeMessage: { send } } } as unknown as Cloud
  return { cloud, send }
}
const msg = {
  touser: 'o1',
  templateId: 't1',
  page: 'pages/index/index',
  data: { thing1: { value: '文明实践日' } },
}

test('MINIPROGRAM_STATE sets which version a tapped notice opens', async () => {
  const { cloud, send } = fakeCloud()
  await wxOpenApi(cloud, { MINIPROGRAM_STATE: 'trial' }).sendSubscribeMessage(msg)
  expect(send).toHaveBeenCalledWith({ ...msg, miniprogramState: 'trial', lang: 'zh_CN' })
})

test("unset, WeChat's default (the published version) applies: no miniprogramState is sent", async () => {
  const { cloud, send } = fakeCloud()
  await wxOpenApi(cloud, {}).sendSubscribeMessage(msg)
  expect(send.mock.calls[0]![0]).not.toHaveProperty('miniprogramState')
})

test("a message's own miniprogramState wins over the configuration", async () => {
  const { cloud, send } = fakeCloud()
  await wxOpenApi(cloud, { MINIPROGRAM_STATE: 'trial' }).sendSubscribeMessage({
    ...msg,
    miniprogramState: 'developer',
  })
  expect(send.mock.calls[0]![0]).toMatchObject({ miniprogramState: 'developer' })
})

test('a wrong value is refused with a message naming the variable and the allowed values', () => {
  expect(() => configuredMiniprogramState({ MINIPROGRAM_STATE: 'production' })).toThrow(
    /MINIPROGRAM_STATE 应为 developer（开发版）、trial（体验版）或 formal（正式版），现为「production」/,
  )
  expect(() => wxOpenApi(fakeCloud().cloud, { MINIPROGRAM_STATE: 'beta' })).toThrow(/MINIPROGRAM_STATE/)
  expect(configuredMiniprogramState({ MINIPROGRAM_STATE: ' formal ' })).toBe('formal')
})
