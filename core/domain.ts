/** Domain types shared by the mini-program and the cloud functions. */

/** The four levels of the network: 中心 → 所 → 站 → 点. */
export const UNIT_LEVELS = ['center', 'institute', 'station', 'point'] as const
export type UnitLevel = (typeof UNIT_LEVELS)[number]

export const UNIT_LEVEL_NAMES: Record<UnitLevel, string> = {
  center: '新时代文明实践中心',
  institute: '新时代文明实践所',
  station: '新时代文明实践站',
  point: '新时代文明实践点',
}

/** GeoJSON point, as the cloud database stores `db.Geo.Point(longitude, latitude)`. */
export interface GeoPoint {
  type: 'Point'
  /** [longitude, latitude], GCJ-02 (what wx.getLocation returns with type 'gcj02') */
  coordinates: [number, number]
}

export interface Unit {
  _id: string
  level: UnitLevel
  name: string
  /** null for a center */
  parentId: string | null
  /** ids from the center down to the parent: lets "a unit and its subtree" be one indexed query */
  ancestors: string[]
  address: string
  location: GeoPoint
  phone: string
  /** opening hours in words, e.g. "周一至周五 8:30–17:30" */
  hours: string
  /** short code used in the printed QR scene */
  code: string
  retired?: boolean
  /** the 15-minute circle (十五分钟文明实践服务圈) around the unit, in metres; NEARBY_DEFAULT_RADIUS_M when absent */
  radiusMeters?: number
  /** network context: when and by whom a retired unit was retired, and where its people should go instead */
  retiredAt?: Date
  retiredBy?: string
  successorId?: string | null
  successorName?: string | null
  createdAt?: Date
  createdBy?: string
}

/** 居民 is everyone; the other roles are granted on a unit and reach its whole subtree. */
export const ROLES = ['resident', 'volunteer', 'manager'] as const
export type Role = (typeof ROLES)[number]

export interface RoleGrant {
  role: Exclude<Role, 'resident'>
  /** the unit (for volunteers: the unit their team belongs to) */
  unitId: string
}

export interface UserRecord {
  /** the caller's OPENID */
  _id: string
  name?: string
  phone?: string
  grants: RoleGrant[]
  /** the station a resident calls home (scanned or chosen) */
  homeUnitId?: string
  /** the 志愿服务队 the person is a member of (people context keeps it; orders are routed by it) */
  teamIds?: string[]
  /** 志愿者编号 while registered as a volunteer (people context) */
  volunteerNumber?: string
  createdAt: Date
}

export interface Team {
  _id: string
  name: string
  unitId: string
  /** 志愿服务队 speciality, e.g. 理论宣讲, 医疗义诊 */
  speciality: string
}

/** 志愿服务队 levels: 总队 (a unit's top team) → 支队 → 分队. */
export const TEAM_LEVELS = ['brigade', 'detachment', 'squad'] as const
export type TeamLevel = (typeof TEAM_LEVELS)[number]

export const TEAM_LEVEL_NAMES: Record<TeamLevel, string> = {
  brigade: '总队',
  detachment: '支队',
  squad: '分队',
}

/** 志愿者专长 / 服务队专业: the one list volunteers pick from and teams are typed by. */
export const VOLUNTEER_SPECIALITIES = [
  '理论宣讲',
  '文化文艺',
  '科普',
  '健康义诊',
  '体育健身',
  '法律服务',
  '移风易俗',
  '关爱帮扶',
  '助老助残',
  '生态环保',
  '家电维修',
  '心理疏导',
  '应急救援',
  '其他',
] as const
export type VolunteerSpeciality = (typeof VOLUNTEER_SPECIALITIES)[number]

/** 活动类别: the one list every screen and function uses. */
export const ACTIVITY_CATEGORIES = [
  '理论宣讲',
  '文化文艺',
  '科普',
  '健康义诊',
  '体育健身',
  '法律服务',
  '移风易俗',
  '关爱帮扶',
  '助老助残',
  '生态环保',
  '其他',
] as const
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number]

/**
 * An activity held by a unit (usually a station). Denormalised unit fields keep the weekly list to one
 * indexed query; counters are updated atomically with the records they count.
 */
export interface Activity {
  _id: string
  unitId: string
  /** the holding unit's ancestors + itself: "a unit and its subtree" as one indexed equality */
  unitPath: string[]
  unitName: string
  title: string
  category: ActivityCategory
  description: string
  place: string
  start: Date
  end: Date
  /** residents must register (报名) first; capacity counts registrations */
  registrationRequired: boolean
  capacity: number | null
  registeredCount: number
  volunteerSlots: number
  /** 月主题 */
  theme: string | null
  /** the activity of the month's practice day (文明实践日) */
  practiceDay: boolean
  coverFileId: string | null
  contactPhone: string
  status: 'published' | 'cancelled'
  cancelReason: string | null
  /** residents signed in (签到), counted atomically with the attendance records */
  attendedCount: number
  createdBy: string
  createdAt: Date
  updatedAt: Date
  /**
   * openids holding a registration (报名): one conditional update of this document adds a person and
   * counts them, so capacity and one-per-person hold under any concurrency. Project it out of reads.
   */
  registrants?: string[]
  cancelledAt?: Date | null
  cancelledBy?: string | null
  /** how many registered people must be told of the cancellation */
  toTellCount?: number
  /** msgSecCheck's answer at publication: 'review' is published but flagged for a second look */
  contentCheck?: 'pass' | 'review'
  /** volunteer sign-in needs the phone within this many metres of the unit (signin.setGeofence); off when absent */
  geofenceMeters?: number | null
}
