import Taro from '@tarojs/taro'

/** 统计 (subpackage manager/). */
export function openStats(): void {
  Taro.navigateTo({ url: '/manager/pages/stats/index' }).catch(() => undefined)
}
