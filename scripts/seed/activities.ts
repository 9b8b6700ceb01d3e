/**
 * This week's and next week's activities across the demo stations (每周活动预告), relative to `now`,
 * deterministic for a given week: some open for registration, one full, one cancelled, a practice-day
 * activity, and a few registrations (the demo elder holds one).
 */
import { activities, registrations } from '../../core/contract/activities.collections'
import { insertDocs, type SeedDb } from './insert'
import type { Activity, ActivityCategory, Unit } from '../../core/domain'
import { registrationId, type ActivityRegistration } from '../../core/activities/types'
import { atShanghai } from '../../core/activities/form'
import { formatDate, parseShanghaiDate, weekKey } from '../../core/time'
import { DEMO_IDENTITIES, DEMO_IDS, demoUnits } from './county'

interface Template {
  title: string
  category: ActivityCategory
  description: string
  place: string
  at: string
  minutes: number
  capacity?: number
  volunteers?: number
}

const TEMPLATES: Template[] = [
  {
    title: '党的创新理论进社区宣讲',
    category: '理论宣讲',
    description: '县理论宣讲志愿服务队用拉家常的方式，讲讲身边的新变化、新政策。欢迎居民参加。',
    place: '党群服务中心二楼会议室',
    at: '09:30',
    minutes: 90,
  },
  {
    title: '智能手机使用课堂（长辈专场）',
    category: '科普',
    description: '手把手教长辈用手机视频通话、挂号、扫码乘车、辨别诈骗电话。请带上自己的手机。',
    place: '活动室一楼',
    at: '14:30',
    minutes: 90,
    capacity: 20,
    volunteers: 4,
  },
  {
    title: '健康义诊：量血压、测血糖',
    category: '健康义诊',
    description: '县医院医生坐诊，免费测量血压、血糖，解答慢性病用药问题。请空腹前来测血糖。',
    place: '社区卫生室门前',
    at: '08:30',
    minutes: 180,
    volunteers: 6,
  },
  {
    title: '防范电信网络诈骗讲座',
    category: '法律服务',
    description: '派出所民警讲解最新诈骗手法和防范要点，现场答疑。',
    place: '党群服务中心一楼大厅',
    at: '09:00',
    minutes: 90,
    capacity: 40,
  },
  {
    title: '太极拳晨练教学',
    category: '体育健身',
    description: '体育指导员带练二十四式太极拳，零基础也能学。穿宽松衣服和平底鞋。',
    place: '文化广场',
    at: '07:30',
    minutes: 60,
  },
  {
    title: '红白事简办座谈会',
    category: '移风易俗',
    description: '红白理事会成员和居民代表一起商量新的简办标准，听取大家意见。',
    place: '议事厅',
    at: '15:00',
    minutes: 90,
    capacity: 30,
  },
  {
    title: '关爱空巢老人入户走访',
    category: '关爱帮扶',
    description: '志愿者上门陪老人聊天，帮忙打扫卫生，检查水电煤气安全。需要上门的老人请电话登记。',
    place: '从站点出发',
    at: '09:00',
    minutes: 150,
    volunteers: 10,
  },
  {
    title: '免费理发进社区',
    category: '关爱帮扶',
    description: '理发志愿者免费为老人理发，行动不便的可预约上门。',
    place: '活动室一楼',
    at: '09:00',
    minutes: 120,
    capacity: 25,
    volunteers: 3,
  },
  {
    title: '中医养生讲座：冬季怎么养',
    category: '健康义诊',
    description: '中医院大夫讲冬季饮食起居和常见病预防，讲完可以现场把脉咨询。',
    place: '党群服务中心二楼会议室',
    at: '14:30',
    minutes: 90,
    capacity: 50,
  },
  {
    title: '广场舞展演',
    category: '文化文艺',
    description: '各社区广场舞队轮流展演，欢迎邻居们来看、来跳。',
    place: '文化广场',
    at: '19:00',
    minutes: 90,
  },
  {
    title: '垃圾分类知识讲座',
    category: '生态环保',
    description: '讲清楚四类垃圾怎么分，现场答题有小礼品。',
    place: '活动室一楼',
    at: '10:00',
    minutes: 60,
    capacity: 30,
  },
  {
    title: '民法典进社区：赡养与继承',
    category: '法律服务',
    description: '律师讲解赡养、继承、遗嘱中常见的法律问题，可带材料现场免费咨询。',
    place: '议事厅',
    at: '15:00',
    minutes: 90,
    capacity: 40,
  },
  {
    title: '书法公益课',
    category: '文化文艺',
    description: '老书法家教楷书基础，笔墨纸由站点提供。',
    place: '书画室',
    at: '14:00',
    minutes: 120,
    capacity: 15,
  },
  {
    title: '家电义务维修',
    category: '关爱帮扶',
    description: '维修志愿者免费检修小家电，只收更换零件的成本费。',
    place: '站点门前',
    at: '09:00',
    minutes: 180,
    volunteers: 4,
  },
  {
    title: '好家风故事会',
    category: '移风易俗',
    description: '邻居们讲讲自家的家风家训故事，评选本月“最美家庭”。',
    place: '党群服务中心一楼大厅',
    at: '15:30',
    minutes: 60,
  },
  {
    title: '消防安全知识讲座与演练',
    category: '科普',
    description: '消防员讲解家庭用火用电安全，现场教大家使用灭火器。',
    place: '站点门前空地',
    at: '10:00',
    minutes: 90,
    capacity: 60,
  },
  {
    title: '助残志愿服务日',
    category: '助老助残',
    description: '为残疾人朋友提供康复咨询、辅具维修和政策解读。',
    place: '活动室一楼',
    at: '09:30',
    minutes: 120,
    volunteers: 8,
  },
  {
    title: '亲子阅读会',
    category: '文化文艺',
    description: '祖孙一起读绘本、做手工，适合 4 到 10 岁的孩子和家长。',
    place: '农家书屋',
    at: '15:00',
    minutes: 90,
    capacity: 20,
  },
  {
    title: '科学用药知识讲座',
    category: '科普',
    description: '药师讲解老年人常见的用药误区，可以带上正在吃的药现场咨询。',
    place: '社区卫生室',
    at: '09:30',
    minutes: 60,
    capacity: 40,
  },
  {
    title: '移风易俗树新风文艺演出',
    category: '文化文艺',
    description: '本月文明实践日主题演出：快板、小品、吕剧选段，宣传婚事新办、丧事简办。',
    place: '文化广场',
    at: '15:00',
    minutes: 120,
  },
]

