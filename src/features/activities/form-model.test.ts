import type { EditableActivity } from '@core/contract'
import { draftProblems } from '@core/activities/validation'
import { draftOf, emptyForm, formErrors, formOf } from './form-model'

const now = Date.parse('2026-11-24T02:00:00Z')

describe('the publish form', () => {
  it('starts tomorrow 9:30–11:00 at the unit, with its phone', () => {
    const form = emptyForm({ _id: 'u1', phone: '0536-7211001' }, now)
    expect(form).toMatchObject({
      unitId: 'u1',
      date: '2026-11-25',
      startTime: '09:30',
      contactPhone: '0536-7211001',
    })
    const draft = draftOf(form)
    expect(new Date(draft.start).toISOString()).toBe('2026-11-25T01:30:00.000Z')
    expect(draft.end - draft.start).toBe(90 * 60_000)
    expect(draft.capacity).toBeNull()
  })

  it('turns typed numbers into numbers, and nonsense into problems in words', () => {
    const form = { ...emptyForm(undefined, now), registrationRequired: true }
    expect(draftOf({ ...form, capacity: ' 30 ' }).capacity).toBe(30)
    expect(draftOf({ ...form, capacity: '' }).capacity).toBeNull()
    expect(draftProblems(draftOf({ ...form, capacity: 'abc' })).capacity).toBe('人数上限至少为 1')
    expect(draftProblems(draftOf({ ...form, volunteerSlots: '-2' })).volunteerSlots).toMatch(/0 到 500/)
    expect(draftOf({ ...form, registrationRequired: false, capacity: '30' }).capacity).toBeNull()
    expect(draftProblems(draftOf({ ...form, date: '' })).start).toBe('请选择开始时间')
  })

  it('puts time problems on the time boxes', () => {
    expect(
      formErrors({ end: '结束时间应晚于开始时间', start: '开始时间已经过去', title: '请填写活动名称' }),
    ).toEqual({
      endTime: '结束时间应晚于开始时间',
      startTime: '开始时间已经过去',
      title: '请填写活动名称',
    })
  })

  it('round-trips an activity being edited', () => {
    const activity: EditableActivity = {
      _id: 'a1',
      unitId: 'u1',
      unitName: '幸福里',
      status: 'published',
      registeredCount: 2,
      title: '讲座',
      category: '科普',
      description: '内容',
      place: '活动室',
      start: Date.parse('2026-11-25T01:30:00Z'),
      end: Date.parse('2026-11-25T03:00:00Z'),
      registrationRequired: true,
      capacity: 30,
      volunteerSlots: 2,
      theme: null,
      practiceDay: true,
      inMonthTheme: true,
      coverFileId: null,
      contactPhone: '13800000000',
    }
    const { _id, unitId, unitName, status, registeredCount, ...draft } = activity
    expect([_id, unitId, unitName, status, registeredCount]).toHaveLength(5)
    expect(draftOf(formOf(activity))).toEqual(draft)
  })
})
