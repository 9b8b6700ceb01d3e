import Taro from '@tarojs/taro'

/** 年度计划 (subpackage manager/). */
export function openPlan(): void {
  Taro.navigateTo({ url: '/manager/pages/plan/index' }).catch(() => undefined)
}