/** One activity a week at each of these day offsets (Monday = 0), cycling through the stations. */
const PER_WEEK = 20
const MONTH_THEME = '移风易俗树新风'

/** A small deterministic generator, the same as county.ts uses, so the demo never changes. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function residents(from: number, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `seed-resident-${String(((from + i) % 200) + 1).padStart(3, '0')}`,
  )
}

export interface DemoActivities {
  activities: Array<Activity & { registrants: string[] }>
  registrations: ActivityRegistration[]
}

export function demoActivities(now: Date): DemoActivities {
  const units = demoUnits()
  const stations = units.filter((u) => u.level === 'station')
  const byId = new Map<string, Unit>(units.map((u) => [u._id, u]))
  const rnd = random(20261125)
  const activities: DemoActivities['activities'] = []
  const registrations: ActivityRegistration[] = []

  for (const w of [0, 1]) {
    const monday = weekKey(now, w)
    for (let i = 0; i < PER_WEEK; i++) {
      // Every fifth activity is at the first station (the e2e and the demo identities' home).
      const unit = i % 5 === 0 ? byId.get(DEMO_IDS.firstStation)! : stations[(i + w * 7) % stations.length]!
      const template = TEMPLATES[(i + w * 3) % TEMPLATES.length]!
      const day = formatDate(parseShanghaiDate(monday).getTime() + (i % 7) * 86_400_000)
      const start = atShanghai(day, template.at)
      const id = `act-${monday}-${String(i + 1).padStart(2, '0')}`
      const capacity = template.capacity ?? null
      let registered = capacity === null ? 0 : Math.floor(rnd() * capacity * 0.7)
      // At the first station: this week one activity full and one cancelled; next week one with room.
      const fullOne = w === 0 && i === 5 && capacity !== null
      if (fullOne) registered = capacity
      const cancelled = w === 0 && i === 10
      const registrants = residents(i * 13 + w * 101, registered)
      if (w === 0 && i === 5 && capacity !== null) registrants[0] = DEMO_IDENTITIES.elder
      const practiceDay = template.title.startsWith('移风易俗树新风')
      activities.push({
        _id: id,
        unitId: unit._id,
        unitPath: [...unit.ancestors, unit._id],
        unitName: unit.name,
        title: template.title,
        category: template.category,
        description: template.description,
        place: template.place,
        start: new Date(start),
        end: new Date(start + template.minutes * 60_000),
        registrationRequired: capacity !== null,
        capacity,
        registeredCount: registrants.length,
        registrants,
        volunteerSlots: template.volunteers ?? 0,
        theme: practiceDay || rnd() < 0.3 ? MONTH_THEME : null,
        practiceDay,
        coverFileId: null,
        contactPhone: unit.phone,
        status: cancelled ? 'cancelled' : 'published',
        cancelReason: cancelled ? '场地临时检修，活动延期，时间另行通知' : null,
        cancelledAt: cancelled ? now : null,
        cancelledBy: cancelled ? DEMO_IDENTITIES.stationManager : null,
        attendedCount: 0,
        contentCheck: 'pass',
        createdBy: DEMO_IDENTITIES.stationManager,
        createdAt: now,
        updatedAt: now,
      })
      for (const openid of registrants) {
        registrations.push({
          _id: registrationId(id, openid),
          activityId: id,
          openid,
          unitId: unit._id,
          status: 'registered',
          activityStart: new Date(start),
          registeredAt: now,
          withdrawnAt: null,
          cancelNotice: cancelled ? 'pending' : null,
          updatedAt: now,
        })
      }
    }
  }
  return { activities, registrations }
}

export async function seedActivities(cloud: { db: SeedDb }, now: Date): Promise<void> {
  const demo = demoActivities(now)
  await insertDocs(cloud.db, activities, demo.activities)
  await insertDocs(cloud.db, registrations, demo.registrations)
}
