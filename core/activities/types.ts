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
  /** null on a record made for a tap that did not register (the place was gone) */
  registeredAt: Date | null
  withdrawnAt: Date | null
  /**
   * 'pending' once the activity is cancelled: this person must be told (the notices function sends it
   * and sets 'sent' or 'failed').
   */
  cancelNotice: 'pending' | 'sent' | 'failed' | null
  updatedAt: Date
  /**
   * The person's lock while a register/withdraw call runs (serialises their taps); lockedUntil is the
   * lease, Date(0) when free. A lapsed lease means the call died: the record is settled from membership.
   */
  lockId?: string | null
  lockedUntil?: Date
}

export function registrationId(activityId: string, openid: string): string {
  return `${activityId}_${openid}`
}
