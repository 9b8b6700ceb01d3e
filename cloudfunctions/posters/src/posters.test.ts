import { PNG } from 'pngjs'
import { activities } from '../../../core/contract/activities.collections'
import { posters } from '../../../core/contract/posters.collections'
import { weekKey } from '../../../core/time'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { activityDoc } from '../../../testing/activity-doc'
import { clearOfMidnight } from '../../../testing/clock'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

/** A Monday far from the seeded weeks: the poster's week in these tests. */
const WEEK = '2030-03-04'
const at = (ymdHm: string) => new Date(`${ymdHm}:00+08:00`)
const S02_PATH = [DEMO_IDS.center, 'u-qh-i01', 'u-qh-s02']

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
  const docs = [
    activityDoc({
      _id: 'pa-1',
      title: '重阳敬老助餐',
      start: at('2030-03-05T09:00'),
      end: at('2030-03-05T11:00'),
      place: '幸福里社区党群服务中心',
      registrationRequired: true,
      capacity: 30,
    }),
    activityDoc({
      _id: 'pa-2',
      title: '已取消的防诈讲座',
      status: 'cancelled',
      cancelReason: '场地维修',
      start: at('2030-03-06T14:00'),
      end: at('2030-03-06T16:00'),
    }),
    activityDoc({
      _id: 'pa-3',
      title: '网点金融知识课',
      unitId: 'u-qh-p01',
      unitPath: [...activityDoc({ _id: 'x' }).unitPath, 'u-qh-p01'],
      start: at('2030-03-07T19:00'),
      end: at('2030-03-07T20:30'),
    }),
    activityDoc({
      _id: 'pa-4',
      title: '别站的书法课',
      unitId: 'u-qh-s02',
      unitPath: S02_PATH,
      unitName: '文昌社区新时代文明实践站',
      start: at('2030-03-05T09:00'),
      end: at('2030-03-05T10:00'),
    }),
    activityDoc({
      _id: 'pa-6',
      title: '社区电影放映',
      place: '南门广场',
      start: at('2030-03-10T19:00'),
      end: at('2030-03-10T21:00'),
    }),
    activityDoc({
      _id: 'pa-5',
      title: '下一周的活动',
      start: at('2030-03-11T09:00'),
      end: at('2030-03-11T10:00'),
    }),
  ]
  await t.cloud.db.insertMany(
    activities.name,
    docs.map((d) => d as unknown as Record<string, unknown>),
  )
}, 120_000)
afterAll(async () => {
  await t?.stop()
})

async function fetchPng(url: string | null): Promise<{ bytes: Buffer; png: PNG }> {
  expect(url).toMatch(/^https?:\/\//)
  const res = await fetch(url!)
  expect(res.status).toBe(200)
  const bytes = Buffer.from(await res.arrayBuffer())
  return { bytes, png: PNG.sync.read(bytes) }
}

describe('posters.weekly', () => {
  it("draws the station's week as the weekly list shows it: cancelled, other stations' and other weeks' left out", async () => {
    const t0 = process.hrtime.bigint()
    const poster = await t
      .as(DEMO_IDENTITIES.stationManager)
      .ok('posters', 'weekly', { unitId: DEMO_IDS.firstStation, week: WEEK })
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    expect(poster.lines).toEqual([
      {
        activityId: 'pa-1',
        title: '重阳敬老助餐',
        when: '3月5日 星期二 上午9:00–11:00',
        place: '幸福里社区党群服务中心',
        note: '需报名 · 限 30 人',
      },
      {
        activityId: 'pa-3',
        title: '网点金融知识课',
        when: '3月7日 星期四 晚上7:00–8:30',
        place: '活动室',
        note: null,
      },
      {
        activityId: 'pa-6',
        title: '社区电影放映',
        when: '3月10日 星期日 晚上7:00–9:00',
        place: '南门广场',
        note: null,
      },
    ])
    expect(poster).toMatchObject({
      unit: { _id: DEMO_IDS.firstStation, name: '幸福里社区新时代文明实践站' },
      week: { start: WEEK, label: '3月4日–3月10日' },
      more: 0,
      drawn: true,
      width: 1080,
      name: '幸福里社区新时代文明实践站-3月4日–3月10日活动预告.png',
    })
    const { bytes, png } = await fetchPng(poster.url)
    console.log(
      `posters.weekly (first call, drawn): ${ms.toFixed(0)} ms, PNG ${(bytes.length / 1024).toFixed(1)} KB, ${png.width}×${png.height}`,
    )
    expect([png.width, png.height, bytes.length]).toEqual([1080, poster.height, poster.bytes])
    const [record] = t.cloud.db.find(posters.name, { _id: posters.id(DEMO_IDS.firstStation, WEEK) })
    expect(record).toMatchObject({
      fileId: poster.fileId,
      unitPath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
    })
  })

  it('reuses the stored poster while nothing changed, and draws again when the list changes', async () => {
    const me = t.as(DEMO_IDENTITIES.stationManager)
    const first = await me.ok('posters', 'weekly', { unitId: DEMO_IDS.firstStation, week: WEEK })
    const again = await me.ok('posters', 'weekly', { unitId: DEMO_IDS.firstStation, week: WEEK })
    expect(again).toMatchObject({ drawn: false, fileId: first.fileId })
    await me.ok('activities', 'cancel', { id: 'pa-6', reason: '放映设备故障，改期另行通知' })
    const changed = await me.ok('posters', 'weekly', { unitId: DEMO_IDS.firstStation, week: WEEK })
    expect(changed.drawn).toBe(true)
    expect(changed.fileId).not.toBe(first.fileId)
    expect(changed.lines.map((l) => l.activityId)).toEqual(['pa-1', 'pa-3'])
  })

  it('lets a manager above the station draw it; refuses a resident and the manager of another station', async () => {
    const center = await t
      .as(DEMO_IDENTITIES.centerAdmin)
      .ok('posters', 'weekly', { unitId: DEMO_IDS.firstStation, week: WEEK })
    expect(center.lines.map((l) => l.activityId)).toEqual(['pa-1', 'pa-3'])
    expect(
      await t.as(DEMO_IDENTITIES.resident).call('posters', 'weekly', { unitId: DEMO_IDS.firstStation }),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    // the station manager manages u-qh-s01 only
    expect(
      await t
        .as(DEMO_IDENTITIES.stationManager)
        .call('posters', 'weekly', { unitId: 'u-qh-s02', week: WEEK }),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
  })

  it('defaults to next week, and answers bad input and unknown units in words', async () => {
    await clearOfMidnight(60_000)
    const poster = await t
      .as(DEMO_IDENTITIES.stationManager)
      .ok('posters', 'weekly', { unitId: DEMO_IDS.firstStation })
    expect(poster.week.start).toBe(weekKey(Date.now(), 1))
    expect(
      await t
        .as(DEMO_IDENTITIES.stationManager)
        .call('posters', 'weekly', { unitId: DEMO_IDS.firstStation, week: '2030-3-4' }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '日期格式应为 2026-12-07',
    })
    expect(
      await t.as(DEMO_IDENTITIES.centerAdmin).call('posters', 'weekly', { unitId: 'u-nowhere' }),
    ).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: '没有找到这个单位，可能已撤销',
    })
  })
})
