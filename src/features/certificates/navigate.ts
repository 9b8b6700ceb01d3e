import Taro from '@tarojs/taro'

/** 我的证书 (subpackage mine/). */
export function openMyCertificates(): void {
  Taro.navigateTo({ url: '/mine/pages/certificates/index' }).catch(() => undefined)
}

/** 志愿服务记录证明 for managers (subpackage manager/): issuer settings, issue, revoke. */
export function openCertificatesManager(): void {
  Taro.navigateTo({ url: '/manager/pages/certificates/index' }).catch(() => undefined)
}
