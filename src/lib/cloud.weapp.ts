import Taro from '@tarojs/taro'
import { createCallCloud, platformFailure, type CallCloud } from './cloud-core'
import type { CloudStart } from './cloud'
import { readClientEnv } from './env'

export { CloudCallError, isRetryable, toCloudError, type CallCloud } from './cloud-core'
export type { CloudStart } from './cloud'

let initialised = false

/**
 * Once, at app launch (a bad TARO_APP_CLOUD_ENV stops here with env.ts's message). Without TARO_APP_CLOUD_ENV the client uses the mini-program's default environment
 * (DYNAMIC_CURRENT_ENV is a wx-server-sdk constant; wx.cloud has none).
 */
export function initCloud(): CloudStart {
  if (!initialised) {
    const env = readClientEnv().cloudEnv
    Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
    initialised = true
  }
  return { elderPreset: false }
}

export const callCloud: CallCloud = createCallCloud(async (fn, event) => {
  try {
    const { result } = await Taro.cloud.callFunction({
      name: fn,
      data: event as unknown as Record<string, unknown>,
    })
    return result
  } catch (error) {
    throw platformFailure((error as { errCode?: unknown } | null)?.errCode)
  }
})
