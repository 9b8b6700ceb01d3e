import { ERROR_MESSAGES } from '@core/errors'
import {
  CloudCallError,
  createCallCloud,
  isRetryable,
  platformFailure,
  settle,
  toCloudError,
} from './cloud-core'

describe('settle', () => {
  test('an ok answer is its data', () => {
    expect(settle({ ok: true, data: { stations: [] } })).toEqual({ stations: [] })
  })

  test('a failure is thrown with its code, message and field messages', () => {
    const failure = {
      ok: false,
      code: 'INVALID_INPUT',
      message: '填写的内容有误',
      fields: { latitude: '缺少纬度' },
    }
    expect(() => settle(failure)).toThrow(CloudCallError)
    try {
      settle(failure)
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_INPUT',
        message: '填写的内容有误',
        fields: { latitude: '缺少纬度' },
      })
    }
  })

  test('a failure without a message gets the Chinese message for its code', () => {
    expect(() => settle({ ok: false, code: 'FORBIDDEN', message: '' })).toThrow(ERROR_MESSAGES.FORBIDDEN)
  })

  test.each([[undefined], [null], ['ok'], [{ data: 1 }], [{ ok: true }], [{ ok: false, message: 'x' }]])(
    'anything that is not a Result (%p) is an INTERNAL error',
    (answer) => {
      expect(() => settle(answer)).toThrow(new CloudCallError('INTERNAL', ERROR_MESSAGES.INTERNAL))
    },
  )
})

describe('createCallCloud', () => {
  test('sends { action, input } to the named function and answers the data', async () => {
    const transport = jest.fn().mockResolvedValue({ ok: true, data: { stations: [], radiusMeters: 1000 } })
    const callCloud = createCallCloud(transport)
    await expect(callCloud('stations', 'nearby', { latitude: 36.7, longitude: 119.1 })).resolves.toEqual({
      stations: [],
      radiusMeters: 1000,
    })
    expect(transport).toHaveBeenCalledWith('stations', {
      action: 'nearby',
      input: { latitude: 36.7, longitude: 119.1 },
    })
  })

  test('a transport that cannot get through is a NETWORK error with its Chinese message', async () => {
    const callCloud = createCallCloud(() => Promise.reject(new TypeError('Failed to fetch')))
    await expect(callCloud('users', 'me', {})).rejects.toMatchObject({
      code: 'NETWORK',
      message: ERROR_MESSAGES.NETWORK,
    })
  })

  test('a failure the transport could name is kept', async () => {
    const callCloud = createCallCloud(() => Promise.reject(platformFailure(-504002)))
    await expect(callCloud('users', 'me', {})).rejects.toMatchObject({ code: 'INTERNAL' })
  })
})

describe('platformFailure', () => {
  test.each([
    [-504002, 'INTERNAL'],
    [-501003, 'RATE_LIMITED'],
    [-501004, 'RATE_LIMITED'],
    [-504001, 'NETWORK'],
    [-1, 'NETWORK'],
    [undefined, 'NETWORK'],
  ])('platform code %p → %s', (errCode, code) => {
    expect(platformFailure(errCode).code).toBe(code)
  })
})

test('only failures that asking again can fix offer 重试', () => {
  expect(isRetryable(new CloudCallError('NETWORK', ''))).toBe(true)
  expect(isRetryable(new CloudCallError('INTERNAL', ''))).toBe(true)
  expect(isRetryable(new CloudCallError('NOT_FOUND', ''))).toBe(false)
  expect(isRetryable(new CloudCallError('FORBIDDEN', ''))).toBe(false)
})

test('toCloudError keeps a CloudCallError and words anything else as INTERNAL', () => {
  const known = new CloudCallError('NOT_FOUND', '没有找到')
  expect(toCloudError(known)).toBe(known)
  expect(toCloudError(new Error('boom'))).toMatchObject({
    code: 'INTERNAL',
    message: ERROR_MESSAGES.INTERNAL,
  })
})
