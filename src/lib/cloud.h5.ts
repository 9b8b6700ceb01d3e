/**
 * H5 build: calls the local cloud over HTTP as the chosen demo identity. Never Taro.cloud here — on H5 every
 * Taro.cloud method is a stub that reports success (platform-facts "Taro specifics").
 */
import type { FunctionName } from '@core/contract'
import { ERROR_MESSAGES } from '@core/errors'
import {
  CloudCallError,
  createCallCloud,
  platformFailure,
  type CallCloud,
  type Transport,
} from './cloud-core'
import type { CloudStart } from './cloud'
import { currentDevOpenid, elderPresetFromUrl } from './dev-identity'

export { CloudCallError, isRetryable, toCloudError, type CallCloud } from './cloud-core'
export type { CloudStart } from './cloud'

export function initCloud(): CloudStart {
  return { elderPreset: elderPresetFromUrl() }
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  json(): Promise<unknown>
}>

/** POST /api/functions/<fn> with `{ data: event, identity: { openid } }` → `{ result }` or `{ error: { errCode, errMsg } }`. */
export function createH5Transport(fetchImpl: Fetch, openid: () => string, base = ''): Transport {
  return async (fn: FunctionName, event) => {
    const response = await fetchImpl(`${base}/api/functions/${encodeURIComponent(fn)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: event, identity: { openid: openid() } }),
    })
    let body: unknown
    try {
      body = await response.json()
    } catch {
      // Not JSON: a proxy's error page or a cut connection, not an answer from the function.
      throw platformFailure(undefined)
    }
    if (typeof body === 'object' && body !== null) {
      if ('error' in body) throw platformFailure((body.error as { errCode?: unknown } | null)?.errCode)
      if ('result' in body) return body.result
    }
    throw new CloudCallError('INTERNAL', ERROR_MESSAGES.INTERNAL)
  }
}

export const callCloud: CallCloud = createCallCloud(
  createH5Transport((url, init) => fetch(url, init), currentDevOpenid),
)
