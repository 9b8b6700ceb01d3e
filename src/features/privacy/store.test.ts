import { AGREE_BUTTON_ID, usePrivacy, watchPrivacyAuthorization } from './store'

const onNeedPrivacyAuthorization = jest.fn()
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { onNeedPrivacyAuthorization: (listener: unknown) => onNeedPrivacyAuthorization(listener) },
}))

afterEach(() => usePrivacy.setState({ waiting: [] }))

test("WeChat's request is held, the prompt is shown, and its showing is reported", () => {
  watchPrivacyAuthorization()
  const listener = onNeedPrivacyAuthorization.mock.calls[0]![0] as (resolve: jest.Mock) => void
  const resolve = jest.fn()
  listener(resolve)
  expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
  expect(usePrivacy.getState().waiting).toHaveLength(1)
})

test('agreeing releases every held call with the agree button id', () => {
  const first = jest.fn()
  const second = jest.fn()
  usePrivacy.getState().ask(first)
  usePrivacy.getState().ask(second)
  usePrivacy.getState().answer(true)
  for (const resolve of [first, second]) {
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID })
  }
  expect(usePrivacy.getState().waiting).toEqual([])
})

test('refusing fails the held call and hides the prompt', () => {
  const resolve = jest.fn()
  usePrivacy.getState().ask(resolve)
  usePrivacy.getState().answer(false)
  expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
  expect(usePrivacy.getState().waiting).toEqual([])
})
