import Taro from '@tarojs/taro'

function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => undefined)
}

export function openInbox(): void {
  go('/mine/pages/inbox/index')
}

/** A message's page (stored without the leading slash, as WeChat's subscribe message wants it). */
export function openMessagePage(page: string): void {
  go(page.startsWith('/') ? page : `/${page}`)
}
