import Taro from '@tarojs/taro'

function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => undefined)
}

export function openActivity(id: string): void {
  go(`/pages/activity/index?id=${encodeURIComponent(id)}`)
}

export function openMyActivities(): void {
  go('/mine/pages/my-activities/index')
}

export function openManagedActivities(): void {
  go('/manager/pages/activities/index')
}

/** 报名名单 (签到表) of an activity, printable. */
export function openRegistrants(id: string): void {
  go(`/manager/pages/registrants/index?id=${encodeURIComponent(id)}`)
}

/** The publish form; with an id, the edit form of that activity. */
export function openActivityEditor(id?: string): void {
  go(
    id
      ? `/manager/pages/activity-edit/index?id=${encodeURIComponent(id)}`
      : '/manager/pages/activity-edit/index',
  )
}
