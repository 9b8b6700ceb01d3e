/** Scanning a code inside the app (扫一扫). H5: scan-code.h5.ts (a browser has no scanner). */
import Taro from '@tarojs/taro'
import { sceneFrom } from '@core/signin/scene'

export const CAN_SCAN_IN_APP = true

/** The scene of the scanned code, '' when it held none, or null when the person cancelled. */
export async function scanForScene(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true })
    return sceneFrom({ result: res.result, path: res.path })
  } catch {
    return null
  }
}
