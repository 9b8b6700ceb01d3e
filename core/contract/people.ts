/**
 * The people context (志愿者, 志愿服务队, 志愿者岗位): volunteers register, teams form a tree per unit and
 * take members on request, volunteers sign up for activities' volunteer slots.
 */
import * as z from 'zod'
import { VOLUNTEER_SPECIALITIES, type TeamLevel, type VolunteerSpeciality } from '../domain'
import { isValidIdNumber } from '../people/id-number'
import { action, fields } from './define'

/** The consent a volunteer agrees to; its version is stored with the agreement. */
export const VOLUNTEER_CONSENT = {
  version: '2026-11',
  text:
    '我自愿注册成为新时代文明实践志愿者，同意所在中心为组织志愿服务而保存我的姓名、手机号、所在站点和专长；' +
    '身份证号仅在我填写时加密保存，用于志愿服务保险和证明，任何页面只显示遮挡后的号码。' +
    '我可以随时修改信息或退出志愿者队伍。',
} as const

export const PEOPLE_ERRORS = {
  NOT_A_VOLUNTEER: '您还不是志愿者，请先在「我的」里注册成为志愿者',
  ALREADY_VOLUNTEER: '您已经是志愿者了',
  ID_KEY_MISSING: '暂时不能保存身份证号，请先不填身份证号，或联系中心管理员',
  DUPLICATE_NAME: '同一上级下已有同名的服务队，请换个名称',
  TEAM_LEVEL_TOO_DEEP: '分队下面不能再建服务队',
  ALREADY_MEMBER: '您已经是这个服务队的队员了',
  REQUEST_PENDING: '您的入队申请正在等待审核',
  SELF_APPROVAL: '不能审核自己的入队申请，请由其他队长或专管员审核',
  ALREADY_DECIDED: '这个申请已经处理过了',
  NOT_LEADER: '只有这个服务队的队长或所在单位的专管员可以审核',
  SLOTS_FULL: '志愿者岗位已满，感谢您的热心',
  NO_SLOTS: '这个活动不需要志愿者',
  SLOTS_CLOSED: '活动已经开始或已取消，不能再报名或取消志愿者岗位',
} as const
export type PeopleErrorCode = keyof typeof PEOPLE_ERRORS

export interface VolunteerProfile {
  number: string
  name: string
  /** the person's own phone: answered only to the person */
  phone: string
  homeUnitId: string
  homeUnitName: string
  specialities: VolunteerSpeciality[]
  /** masked (3707**********1234) or null; the number itself is never answered */
  idNumberMasked: string | null
  status: 'active' | 'left'
  joinedAt: number
}

export interface MyVolunteer {
  profile: VolunteerProfile | null
  consent: typeof VOLUNTEER_CONSENT
  specialities: readonly VolunteerSpeciality[]
}

export interface TeamSummary {
  _id: string
  name: string
  speciality: string
  level: TeamLevel
  parentId: string | null
  unitId: string
  unitName: string
  memberCount: number
}

/** One member as a team page shows them: masked unless the viewer may see more. */
export interface TeamMember {
  volunteerNumber: string
  name: string
  phone: string
  leader: boolean
}

export interface TeamWork {
  activityId: string
  title: string
  unitName: string
  start: number
  end: number
  volunteerSlots: number
}

export interface TeamPage {
  team: TeamSummary & { leaders: string[] }
  /** what the viewer is to the team */
  viewer: {
    member: boolean
    leader: boolean
    manager: boolean
    requestStatus: 'pending' | 'rejected' | null
    volunteer: boolean
  }
  members: TeamMember[]
  /** members are listed by _id a page at a time */
  nextCursor: string | null
  /** upcoming activities of the team's unit (and below) that need volunteers */
  upcoming: TeamWork[]
}

export interface JoinRequestView {
  _id: string
  teamId: string
  teamName: string
  volunteerNumber: string
  name: string
  phone: string
  note: string
  requestedAt: number
}

export interface SlotState {
  activityId: string
  volunteerSlots: number
  taken: number
  /** the caller holds a slot */
  mine: boolean
  /** the caller is a registered volunteer (may sign up) */
  volunteer: boolean
}

export interface SlotVolunteer {
  volunteerNumber: string
  name: string
  phone: string
  /** the service record of this sign-up (signin), when they signed in there */
  service: { status: string; minutes: number | null } | null
}

export interface MySlot {
  activityId: string
  title: string
  unitName: string
  start: number
  end: number
  /** hours earned there (signin's service record with the same `_id`): null before sign-in */
  service: { status: string; minutes: number | null } | null
}

const phone = () =>
  z
    .string({ error: '请填写手机号' })
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字，以 1 开头')

const speciality = z.enum(VOLUNTEER_SPECIALITIES, { error: '请从列表中选择专长' })

