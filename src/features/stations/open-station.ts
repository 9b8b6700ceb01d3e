import Taro from '@tarojs/taro'

export function openStation(id: string): void {
  Taro.navigateTo({ url: `/pages/station/index?id=${encodeURIComponent(id)}` }).catch(() => undefined)
}
