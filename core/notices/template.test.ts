import {
  buildTemplateData,
  checkTemplateFields,
  cleanText,
  DEFAULT_NOTICE_TEMPLATE,
  fitValue,
  formatNoticeTime,
  NoticeDataError,
  truncate,
  type NoticeValues,
} from './template'

const values: NoticeValues = {
  theme: '11月文明实践日：邻里守望 温暖同行——关爱独居老人志愿服务',
  time: { start: new Date('2026-11-15T01:00:00Z'), end: new Date('2026-11-15T03:30:00Z') },
  place: '城关街道幸福里社区党群服务中心二楼多功能活动室',
  note: '请携带身份证\n现场有免费测血压',
  title: '健康义诊进社区',
  center: '青禾县新时代文明实践中心',
  station: '幸福里社区新时代文明实践站',
  phone: '0536-7211001 转 8',
}

const length = (s: string) => [...s].length

describe('truncate', () => {
  it('keeps text within the limit and marks a cut with an ellipsis', () => {
    expect(truncate('邻里守望', 20)).toBe('邻里守望')
    const cut = truncate('一二三四五六七八九十一二三四五六七八九十一', 20)
    expect(length(cut)).toBe(20)
    expect(cut.endsWith('…')).toBe(true)
  })

  it('counts an emoji as one character and never splits it', () => {
    const s = '🎉'.repeat(25)
    const cut = truncate(s, 20)
    expect(length(cut)).toBe(20)
    expect(cut).toBe('🎉'.repeat(19) + '…')
  })
})

describe('cleanText', () => {
  it('removes newlines and control characters', () => {
    expect(cleanText(' 请携带\n身份证\t\u0007现场 ')).toBe('请携带 身份证 现场')
  })
})

describe('formatNoticeTime', () => {
  it('writes a 24-hour range joined with ~ in Shanghai time', () => {
    expect(formatNoticeTime(values.time)).toBe('2026年11月15日 09:00~11:30')
    expect(formatNoticeTime({ start: values.time.start })).toBe('2026年11月15日 09:00')
  })

  it('writes the end date when the span crosses midnight', () => {
    const span = { start: new Date('2026-11-15T12:00:00Z'), end: new Date('2026-11-15T17:00:00Z') }
    expect(formatNoticeTime(span)).toBe('2026年11月15日 20:00~2026年11月16日 01:00')
  })
})

describe('fitValue', () => {
  it('fits every thing field to 20 characters', () => {
    for (const source of ['theme', 'place', 'note', 'title', 'center', 'station', 'phone', 'time'] as const) {
      const v = fitValue('thing9', source, values)
      expect(length(v)).toBeLessThanOrEqual(20)
      expect(v).not.toMatch(/\n/)
    }
    expect(fitValue('thing1', 'theme', values)).toBe('11月文明实践日：邻里守望 温暖同行—…')
    expect(fitValue('thing4', 'note', values)).toBe('请携带身份证 现场有免费测血压')
  })

  it('fills an empty thing with a dash (WeChat refuses an empty value)', () => {
    expect(fitValue('thing4', 'note', { ...values, note: ' \n ' })).toBe('—')
  })

  it('keeps a phrase to 5 Chinese characters only', () => {
    expect(fitValue('phrase3', 'title', values)).toBe('健康义诊进')
    expect(fitValue('phrase3', 'title', { ...values, title: 'ABC' })).toBe('文明实践')
  })

  it('keeps a name to 10 Chinese characters', () => {
    expect(fitValue('name1', 'center', values)).toBe('青禾县新时代文明实践')
  })

  it('keeps a phone number to the allowed characters', () => {
    expect(fitValue('phone_number5', 'phone', values)).toBe('0536-7211001  8')
  })

  it('formats the time for time, date and thing keywords', () => {
    expect(fitValue('time2', 'time', values)).toBe('2026年11月15日 09:00~11:30')
    expect(fitValue('date2', 'time', values)).toBe('2026年11月15日')
    expect(fitValue('thing2', 'time', values)).toBe('11月15日 09:00-11:30')
  })

  it('refuses a source that cannot fill the keyword type', () => {
    expect(() => fitValue('time2', 'theme', values)).toThrow(NoticeDataError)
    expect(() => fitValue('character_string1', 'theme', values)).toThrow(NoticeDataError)
    expect(() => fitValue('title', 'theme', values)).toThrow(NoticeDataError)
  })
})

describe('buildTemplateData', () => {
  it('builds the default template within WeChat value limits', () => {
    const data = buildTemplateData(DEFAULT_NOTICE_TEMPLATE.fields, values)
    expect(Object.keys(data)).toEqual(['thing1', 'time2', 'thing3', 'thing4'])
    for (const [key, { value }] of Object.entries(data)) {
      if (key.startsWith('thing')) expect(length(value)).toBeLessThanOrEqual(20)
      expect(value.length).toBeGreaterThan(0)
    }
    expect(data.thing3!.value).toBe('城关街道幸福里社区党群服务中心二楼多功…')
  })
})

describe('checkTemplateFields', () => {
  it('accepts the default mapping', () => {
    expect(checkTemplateFields(DEFAULT_NOTICE_TEMPLATE.fields)).toEqual({})
  })

  it('names the field that cannot work, in Chinese', () => {
    const problems = checkTemplateFields([
      { key: 'thing1', source: 'theme' },
      { key: 'time2', source: 'place' },
      { key: 'foo', source: 'note' },
      { key: 'thing1', source: 'note' },
    ])
    expect(problems['fields.1.source']).toBe('「地点」不能填入 time 类型的「time2」')
    expect(problems['fields.2.key']).toMatch(/不是订阅消息模板的关键词/)
    expect(problems['fields.3.key']).toBe('「thing1」重复了')
    expect(problems['fields.0.key']).toBeUndefined()
  })
})
