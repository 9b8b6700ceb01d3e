/** Documents of the `registrations` collection (报名), one per person per activity. */
export interface ActivityRegistration {
  /** `${activityId}_${openid}`: a second registration by the same person is the same document */
  _id: string
  activityId: string
  openid: string
  unitId: string
  status: 'registered' | 'withdrawn'
  /** copied from the activity (kept in step when it is edited) so 我的活动 is one indexed read */
  activityStart: Date
  registeredAt: Date
  withdrawnAt: Date | null
  /**
   * 'pending' once the activity is cancelled: this person must be told (the notices function sends it
   * and sets 'sent' or 'failed').
   */
  cancelNotice: 'pending' | 'sent' | 'failed' | null
  updatedAt: Date
}

export function registrationId(activityId: string, openid: string): string {
  return `${activityId}_${openid}`
}
