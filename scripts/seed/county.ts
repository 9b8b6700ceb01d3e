/**
 * The demo county: fictional names, real-looking coordinates in one county town (GCJ-02).
 * Deterministic, so screenshots, e2e tests and benchmarks see the same data every time.
 */
import type { GeoPoint, Team, Unit, UnitLevel, UserRecord } from '../../core/domain'

export const DEMO_CENTER_COORDS = { latitude: 36.7005, longitude: 119.1012 }

export const DEMO_IDS = {
  center: 'u-qh-center',
  firstStation: 'u-qh-s01',
} as const

/** Demo identities the H5 switcher offers (openid → who). */
export const DEMO_IDENTITIES = {
  resident: 'demo-resident',
  elder: 'demo-elder',
  volunteer: 'demo-volunteer',
  stationManager: 'demo-station-manager',
  centerAdmin: 'demo-center-admin',
} as const

function point(latitude: number, longitude: number): GeoPoint {
  return { type: 'Point', coordinates: [longitude, latitude] }
}

/** Metres → degrees near 36.7°N. */
function offset(dNorthM: number, dEastM: number): GeoPoint {
  const lat = DEMO_CENTER_COORDS.latitude + dNorthM / 111_320
  const lng =
    DEMO_CENTER_COORDS.longitude +
    dEastM / (111_320 * Math.cos((DEMO_CENTER_COORDS.latitude * Math.PI) / 180))
  return point(Number(lat.toFixed(6)), Number(lng.toFixed(6)))
}

interface UnitSeed {
  id: string
  level: UnitLevel
  name: string
  parent: string | null
  at: [number, number]
  address: string
  phone: string
  hours?: string
}

const WEEKDAY_HOURS = '周一至周五 8:30–17:30，周六 9:00–12:00'

const UNIT_SEEDS: UnitSeed[] = [
  {
    id: DEMO_IDS.center,
    level: 'center',
    name: '青禾县新时代文明实践中心',
    parent: null,
    at: [0, 0],
    address: '青禾县人民路 88 号县融媒体中心一楼',
    phone: '0536-7210001',
  },
  {
    id: 'u-qh-i01',
    level: 'institute',
    name: '城关街道新时代文明实践所',
    parent: DEMO_IDS.center,
    at: [350, -420],
    address: '城关街道府前街 12 号',
    phone: '0536-7210101',
  },
  {
    id: 'u-qh-i02',
    level: 'institute',
    name: '东城街道新时代文明实践所',
    parent: DEMO_IDS.center,
    at: [-200, 1600],
    address: '东城街道振兴路 301 号',
    phone: '0536-7210201',
  },
  {
    id: 'u-qh-i03',
    level: 'institute',
    name: '南湖镇新时代文明实践所',
    parent: DEMO_IDS.center,
    at: [-2600, 300],
    address: '南湖镇镇府街 6 号',
    phone: '0536-7210301',
  },
  {
    id: DEMO_IDS.firstStation,
    level: 'station',
    name: '幸福里社区新时代文明实践站',
    parent: 'u-qh-i01',
    at: [180, 120],
    address: '城关街道幸福里社区党群服务中心',
    phone: '0536-7211001',
  },
  {
    id: 'u-qh-s02',
    level: 'station',
    name: '文昌社区新时代文明实践站',
    parent: 'u-qh-i01',
    at: [520, -260],
    address: '城关街道文昌路 45 号',
    phone: '0536-7211002',
  },
  {
    id: 'u-qh-s03',
    level: 'station',
    name: '槐荫社区新时代文明实践站',
    parent: 'u-qh-i01',
    at: [-380, -610],
    address: '城关街道槐荫巷 3 号',
    phone: '0536-7211003',
  },
  {
    id: 'u-qh-s04',
    level: 'station',
    name: '新华社区新时代文明实践站',
    parent: 'u-qh-i01',
    at: [760, 380],
    address: '城关街道新华路 210 号',
    phone: '0536-7211004',
  },
  {
    id: 'u-qh-s05',
    level: 'station',
    name: '朝阳社区新时代文明实践站',
    parent: 'u-qh-i02',
    at: [-90, 1150],
    address: '东城街道朝阳路 66 号',
    phone: '0536-7212001',
  },
  {
    id: 'u-qh-s06',
    level: 'station',
    name: '滨河社区新时代文明实践站',
    parent: 'u-qh-i02',
    at: [-640, 1920],
    address: '东城街道滨河东路 18 号',
    phone: '0536-7212002',
  },
  {
    id: 'u-qh-s07',
    level: 'station',
    name: '盛景社区新时代文明实践站',
    parent: 'u-qh-i02',
    at: [400, 2400],
    address: '东城街道盛景花园东门',
    phone: '0536-7212003',
  },
  {
    id: 'u-qh-s08',
    level: 'station',
    name: '东关村新时代文明实践站',
    parent: 'u-qh-i02',
    at: [1200, 2900],
    address: '东城街道东关村村委会',
    phone: '0536-7212004',
  },
  {
    id: 'u-qh-s09',
    level: 'station',
    name: '南湖村新时代文明实践站',
    parent: 'u-qh-i03',
    at: [-2450, 150],
    address: '南湖镇南湖村党群服务中心',
    phone: '0536-7213001',
  },
  {
    id: 'u-qh-s10',
    level: 'station',
    name: '柳营村新时代文明实践站',
    parent: 'u-qh-i03',
    at: [-3100, -700],
    address: '南湖镇柳营村文化广场',
    phone: '0536-7213002',
  },
  {
    id: 'u-qh-s11',
    level: 'station',
    name: '石桥村新时代文明实践站',
    parent: 'u-qh-i03',
    at: [-2900, 1300],
    address: '南湖镇石桥村村委会',
    phone: '0536-7213003',
  },
  {
    id: 'u-qh-s12',
    level: 'station',
    name: '王家庄新时代文明实践站',
    parent: 'u-qh-i03',
    at: [-3800, 600],
    address: '南湖镇王家庄村委会',
    phone: '0536-7213004',
  },
  {
    id: 'u-qh-p01',
    level: 'point',
    name: '青禾农商银行幸福里网点实践点',
    parent: DEMO_IDS.firstStation,
    at: [230, 60],
    address: '幸福里社区南门农商银行',
    phone: '0536-7211011',
    hours: '周一至周日 9:00–17:00',
  },
  {
    id: 'u-qh-p02',
    level: 'point',
    name: '县博物馆文明实践点',
    parent: 'u-qh-s02',
    at: [610, -330],
    address: '文昌路 60 号县博物馆',
    phone: '0536-7211021',
    hours: '周二至周日 9:00–16:30',
  },
  {
    id: 'u-qh-p03',
    level: 'point',
    name: '朝阳暖心食堂实践点',
    parent: 'u-qh-s05',
    at: [-60, 1230],
    address: '朝阳社区老年活动中心一楼',
    phone: '0536-7212011',
    hours: '每天 11:00–13:00',
  },
]

