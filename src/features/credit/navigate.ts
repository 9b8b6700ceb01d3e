import Taro from '@tarojs/taro'

const go = (url: string) => Taro.navigateTo({ url }).catch(() => undefined)

export const openMyCredit = () => go('/mine/pages/credit/index')
export const openShop = () => go('/mine/pages/shop/index')
export const openShopManager = () => go('/manager/pages/credit/index')
export const openBoard = () => go('/mine/pages/board/index')
export const openCreditRules = () => go('/manager/pages/credit-rules/index')
export const openCreditAdjust = () => go('/manager/pages/credit-adjust/index')
export const openStarQueue = () => go('/manager/pages/credit-stars/index')