const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isValidIdNumber(v), '身份证号不正确，请核对后再填')

const profileFields = {
  name: fields.text('姓名', 20, 2),
  phone: phone(),
  homeUnitId: fields.id('所在站点'),
  specialities: z
    .array(speciality)
    .min(1, '请至少选择一项专长')
    .max(5, '专长最多选 5 项')
    .refine((xs) => new Set(xs).size === xs.length, '专长不能重复'),
}

export const people = {
  /** 我的志愿者信息 (also the form's lists: specialities and the consent text) */
  myVolunteer: action<MyVolunteer>()({ input: z.object({}).default({}), roles: ['resident'] }),
  /** 成为志愿者 */
  register: action<VolunteerProfile>()({
    input: z.object({
      ...profileFields,
      idNumber: idNumber.optional(),
      consentVersion: z.literal(VOLUNTEER_CONSENT.version, { error: '请阅读并同意志愿者注册须知' }),
    }),
    roles: ['resident'],
  }),
  updateVolunteer: action<VolunteerProfile>()({
    input: z.object({
      ...profileFields,
      /** undefined keeps the stored one, null removes it */
      idNumber: idNumber.nullable().optional(),
    }),
    roles: ['volunteer'],
  }),
  /** 退出志愿者: the profile is kept (status left), the volunteer grant, teams and future slots go */
  leave: action<{ left: true }>()({ input: z.object({}).default({}), roles: ['volunteer'] }),

  /** the team tree of a unit and everything below it */
  teams: action<{ teams: TeamSummary[] }>()({
    input: z.object({ unitId: fields.id('单位') }),
    roles: ['resident'],
  }),
  team: action<TeamPage>()({
    input: z.object({ id: fields.id('服务队'), cursor: z.string().max(64).optional() }),
    roles: ['resident'],
  }),
  /** a further page of a team's members (masked as on the team page) */
  teamMembers: action<{ members: TeamMember[]; nextCursor: string | null }>()({
    input: z.object({ id: fields.id('服务队'), cursor: z.string().max(64).optional() }),
    roles: ['resident'],
  }),
  myTeams: action<{ teams: TeamSummary[]; pending: Array<{ teamId: string; teamName: string }> }>()({
    input: z.object({}).default({}),
    roles: ['resident'],
  }),
  createTeam: action<TeamSummary>()({
    input: z.object({
      unitId: fields.id('单位'),
      parentId: fields.id('上级服务队').nullable().default(null),
      name: fields.text('服务队名称', 30, 2),
      speciality: speciality,
    }),
    roles: ['manager'],
  }),
  /** a manager of the team's unit appoints (or removes) a leader among its members */
  setLeader: action<{ leaders: string[] }>()({
    input: z.object({
      teamId: fields.id('服务队'),
      volunteerNumber: fields.id('志愿者编号'),
      leader: z.boolean({ error: '请说明是任命还是免去' }),
    }),
    roles: ['manager'],
  }),
  askToJoin: action<{ status: 'pending' }>()({
    input: z.object({
      teamId: fields.id('服务队'),
      note: z.string().trim().max(100, '留言不能超过 100 个字').default(''),
    }),
    roles: ['volunteer'],
  }),
  leaveTeam: action<{ left: boolean }>()({
    input: z.object({ teamId: fields.id('服务队') }),
    roles: ['volunteer'],
  }),
  /** the requests the caller may decide: as a leader of a team, as a manager of a unit above it */
  joinRequests: action<{ requests: JoinRequestView[] }>()({
    input: z.object({}).default({}),
    roles: ['volunteer', 'manager'],
  }),
  decideJoin: action<{ status: 'approved' | 'rejected' }>()({
    input: z.object({ requestId: fields.id('申请'), approve: z.boolean({ error: '请选择同意或不同意' }) }),
    roles: ['volunteer', 'manager'],
  }),

  slotState: action<SlotState>()({
    input: z.object({ activityId: fields.id('活动') }),
    roles: ['resident'],
  }),
  signUpSlot: action<SlotState>()({
    input: z.object({ activityId: fields.id('活动') }),
    roles: ['volunteer'],
  }),
  cancelSlot: action<SlotState>()({
    input: z.object({ activityId: fields.id('活动') }),
    roles: ['volunteer'],
  }),
  /** who is coming (managers of the activity's unit): names, phones, the sign-in each earned */
  slotVolunteers: action<{ slots: SlotState; volunteers: SlotVolunteer[] }>()({
    input: z.object({ activityId: fields.id('活动') }),
    roles: ['manager'],
  }),
  mySlots: action<{ upcoming: MySlot[]; past: MySlot[] }>()({
    input: z.object({}).default({}),
    roles: ['volunteer'],
  }),
}
