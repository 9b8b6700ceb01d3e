import Taro from '@tarojs/taro'
import { platform } from '@/lib/env'

/** 活动预告海报 (subpackage manager/). */
export function openPosters(): void {
  Taro.navigateTo({ url: '/manager/pages/posters/index' }).catch(() => undefined)
}

/** The 数据驾驶舱 exists on H5 only (subpackage desk/, docs/cockpit.md). */
export const hasCockpit = (): boolean => platform() === 'h5'

export function openCockpit(): void {
  Taro.navigateTo({ url: '/desk/pages/cockpit/index' }).catch(() => undefined)
}
