/**
 * The people context's collections: volunteers (志愿者), teams (志愿服务队) and their join requests,
 * volunteer slots on activities (志愿者岗位) and the per-center volunteer-number counters.
 */
import type { Team, TeamLevel, VolunteerSpeciality } from '../domain'
import { collection } from './collection'

/** One per person who registered as a volunteer; `_id` is the OPENID. Kept (status 'left') on leaving. */
export interface VolunteerDoc {
  _id: string
  /** 志愿者编号, unique: the center's code and its sequence */
  number: string
  name: string
  phone: string
  homeUnitId: string
  /** the home unit's ancestors + itself: "volunteers of a subtree" as one indexed equality */
  homeUnitPath: string[]
  homeUnitName: string
  centerId: string
  specialities: VolunteerSpeciality[]
  /** AES-256-GCM of the ID number (base64 iv.tag.ciphertext), null when none was given */
  idNumberCipher: string | null
  /** the masked form (3707**********1234): the only form ever answered */
  idNumberMasked: string | null
  /** the consent text's version the person agreed to, and when */
  consentVersion: string
  consentedAt: Date
  status: 'active' | 'left'
  joinedAt: Date
  updatedAt: Date
  leftAt: Date | null
}

/**
 * A team as stored. `Team` (core/domain) is what other contexts read (name, unit, speciality); the
 * tree, the leaders and the count are this context's. Membership itself is `users.teamIds`.
 */
export type TeamDoc = Team & {
  level: TeamLevel
  /** the parent team (总队 for a 支队, 支队 for a 分队); null for a 总队 */
  parentId: string | null
  /** team ids from the 总队 down to the parent */
  ancestors: string[]
  /** the unit's ancestors + the unit: a manager of any of them manages the team */
  unitPath: string[]
  unitName: string
  /** `parentId ?? 'unit:' + unitId`: names are unique under one parent (unique index) */
  parentKey: string
  /** openids of the leaders (队长), appointed by a manager of the unit; leaders are members */
  leaderIds: string[]
  memberCount: number
  createdBy: string
  createdAt: Date
}

/** 入队申请: one per person per team (`_id` = `${teamId}_${openid}`), decided once. */
export interface TeamRequestDoc {
  _id: string
  teamId: string
  teamName: string
  /** the team's unitPath: managers of any of those units may decide */
  unitPath: string[]
  openid: string
  volunteerNumber: string
  name: string
  phone: string
  note: string
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn'
  requestedAt: Date
  decidedBy: string | null
  decidedAt: Date | null
}

/**
 * The volunteer slots of one activity (`_id` = activityId). `volunteers` is the truth: one conditional
 * update checks "places left, not yet in" and both counts and adds the person, so capacity holds under
 * any concurrency (the registration model, issue 5).
 */
export interface VolunteerSlotsDoc {
  _id: string
  taken: number
  volunteers: string[]
}

/**
 * A volunteer's sign-up for an activity's slots; `_id` = `${activityId}_${openid}`, the same `_id` as the
 * service record (signin) their sign-in there creates, so the hours earned are read by the same key.
 * Follows the slots document (the truth); views check membership there.
 */
export interface SlotSignupDoc {
  _id: string
  activityId: string
  activityTitle: string
  activityStart: Date
  activityEnd: Date
  unitId: string
  unitName: string
  unitPath: string[]
  openid: string
  volunteerNumber: string
  name: string
  status: 'signed' | 'cancelled'
  signedAt: Date
  cancelledAt: Date | null
}

/** A sequence advanced by conditional update (`seq` read, written only if unchanged). */
export interface CounterDoc {
  _id: string
  seq: number
}

const perPersonPerActivity = (activityId: string, openid: string): string => `${activityId}_${openid}`

export const volunteers = collection<VolunteerDoc>()({
  name: 'volunteers',
  description:
    'Registered volunteers (志愿者), _id = OPENID; number unique per center sequence; ID number only encrypted (AES-GCM) and masked; status active | left.',
  indexes: [
    { name: 'number_unique', keys: { number: 1 }, unique: true },
    { name: 'homeUnitPath_status', keys: { homeUnitPath: 1, status: 1 } },
  ],
})

export const teams = collection<TeamDoc>()({
  name: 'teams',
  description:
    'Volunteer service teams (志愿服务队), a tree per unit (总队 → 支队 → 分队); names unique under one parent; leaderIds; members are users.teamIds.',
  indexes: [
    { name: 'unit', keys: { unitId: 1 } },
    { name: 'unitPath_level', keys: { unitPath: 1, level: 1 } },
    { name: 'parentKey_name_unique', keys: { parentKey: 1, name: 1 }, unique: true },
  ],
})

export const teamRequests = collection<TeamRequestDoc>()({
  name: 'team_requests',
  description:
    "入队申请: one per person per team (_id = `${teamId}_${openid}`); decided once by a leader or a manager of the team's unit, never by the requester.",
  indexes: [
    { name: 'team_status', keys: { teamId: 1, status: 1, requestedAt: 1 } },
    { name: 'unitPath_status', keys: { unitPath: 1, status: 1, requestedAt: 1 } },
    { name: 'openid_status', keys: { openid: 1, status: 1 } },
  ],
  id: (teamId: string, openid: string): string => `${teamId}_${openid}`,
})

export const volunteerSlots = collection<VolunteerSlotsDoc>()({
  name: 'volunteer_slots',
  description:
    "An activity's volunteer slots (_id = activityId): volunteers = openids holding a slot, taken = their count, both changed by one conditional update (the capacity gate).",
})

export const slotSignups = collection<SlotSignupDoc>()({
  name: 'slot_signups',
  description:
    "志愿者岗位报名: one per volunteer per activity (_id = `${activityId}_${openid}`, the same as the service record's); follows volunteer_slots.",
  indexes: [
    { name: 'openid_status_start', keys: { openid: 1, status: 1, activityStart: 1 } },
    { name: 'activity_status', keys: { activityId: 1, status: 1 } },
  ],
  id: perPersonPerActivity,
})

export const peopleCounters = collection<CounterDoc>()({
  name: 'people_counters',
  description:
    "Sequences of the people context: `volunteer-no:<centerId>` is a center's volunteer-number sequence.",
})
