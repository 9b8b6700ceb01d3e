/** Scanning a pickup code (扫一扫). H5: scan.h5.ts (a browser has no scanner: the code is typed). */
import Taro from '@tarojs/taro'

export const CAN_SCAN = true

/** What the scanned QR holds (`p=<code>`), or null when the person cancelled. */
export async function scanPickupCode(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true })
    return res.result || null
  } catch {
    return null
  }
}
