import Taro from '@tarojs/taro'

function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => undefined)
}

export const openNewOrder = () => go('/orders/pages/new/index')
export const openMyOrders = () => go('/orders/pages/mine/index')
export const openAvailable = () => go('/orders/pages/available/index')
export const openQueue = () => go('/manager/pages/orders/index')
export const openOrder = (id: string) => go(`/orders/pages/detail/index?id=${encodeURIComponent(id)}`)
