import Taro from '@tarojs/taro'

/** 异常核查 (subpackage manager/). */
export function openIntegrity(): void {
  Taro.navigateTo({ url: '/manager/pages/integrity/index' }).catch(() => undefined)
}
