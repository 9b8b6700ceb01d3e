import Taro from '@tarojs/taro'

const go = (url: string) => Taro.navigateTo({ url }).catch(() => undefined)

export const openSigninCode = (activityId: string) =>
  go(`/manager/pages/signin-code/index?activityId=${encodeURIComponent(activityId)}`)

export const openAttendance = (activityId: string) =>
  go(`/manager/pages/attendance/index?activityId=${encodeURIComponent(activityId)}`)

export const openMyHours = () => go('/mine/pages/my-hours/index')

/** Without an activity id these pages first offer a pick of the manager's activities. */
export const openSigninCodePicker = () => go('/manager/pages/signin-code/index')

export const openAttendancePicker = () => go('/manager/pages/attendance/index')

export const openStationCodes = () => go('/manager/pages/station-codes/index')

/** The ways on from a station's landing: its week, its page, home (an elder is never left stuck). */
export const openStationWeek = (unitId: string) =>
  go(`/pages/week/index?unitId=${encodeURIComponent(unitId)}`)

export const openStationPage = (unitId: string) => go(`/pages/station/index?id=${encodeURIComponent(unitId)}`)

export const openHome = () => Taro.reLaunch({ url: '/pages/index/index' }).catch(() => undefined)
