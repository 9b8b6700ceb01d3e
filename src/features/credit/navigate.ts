import Taro from '@tarojs/taro'

const go = (url: string) => Taro.navigateTo({ url }).catch(() => undefined)

export const openMyCredit = () => go('/mine/pages/credit/index')
export const openShop = () => go('/mine/pages/shop/index')
export const openShopManager = () => go('/manager/pages/credit/index')
export const openBoard = () => go('/mine/pages/board/index')
