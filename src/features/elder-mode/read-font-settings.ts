import Taro from '@tarojs/taro'
import type { FontSettings } from './store'

/** WeChat's font setting (wx.getAppBaseInfo, base library ≥ 2.20.1). H5: read-font-settings.h5.ts. */
export function readFontSettings(): FontSettings {
  try {
    const info = Taro.getAppBaseInfo() as ReturnType<typeof Taro.getAppBaseInfo> & FontSettings
    return { fontSizeSetting: info.fontSizeSetting, fontSizeScaleFactor: info.fontSizeScaleFactor }
  } catch {
    return {}
  }
}
