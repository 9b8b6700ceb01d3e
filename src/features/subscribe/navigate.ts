import Taro from '@tarojs/taro'

/** The practice-day settings, the notices sent and ad-hoc notices (managers). */
export function openNoticesManager(): void {
  Taro.navigateTo({ url: '/manager/pages/notices/index' }).catch(() => undefined)
}
