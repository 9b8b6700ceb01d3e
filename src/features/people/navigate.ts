import Taro from '@tarojs/taro'

const go = (url: string) => Taro.navigateTo({ url }).catch(() => undefined)

/** 成为志愿者 / 我的志愿者信息 (one page: the form until registered, then the profile). */
export const openVolunteer = () => go('/mine/pages/volunteer/index')

/** The teams of a unit (by default the person's home station) and above it. */
export const openTeams = (unitId?: string) =>
  go(`/mine/pages/teams/index${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`)

export const openTeam = (id: string) => go(`/mine/pages/team/index?id=${encodeURIComponent(id)}`)

/** 入队申请审核: for team leaders and managers. */
export const openJoinRequests = () => go('/manager/pages/join-requests/index')

/** An activity's page (main package). */
export const openActivityPage = (id: string) => go(`/pages/activity/index?id=${encodeURIComponent(id)}`)
