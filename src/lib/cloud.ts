/**
 * callCloud: the typed way to call a cloud function action. Taro replaces this file with cloud.weapp.ts
 * or cloud.h5.ts for those targets; this one serves type checking, tests and any other target.
 */
import { CloudCallError, createCallCloud, type CallCloud } from './cloud-core'
import { platform } from './env'

export { CloudCallError, isRetryable, toCloudError, type CallCloud } from './cloud-core'

export interface CloudStart {
  /** the H5 demo identity asks for elder mode (长辈居民) */
  elderPreset: boolean
}

export function initCloud(): CloudStart {
  return { elderPreset: false }
}

export const callCloud: CallCloud = createCallCloud(async () => {
  throw new CloudCallError('INTERNAL', `此平台（${platform()}）还不能调用云函数`)
})
