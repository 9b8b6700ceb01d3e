/**
 * The timer in config.json against the schedule (cron evaluated in UTC+8 by the local cloud's cron, as
 * on the platform), and the notice data against the local cloud's copy of WeChat's value rules.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { nextFireTime } from '../../../local-cloud/src'
import { checkDataEntry } from '../../../local-cloud/src/openapi/subscribe-message'
import { planNotice, type PracticeSchedule } from '../../../core/notices/schedule'
import {
  buildTemplateData,
  DEFAULT_NOTICE_TEMPLATE,
  type TemplateField,
} from '../../../core/notices/template'
import { DEFAULT_TIMEOUT_MS } from './fanout/deps'

const config = JSON.parse(readFileSync(join(__dirname, '..', 'config.json'), 'utf8')) as {
  timeout: number
  triggers: { name: string; type: string; config: string }[]
  permissions: { openapi: string[] }
}
const cron = config.triggers[0]!.config

describe('config.json', () => {
  it('declares one timer, the send permission, and the timeout the batch budget assumes', () => {
    expect(config.triggers).toHaveLength(1)
    expect(config.triggers[0]!.type).toBe('timer')
    expect(cron.split(/\s+/)).toHaveLength(7)
    expect(config.permissions.openapi).toEqual(['subscribeMessage.send'])
    expect(config.timeout * 1000).toBe(DEFAULT_TIMEOUT_MS)
    expect(config.timeout).toBeLessThanOrEqual(60)
  })
})

describe('the timer fires at the planned time (Asia/Shanghai)', () => {
  const cases: Array<[string, string, PracticeSchedule, string]> = [
    [
      'the 15th, the day before at 09:00',
      '2026-11',
      { day: 15, sendDaysBefore: 1, sendAt: '09:00' },
      '2026-11-14T01:00:00.000Z',
    ],
    [
      'the 31st in February, the day before',
      '2026-02',
      { day: 31, sendDaysBefore: 1, sendAt: '09:00' },
      '2026-02-27T01:00:00.000Z',
    ],
    [
      'the 1st of January, sent on New Year’s Eve',
      '2027-01',
      { day: 1, sendDaysBefore: 1, sendAt: '20:30' },
      '2026-12-31T12:30:00.000Z',
    ],
    [
      'the 29th in a leap February, same day 07:05',
      '2028-02',
      { day: 29, sendDaysBefore: 0, sendAt: '07:05' },
      '2028-02-28T23:05:00.000Z',
    ],
  ]
  it.each(cases)('%s', (_name, month, schedule, expected) => {
    const { fireAt } = planNotice(month, schedule)
    expect(fireAt.toISOString()).toBe(expected)
    expect(nextFireTime(cron, new Date(fireAt.getTime() - 1000))?.toISOString()).toBe(expected)
  })

  it('a send time between ticks is picked up by the next tick, within 5 minutes', () => {
    const { fireAt } = planNotice('2026-11', { day: 15, sendDaysBefore: 1, sendAt: '09:07' })
    const tick = nextFireTime(cron, fireAt)!
    expect(tick.getTime() - fireAt.getTime()).toBeGreaterThan(0)
    expect(tick.getTime() - fireAt.getTime()).toBeLessThanOrEqual(5 * 60_000)
  })
})

describe('notice data within WeChat value limits', () => {
  const nasty = {
    theme: '十一月新时代文明实践日：“邻里守望·温暖同行”关爱空巢老人主题志愿服务活动🎉🎉',
    time: { start: new Date('2026-11-15T00:30:00Z'), end: new Date('2026-11-15T16:30:00Z') },
    place: '城关街道幸福里社区党群服务中心\n二楼\t多功能活动室（东侧电梯上楼）',
    note: '\u0007请携带身份证和医保卡，空腹前来测血糖。Bring your ID card please!',
    title: 'ABC 健康义诊 😀',
    center: '青禾县新时代文明实践中心（县融媒体中心）',
    station: 'Xingfuli Community Station of Civilization Practice',
    phone: '0536-7211001 转 8008（工作日）',
  }
  const mappings: TemplateField[][] = [
    DEFAULT_NOTICE_TEMPLATE.fields,
    [
      { key: 'phrase1', source: 'title' },
      { key: 'date2', source: 'time' },
      { key: 'name3', source: 'center' },
      { key: 'phone_number4', source: 'phone' },
      { key: 'thing5', source: 'time' },
    ],
    [
      { key: 'name1', source: 'station' },
      { key: 'thing2', source: 'station' },
      { key: 'thing3', source: 'title' },
    ],
  ]
  it.each(mappings.map((m) => [m.map((f) => f.key).join(','), m]))(
    'every value of %s passes the emulator',
    (_keys, fields) => {
      const data = buildTemplateData(fields, nasty)
      for (const [key, entry] of Object.entries(data))
        expect([key, checkDataEntry(key, entry)]).toEqual([key, undefined])
    },
  )

  it('the emulator would refuse the raw values (the fitting is what makes them pass)', () => {
    expect(checkDataEntry('thing1', { value: nasty.theme })).toMatch(/thing1/)
    expect(checkDataEntry('phrase1', { value: nasty.title })).toMatch(/phrase1/)
  })
})
