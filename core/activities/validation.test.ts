import {
  draftProblems,
  editProblems,
  timeProblems,
  textLength,
  cancelReasonProblem,
  type ActivityDraft,
} from './validation'
import { atShanghai, dateTimeFields } from './form'

const now = new Date('2026-11-24T02:00:00Z')
const start = atShanghai('2026-11-25', '09:30')

function draft(over: Partial<ActivityDraft> = {}): ActivityDraft {
  return {
    title: '重阳节敬老文艺汇演',
    category: '文化文艺',
    description: '社区文艺队为老人们表演节目。',
    place: '幸福里社区广场',
    start,
    end: start + 90 * 60_000,
    registrationRequired: true,
    capacity: 50,
    volunteerSlots: 5,
    theme: '孝老爱亲',
    practiceDay: false,
    coverFileId: null,
    contactPhone: '0536-7211001',
    ...over,
  }
}

describe('the publish form rules', () => {
  it('accepts a complete activity', () => {
    expect(draftProblems(draft())).toEqual({})
    expect(draftProblems(draft({ registrationRequired: false, capacity: null, theme: null }))).toEqual({})
    for (const phone of ['13800000000', '05367211001', '010-12345678', '0536-7211001-808', '400-123-4567']) {
      expect(draftProblems(draft({ contactPhone: phone }))).toEqual({})
    }
  })

  it('asks for an end after the start, and at most 7 days long', () => {
    expect(draftProblems(draft({ end: start })).end).toBe('结束时间应晚于开始时间')
    expect(draftProblems(draft({ end: start - 60_000 })).end).toBe('结束时间应晚于开始时间')
    expect(draftProblems(draft({ end: start + 7 * 86_400_000 })).end).toBeUndefined()
    expect(draftProblems(draft({ end: start + 7 * 86_400_000 + 1 })).end).toMatch(/最长 7 天/)
  })

  it('asks for a capacity of at least 1 when registration is needed', () => {
    expect(draftProblems(draft({ capacity: 0 })).capacity).toBe('人数上限至少为 1')
    expect(draftProblems(draft({ capacity: 2.5 })).capacity).toBe('人数上限至少为 1')
    expect(draftProblems(draft({ capacity: null })).capacity).toBe('需要报名的活动请填写人数上限')
    expect(draftProblems(draft({ capacity: 5001 })).capacity).toBe('人数上限最多 5000')
    expect(draftProblems(draft({ registrationRequired: false, capacity: 0 })).capacity).toBeUndefined()
  })

  it('counts text length in characters as a person counts them', () => {
    expect(textLength('𠀀好')).toBe(2)
    expect(draftProblems(draft({ title: '好' })).title).toBe('活动名称至少 2 个字')
    expect(draftProblems(draft({ title: '  ' })).title).toBe('请填写活动名称')
    expect(draftProblems(draft({ title: '字'.repeat(40) })).title).toBeUndefined()
    expect(draftProblems(draft({ title: '字'.repeat(41) })).title).toBe('活动名称不能超过 40 个字')
    expect(draftProblems(draft({ description: '' })).description).toBe('请填写活动介绍')
    expect(draftProblems(draft({ description: '字'.repeat(1001) })).description).toBe(
      '活动介绍不能超过 1000 个字',
    )
    expect(draftProblems(draft({ place: '' })).place).toBe('请填写活动地点')
    expect(draftProblems(draft({ theme: '字'.repeat(31) })).theme).toBe('月主题不能超过 30 个字')
  })

  it('checks the category, volunteer slots and phone', () => {
    expect(draftProblems(draft({ category: '打牌' as ActivityDraft['category'] })).category).toBe(
      '请选择活动类别',
    )
    expect(draftProblems(draft({ volunteerSlots: -1 })).volunteerSlots).toMatch(/0 到 500/)
    expect(draftProblems(draft({ volunteerSlots: 501 })).volunteerSlots).toMatch(/0 到 500/)
    expect(draftProblems(draft({ contactPhone: '' })).contactPhone).toBe('请填写联系电话')
    expect(draftProblems(draft({ contactPhone: '12345' })).contactPhone).toMatch(/格式不对/)
  })

  it('wants a new start in the future, but lets an unchanged past start of an edit stand', () => {
    expect(timeProblems({ start }, now)).toEqual({})
    const past = atShanghai('2026-11-23', '09:00')
    expect(timeProblems({ start: past }, now).start).toMatch(/已经过去/)
    expect(timeProblems({ start: past }, now, new Date(past))).toEqual({})
    expect(timeProblems({ start: past }, now, start).start).toMatch(/已经过去/)
    expect(timeProblems({ start: now.getTime() + 367 * 86_400_000 }, now).start).toMatch(/最多提前一年/)
  })

  it('keeps registrations already made when a manager edits', () => {
    expect(editProblems({ registrationRequired: true, capacity: 5 }, { registeredCount: 0 })).toEqual({})
    expect(editProblems({ registrationRequired: true, capacity: 5 }, { registeredCount: 5 })).toEqual({})
    expect(
      editProblems({ registrationRequired: true, capacity: 4 }, { registeredCount: 5 }).capacity,
    ).toMatch(/不能少于 5/)
    expect(
      editProblems({ registrationRequired: false, capacity: null }, { registeredCount: 2 })
        .registrationRequired,
    ).toMatch(/已有 2 人报名/)
  })

  it('asks for a cancel reason of 2 to 100 characters', () => {
    expect(cancelReasonProblem('下雨')).toBeUndefined()
    expect(cancelReasonProblem('')).toBe('请填写取消原因')
    expect(cancelReasonProblem('雨')).toBe('取消原因至少 2 个字')
    expect(cancelReasonProblem('雨'.repeat(101))).toBe('取消原因不能超过 100 个字')
  })
})

describe.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('form date and time fields with TZ=%s', (tz) => {
  const saved = process.env.TZ
  beforeAll(() => {
    process.env.TZ = tz
  })
  afterAll(() => {
    process.env.TZ = saved
  })

  it('read and write Shanghai wall-clock time', () => {
    expect(new Date(atShanghai('2026-11-25', '09:30')).toISOString()).toBe('2026-11-25T01:30:00.000Z')
    expect(new Date(atShanghai('2026-11-25', '00:15')).toISOString()).toBe('2026-11-24T16:15:00.000Z')
    expect(dateTimeFields(new Date('2026-11-24T16:15:00Z'))).toEqual({ date: '2026-11-25', time: '00:15' })
    expect(() => atShanghai('2026-11-25', '9.30')).toThrow(RangeError)
  })
})
