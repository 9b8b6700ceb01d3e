/** Where the reader is, in GCJ-02 (what the stations are stored in). H5: location.h5.ts. */
import Taro from '@tarojs/taro'
import { classifyLocationError, type LocateResult } from './location-result'

export type { LocateResult } from './location-result'

/** weapp can reopen the permission page after a refusal; a browser cannot. */
export const CAN_OPEN_LOCATION_SETTINGS = true

export async function locate(): Promise<LocateResult> {
  try {
    const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' })
    return { ok: true, latitude, longitude }
  } catch (error) {
    return { ok: false, reason: classifyLocationError((error as { errMsg?: unknown } | null)?.errMsg) }
  }
}

export async function openLocationSettings(): Promise<void> {
  await Taro.openSetting().catch(() => undefined)
}
