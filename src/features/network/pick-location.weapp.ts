/**
 * Mini-program: the map picker (wx.chooseLocation, GCJ-02). A privacy API: declared in app.json
 * requiredPrivateInfos, in src/features/privacy/uses.ts and in docs/deploy.md's privacy step (verify:weapp).
 */
import Taro from '@tarojs/taro'
import type { PickedLocation } from './pick-location'

export type { PickedLocation } from './pick-location'
export const CAN_PICK_ON_MAP = true

/** The place picked on the map, or null when the person closed the picker. */
export async function pickLocation(): Promise<PickedLocation | null> {
  try {
    const res = await Taro.chooseLocation({})
    return { latitude: res.latitude, longitude: res.longitude, address: res.address || res.name || '' }
  } catch {
    return null
  }
}
