import { activities } from '../../../core/contract/activities.collections'
import { notice_jobs, notice_settings } from '../../../core/contract/notices.collections'
import { plans } from '../../../core/contract/plans.collections'
import { addMonths, monthKeyOf } from '../../../core/notices/schedule'
import { parseShanghaiDate, shanghai } from '../../../core/time'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { clearOfMidnight } from '../../../testing/clock'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

const { centerAdmin, stationManager, resident, volunteer } = DEMO_IDENTITIES
const STATION = DEMO_IDS.firstStation
const DAY = 86_400_000

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.stop()
})

/** Every stored version of the center's plan for a year. */
function versions(year: string) {
  return t.cloud.db.find(plans.name, { planKey: plans.key(DEMO_IDS.center, year) })
}

async function current(month: string) {
  return t.as(centerAdmin).ok('plans', 'get', { year: month.slice(0, 4) })
}

/** A month whose days are all ahead (next month), so activities may be published on any of its days. */
const NEXT = addMonths(monthKeyOf(new Date()), 1)
/** Three months ahead: no seeded activity there. */
const LATER = addMonths(monthKeyOf(new Date()), 3)

describe('plans.get', () => {
  it('answers twelve months with each month’s 文明实践日 from the notice settings; a station reads, cannot edit', async () => {
    const year = NEXT.slice(0, 4)
    const view = await t.as(stationManager).ok('plans', 'get', { year })
    expect(view.months.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => addMonths(`${year}-01`, i)),
    )
    expect(view.canEdit).toBe(false)
    expect(view.units).toEqual([])
    const day = view.practiceDay
    for (const m of view.months) {
      const pd = m.keyDates.filter((k) => k.kind === 'practiceDay')
      expect(pd).toHaveLength(1)
      expect(Number(pd[0]!.date.slice(8))).toBeLessThanOrEqual(day)
    }
    const admin = await t.as(centerAdmin).ok('plans', 'get', { year })
    expect(admin.canEdit).toBe(true)
    expect(admin.units.map((u) => u._id)).toEqual(expect.arrayContaining([DEMO_IDS.center, STATION]))
  })

  it('refuses a resident and a volunteer (role), and a center the manager is not in', async () => {
    for (const who of [resident, volunteer]) {
      expect(await t.as(who).call('plans', 'get', { year: '2026' })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
    }
    const res = await t.as(stationManager).call('plans', 'get', { year: '2026', centerId: 'u-elsewhere' })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('plans.setMonth', () => {
  it('saves a month as a new version: theme, key dates with their responsible units, the audit trail', async () => {
    const before = await current(NEXT)
    const saved = await t.as(centerAdmin).ok('plans', 'setMonth', {
      centerId: DEMO_IDS.center,
      month: NEXT,
      theme: '  弘扬雷锋精神 共建文明家园 ',
      keyDates: [
        { date: `${NEXT}-20`, kind: 'custom', title: '邻里节', unitId: STATION },
        { date: `${NEXT}-03`, kind: 'festival', title: '重阳节', unitId: DEMO_IDS.center },
      ],
      practiceDayUnitId: STATION,
      baseVersion: before.version,
    })
    expect(saved.version).toBe(before.version + 1)
    const m = saved.months.find((x) => x.month === NEXT)!
    expect(m.theme).toBe('弘扬雷锋精神 共建文明家园')
    expect(m.keyDates.map((k) => [k.date.slice(8), k.kind, k.unitId])).toEqual(
      [
        ['03', 'festival', DEMO_IDS.center],
        ['20', 'custom', STATION],
        [m.keyDates.find((k) => k.kind === 'practiceDay')!.date.slice(8), 'practiceDay', STATION],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    )
    expect(saved.history[0]).toMatchObject({ version: saved.version, changedMonths: [NEXT] })
    // every version is kept: the trail names who saved it
    const stored = versions(NEXT.slice(0, 4))
    expect(stored.find((d) => d.version === saved.version)).toMatchObject({ createdBy: centerAdmin })
    // the station manager reads the same plan
    const read = await t.as(stationManager).ok('plans', 'get', { year: NEXT.slice(0, 4) })
    expect(read.months.find((x) => x.month === NEXT)!.theme).toBe('弘扬雷锋精神 共建文明家园')
  })

  it('refuses bad input with a stable code and a Chinese message, writing nothing', async () => {
    const year = NEXT.slice(0, 4)
    const base = await current(NEXT)
    const count = versions(year).length
    const input = {
      centerId: DEMO_IDS.center,
      month: NEXT,
      theme: '主题',
      keyDates: [] as { date: string; kind: 'custom' | 'festival'; title: string; unitId: string }[],
      baseVersion: base.version,
    }
    const cases: [Record<string, unknown>, string, string | RegExp][] = [
      [{ theme: '字'.repeat(41) }, 'INVALID_INPUT', '主题不能超过 40 个字'],
      [{ month: '2026-13' }, 'INVALID_INPUT', '月份写成 2026-11 的形式'],
      [
        { keyDates: [{ date: `${addMonths(NEXT, 1)}-01`, kind: 'custom', title: '错月', unitId: STATION }] },
        'INVALID_INPUT',
        /不在 \d{4}-\d{2} 这个月里/,
      ],
      [
        { keyDates: [{ date: `${NEXT}-02`, kind: 'custom', title: '外单位', unitId: 'u-elsewhere' }] },
        'INVALID_INPUT',
        '责任单位不在本实践中心之内，或已撤销，请重新选择',
      ],
      [{ theme: '欢迎来参加赌博活动' }, 'CONTENT_RISKY', /不适宜/],
      [{ baseVersion: base.version + 5 }, 'CONFLICT', '年度计划刚被别人修改过，请重新打开后再改'],
    ]
    for (const [over, code, message] of cases) {
      const res = await t.as(centerAdmin).call('plans', 'setMonth', { ...input, ...over } as never)
      expect(res).toMatchObject({ ok: false, code })
      if (!res.ok) expect(res.message).toMatch(message)
    }
    // a station manager may read but not edit the center's plan
    const res = await t.as(stationManager).call('plans', 'setMonth', input)
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(versions(year)).toHaveLength(count)
  })

  it('two saves from the same version: one wins, the other is refused', async () => {
    const month = addMonths(NEXT, -2)
    const base = await current(month)
    const save = (theme: string) =>
      t.as(centerAdmin).call('plans', 'setMonth', {
        centerId: DEMO_IDS.center,
        month,
        theme,
        baseVersion: base.version,
      })
    const results = await Promise.all([save('甲'), save('乙')])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.code === 'CONFLICT')).toHaveLength(1)
  })
})

describe('the practice-day notice uses the plan’s month theme', () => {
  it('plan first, the settings’ own theme only for a month the plan leaves empty, and the job sends it', async () => {
    await clearOfMidnight(60_000)
    const tomorrow = shanghai(new Date()).add(1, 'day')
    const month = tomorrow.format('YYYY-MM')
    // the settings page saves a theme: the plan's and, as the fallback, the settings' own
    const settings = await t.as(centerAdmin).ok('notices', 'setSettings', {
      centerId: DEMO_IDS.center,
      day: tomorrow.date(),
      sendDaysBefore: 1,
      sendAt: '00:00',
      themes: [{ month, theme: '旧主题' }],
    })
    expect(settings.next).toMatchObject({ month, theme: '旧主题' })
    // the plan leaves the month empty: the settings' theme is used
    const base = await current(month)
    await t.as(centerAdmin).ok('plans', 'setMonth', {
      centerId: DEMO_IDS.center,
      month,
      theme: '',
      baseVersion: base.version,
    })
    const fallback = await t.as(resident).ok('notices', 'upcoming', {})
    expect(fallback.theme).toBe('旧主题')

    const cleared = await current(month)
    await t.as(centerAdmin).ok('plans', 'setMonth', {
      centerId: DEMO_IDS.center,
      month,
      theme: '计划里的主题',
      baseVersion: cleared.version,
    })
    expect((await t.as(resident).ok('notices', 'upcoming', {})).theme).toBe('计划里的主题')
    expect((await t.as(stationManager).ok('notices', 'getSettings', {})).next.theme).toBe('计划里的主题')

    await t.cloud.fireTimer('notices')
    const [job] = t.cloud.db.find(notice_jobs.name, { _id: notice_jobs.practiceId(DEMO_IDS.center, month) })
    expect(job).toMatchObject({
      title: '计划里的主题',
      values: expect.objectContaining({ theme: '计划里的主题' }),
    })
  })

  it('the settings page’s month theme is written to the plan (one source)', async () => {
    const month = addMonths(monthKeyOf(new Date()), 2)
    const before = await current(month)
    await t.as(centerAdmin).ok('notices', 'setSettings', {
      centerId: DEMO_IDS.center,
      day: 15,
      themes: [{ month, theme: '从设置页保存' }],
    })
    const after = await current(month)
    expect(after.months.find((m) => m.month === month)!.theme).toBe('从设置页保存')
    expect(after.version).toBe(before.version + 1)
    // a theme the content check refuses writes neither the plan nor the settings
    const res = await t.as(centerAdmin).call('notices', 'setSettings', {
      centerId: DEMO_IDS.center,
      day: 20,
      themes: [{ month, theme: '欢迎来参加赌博活动' }],
    })
    expect(res).toMatchObject({ ok: false, code: 'CONTENT_RISKY' })
    expect((await current(month)).version).toBe(after.version)
    expect(t.cloud.db.find(notice_settings.name, { _id: DEMO_IDS.center })[0]).toMatchObject({ day: 15 })
  })
})

describe('activities carry the month theme; the month view counts exactly', () => {
  it('themes answers the plan’s month themes for the publish form', async () => {
    const res = await t.as(stationManager).ok('plans', 'themes', { unitId: STATION })
    expect(res.themes.find((x) => x.month === NEXT)?.theme).toBe('弘扬雷锋精神 共建文明家园')
    expect(await t.as(stationManager).call('plans', 'themes', { unitId: 'u-qh-s02' })).toMatchObject({
      ok: false,
    })
  })

  it('plan against what was held, equal to a recount', async () => {
    // a month no seeded activity falls in: the statistics counters hold what the functions wrote
    const NEXT = LATER
    const base = await current(NEXT)
    await t.as(centerAdmin).ok('plans', 'setMonth', {
      centerId: DEMO_IDS.center,
      month: NEXT,
      theme: '主题月测试',
      keyDates: [{ date: `${NEXT}-20`, kind: 'custom', title: '邻里节', unitId: STATION }],
      baseVersion: base.version,
    })
    const view0 = await t.as(stationManager).ok('plans', 'month', { unitId: STATION, month: NEXT })
    expect(view0).toMatchObject({ theme: '主题月测试', activities: 0, themed: 0 })
    const at = (day: string, hour: number) => parseShanghaiDate(`${NEXT}-${day}`).getTime() + hour * 3600_000
    const draft = (day: string, inMonthTheme: boolean | undefined) => ({
      unitId: STATION,
      title: '主题活动测试',
      category: '理论宣讲' as const,
      description: '计划对照测试',
      place: '社区广场',
      start: at(day, 9),
      end: at(day, 11),
      contactPhone: '0536-7211001',
      ...(inMonthTheme === undefined ? {} : { inMonthTheme }),
    })
    const a = await t.as(stationManager).ok('activities', 'create', draft('20', true))
    await t.as(stationManager).ok('activities', 'create', draft('21', false))
    await t.as(stationManager).ok('activities', 'create', draft('22', undefined))
    const c = await t.as(stationManager).ok('activities', 'create', draft('20', true))
    await t.as(stationManager).ok('activities', 'cancel', { id: c.id, reason: '场地临时占用' })
    expect(t.cloud.db.find(activities.name, { _id: a.id })[0]).toMatchObject({ inMonthTheme: true })

    const view = await t.as(stationManager).ok('plans', 'month', { unitId: STATION, month: NEXT })
    expect(view.activities - view0.activities).toBe(3)
    expect(view.themed - view0.themed).toBe(1)
    const custom = view.keyDates.find((k) => k.date === `${NEXT}-20`)!
    expect(custom).toMatchObject({ unitId: STATION, held: custom.held })
    expect(custom.held - view0.keyDates.find((k) => k.date === `${NEXT}-20`)!.held).toBe(1)

    // the recount, from the raw activities
    const start = parseShanghaiDate(`${NEXT}-01`).getTime()
    const end = parseShanghaiDate(`${addMonths(NEXT, 1)}-01`).getTime()
    const raw = t.cloud.db
      .find(activities.name, { unitPath: STATION, status: 'published' })
      .filter(
        (d) => new Date(d.start as string).getTime() >= start && new Date(d.start as string).getTime() < end,
      )
    expect(view.activities).toBe(raw.length)
    expect(view.themed).toBe(raw.filter((d) => d.inMonthTheme === true).length)
    for (const k of view.keyDates) {
      const d0 = parseShanghaiDate(k.date).getTime()
      const onDay = t.cloud.db
        .find(activities.name, { unitPath: k.unitId, status: 'published' })
        .filter(
          (d) =>
            new Date(d.start as string).getTime() >= d0 && new Date(d.start as string).getTime() < d0 + DAY,
        )
      expect([k.date, k.held]).toEqual([k.date, onDay.length])
    }
    // the center's view rolls up the station
    const centerView = await t.as(centerAdmin).ok('plans', 'month', { unitId: DEMO_IDS.center, month: NEXT })
    expect(centerView.themed).toBeGreaterThanOrEqual(view.themed)
  })

  it('refuses a resident and a unit the manager does not manage', async () => {
    expect(await t.as(resident).call('plans', 'month', { unitId: STATION, month: NEXT })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(
      await t.as(stationManager).call('plans', 'month', { unitId: DEMO_IDS.center, month: NEXT }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(
      await t.as(stationManager).call('plans', 'month', { unitId: STATION, month: '11月' }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '月份写成 2026-11 的形式',
    })
  })
})
