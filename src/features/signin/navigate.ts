import Taro from '@tarojs/taro'

const go = (url: string) => Taro.navigateTo({ url }).catch(() => undefined)

export const openSigninCode = (activityId: string) =>
  go(`/manager/pages/signin-code/index?activityId=${encodeURIComponent(activityId)}`)

export const openAttendance = (activityId: string) =>
  go(`/manager/pages/attendance/index?activityId=${encodeURIComponent(activityId)}`)

export const openMyHours = () => go('/pages/my-hours/index')
