import { AGREE_BUTTON_ID, usePrivacy, watchPrivacyAuthorization } from './store'
import { consentText, PRIVACY_USES, privacyUseOf } from './uses'

const onNeedPrivacyAuthorization = jest.fn()
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { onNeedPrivacyAuthorization: (listener: unknown) => onNeedPrivacyAuthorization(listener) },
}))

let unmount: () => void
beforeEach(() => {
  unmount = usePrivacy.getState().mount()
})
afterEach(() => {
  unmount()
  usePrivacy.setState({ waiting: [], referrer: undefined })
})

type Listener = (resolve: jest.Mock, eventInfo?: { referrer: string }) => void

test("WeChat's request is held, the prompt is shown, and its showing is reported", () => {
  watchPrivacyAuthorization()
  const listener = onNeedPrivacyAuthorization.mock.calls[0]![0] as Listener
  const resolve = jest.fn()
  listener(resolve, { referrer: 'chooseMedia' })
  expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
  expect(usePrivacy.getState().waiting).toHaveLength(1)
  expect(usePrivacy.getState().referrer).toBe('chooseMedia')
})

test('agreeing releases every held call with the agree button id', () => {
  const first = jest.fn()
  const second = jest.fn()
  usePrivacy.getState().ask(first, 'getLocation')
  usePrivacy.getState().ask(second, 'chooseMedia')
  expect(usePrivacy.getState().referrer).toBe('getLocation')
  usePrivacy.getState().answer(true)
  for (const resolve of [first, second]) {
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID })
  }
  expect(usePrivacy.getState().waiting).toEqual([])
  expect(usePrivacy.getState().referrer).toBeUndefined()
})

test('refusing fails the held call and hides the prompt', () => {
  const resolve = jest.fn()
  usePrivacy.getState().ask(resolve)
  usePrivacy.getState().answer(false)
  expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
  expect(usePrivacy.getState().waiting).toEqual([])
})

test('with no consent card on screen the call is refused at once instead of hanging', () => {
  unmount()
  unmount = () => undefined
  const resolve = jest.fn()
  usePrivacy.getState().ask(resolve, 'saveImageToPhotosAlbum')
  expect(resolve).toHaveBeenCalledTimes(1)
  expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
  expect(usePrivacy.getState().waiting).toEqual([])
})

test('the consent text names what the asking API collects and why', () => {
  expect(consentText('chooseMedia')).toContain('选中的照片或视频信息')
  expect(consentText('chooseMedia')).toContain('封面')
  expect(consentText('saveImageToPhotosAlbum')).toContain('相册（仅写入）权限')
  expect(consentText('getLocation')).toContain('位置信息')
  // unknown or missing referrer: every kind is named
  for (const use of PRIVACY_USES) expect(consentText(undefined)).toContain(use.info)
  expect(privacyUseOf('scanCode')).toBeUndefined()
})