export function demoUnits(): Unit[] {
  const byId = new Map<string, Unit>()
  return UNIT_SEEDS.map((s, i) => {
    const parent = s.parent ? byId.get(s.parent) : undefined
    const unit: Unit = {
      _id: s.id,
      level: s.level,
      name: s.name,
      parentId: s.parent,
      ancestors: parent ? [...parent.ancestors, parent._id] : [],
      address: s.address,
      location: offset(s.at[0], s.at[1]),
      phone: s.phone,
      hours: s.hours ?? WEEKDAY_HOURS,
      code: `QH${String(i).padStart(3, '0')}`,
    }
    byId.set(unit._id, unit)
    return unit
  })
}

const TEAM_SEEDS: Array<[string, string, string]> = [
  ['t-qh-01', '青禾县理论宣讲志愿服务队', DEMO_IDS.center],
  ['t-qh-02', '青禾县医疗义诊志愿服务队', DEMO_IDS.center],
  ['t-qh-03', '城关街道红马甲志愿服务队', 'u-qh-i01'],
  ['t-qh-04', '东城街道巧手家电维修队', 'u-qh-i02'],
  ['t-qh-05', '南湖镇移风易俗宣传队', 'u-qh-i03'],
  ['t-qh-06', '幸福里社区邻里守望队', DEMO_IDS.firstStation],
]
const SPECIALITIES = ['理论宣讲', '健康义诊', '关爱帮扶', '家电维修', '移风易俗', '关爱帮扶']

export function demoTeams(): Team[] {
  return TEAM_SEEDS.map(([id, name, unitId], i) => ({ _id: id, name, unitId, speciality: SPECIALITIES[i]! }))
}

/** A small deterministic generator (mulberry32) so the demo data never changes between runs. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗'
const GIVEN = [
  '秀英',
  '桂兰',
  '建国',
  '志强',
  '丽华',
  '玉梅',
  '海燕',
  '明',
  '静',
  '军',
  '芳',
  '伟',
  '磊',
  '红梅',
  '凤英',
  '国庆',
  '淑珍',
  '立新',
  '春生',
  '小燕',
]

export function demoUsers(now: Date): UserRecord[] {
  const rnd = random(20261121)
  const stations = demoUnits().filter((u) => u.level === 'station')
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const name = () => `${pick([...SURNAMES])}${pick(GIVEN)}`
  const users: UserRecord[] = [
    {
      _id: DEMO_IDENTITIES.resident,
      name: '张丽华',
      grants: [],
      homeUnitId: DEMO_IDS.firstStation,
      createdAt: now,
    },
    {
      _id: DEMO_IDENTITIES.elder,
      name: '李桂兰',
      grants: [],
      homeUnitId: DEMO_IDS.firstStation,
      createdAt: now,
    },
    {
      _id: DEMO_IDENTITIES.volunteer,
      name: '赵志强',
      grants: [{ role: 'volunteer', unitId: 'u-qh-i01' }],
      teamIds: ['t-qh-03', 't-qh-06'],
      homeUnitId: DEMO_IDS.firstStation,
      createdAt: now,
    },
    {
      _id: DEMO_IDENTITIES.stationManager,
      name: '刘建国',
      grants: [{ role: 'manager', unitId: DEMO_IDS.firstStation }],
      homeUnitId: DEMO_IDS.firstStation,
      createdAt: now,
    },
    {
      _id: DEMO_IDENTITIES.centerAdmin,
      name: '陈明',
      grants: [{ role: 'manager', unitId: DEMO_IDS.center }],
      createdAt: now,
    },
  ]
  const teams = demoTeams()
  for (let i = 1; i <= 50; i++) {
    const team = pick(teams)
    users.push({
      _id: `seed-volunteer-${String(i).padStart(3, '0')}`,
      name: name(),
      grants: [{ role: 'volunteer', unitId: team.unitId }],
      teamIds: [team._id],
      homeUnitId: pick(stations)._id,
      createdAt: now,
    })
  }
  for (let i = 1; i <= 200; i++) {
    users.push({
      _id: `seed-resident-${String(i).padStart(3, '0')}`,
      name: name(),
      grants: [],
      homeUnitId: pick(stations)._id,
      createdAt: now,
    })
  }
  return users
}
