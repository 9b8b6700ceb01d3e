import Taro from '@tarojs/taro'

const go = (url: string) => Taro.navigateTo({ url }).catch(() => undefined)
const q = encodeURIComponent

/** 单位与专管员: the tree at a unit (the caller's own unit when none is given). */
export const openUnits = (unitId?: string) =>
  go(unitId ? `/network/pages/units/index?unitId=${q(unitId)}` : '/network/pages/units/index')
export const openNewUnit = (parentId: string) => go(`/network/pages/unit-edit/index?parentId=${q(parentId)}`)
export const openEditUnit = (id: string) => go(`/network/pages/unit-edit/index?id=${q(id)}`)
export const openInvite = (unitId: string) => go(`/network/pages/invite/index?unitId=${q(unitId)}`)
export const openAudit = (unitId: string) => go(`/network/pages/audit/index?unitId=${q(unitId)}`)
