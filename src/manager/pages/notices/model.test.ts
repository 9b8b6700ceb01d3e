import type { NoticeJobView, NoticeSettingsView } from '@core/contract'
import { emptyFailed } from '@core/notices/job'
import { DEFAULT_NOTICE_TEMPLATE } from '@core/notices/template'
import { adhocInput, jobLines, jobTitle, newRequestId, settingsForm, settingsInput } from './model'

const view: NoticeSettingsView = {
  centerId: 'u-qh-center',
  centerName: '青禾县新时代文明实践中心',
  day: 15,
  sendDaysBefore: 1,
  sendAt: '09:00',
  defaultStartTime: '09:00',
  themes: [{ month: '2026-11', theme: '邻里守望' }],
  template: DEFAULT_NOTICE_TEMPLATE,
  ratePerSecond: 500,
  concurrency: 20,
  next: { month: '2026-11', date: '2026-11-15', theme: '邻里守望', fireAt: 0 },
  saved: true,
  updatedAt: null,
}

describe('settings form', () => {
  it('round-trips the saved settings with this month and the next', () => {
    const form = settingsForm(view)
    expect(form.themeMonths).toEqual(['2026-11', '2026-12'])
    expect(form.themes).toEqual(['邻里守望', ''])
    const { input, errors } = settingsInput('u-qh-center', form)
    expect(errors).toEqual({})
    expect(input).toMatchObject({
      day: 15,
      sendDaysBefore: 1,
      themes: [
        { month: '2026-11', theme: '邻里守望' },
        { month: '2026-12', theme: '' },
      ],
      template: DEFAULT_NOTICE_TEMPLATE,
    })
  })

  it('words each problem next to its field', () => {
    const form = { ...settingsForm(view), day: '32', sendAt: '9点', templateId: '模板' }
    const { input, errors } = settingsInput('u-qh-center', form)
    expect(input).toBeUndefined()
    expect(errors.day).toMatch(/1 到 31/)
    expect(errors.sendAt).toMatch(/09:00/)
    expect(errors.templateId).toMatch(/我的模板/)
  })
})

describe('job wording', () => {
  it('writes every count and each reason for failure', () => {
    const job: NoticeJobView = {
      _id: 'pd:c:2026-11',
      kind: 'practiceDay',
      centerId: 'c',
      stationId: null,
      month: '2026-11',
      title: '邻里守望',
      state: 'halted',
      haltMessage: '已暂停：数据错误',
      total: 100,
      sent: 90,
      failed: { ...emptyFailed(), no_credit: 3, transient: 2 },
      failedTotal: 5,
      remaining: 5,
      createdAt: 0,
      updatedAt: 0,
      finishedAt: null,
    }
    expect(jobTitle(job)).toBe('11月文明实践日提醒：邻里守望（已暂停）')
    expect(jobLines(job)).toEqual([
      '应发 100 人：已送达 90 人，未送达 5 人，待发送 5 人',
      '未送达原因「用户未订阅或次数已用完」：3 人',
      '未送达原因「微信繁忙，多次重试仍失败」：2 人',
    ])
  })
})

describe('ad-hoc form', () => {
  const now = Date.parse('2026-11-20T02:00:00Z')
  const form = {
    stationId: 'u-qh-s01',
    theme: '周六停水',
    date: '2026-11-22',
    time: '09:30',
    place: '',
    note: '',
  }

  it('turns the date and time into a Shanghai instant', () => {
    const { input } = adhocInput(form, 'abcdefgh12345678', now)
    expect(input).toEqual({
      stationId: 'u-qh-s01',
      theme: '周六停水',
      start: Date.parse('2026-11-22T01:30:00Z'),
      requestId: 'abcdefgh12345678',
    })
  })

  it('keeps the theme within what a WeChat thing field holds', () => {
    const { errors } = adhocInput(
      { ...form, theme: '一二三四五六七八九十一二三四五六七八九十一' },
      'x'.repeat(16),
      now,
    )
    expect(errors.theme).toMatch(/20 个字/)
  })

  it('refuses a time already past or absurdly far, as the server would', () => {
    expect(adhocInput({ ...form, date: '2026-11-19' }, 'x'.repeat(16), now).errors.date).toMatch(/已经过去/)
    expect(adhocInput({ ...form, date: '2029-01-01' }, 'x'.repeat(16), now).errors.date).toMatch(/太远/)
  })

  it('makes request ids the server accepts', () => {
    expect(newRequestId()).toMatch(/^[a-z0-9]{16}$/)
  })
})
