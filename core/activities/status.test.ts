import {
  activityPhase,
  canWithdraw,
  phaseWord,
  placesLeft,
  placesText,
  registrationBlocker,
  type PhaseInput,
} from './status'

const start = new Date('2026-11-25T01:30:00Z') // Wed 09:30 Shanghai
const end = new Date('2026-11-25T03:00:00Z')
const before = new Date('2026-11-24T12:00:00Z')

function activity(over: Partial<PhaseInput> = {}): PhaseInput {
  return {
    status: 'published',
    start,
    end,
    registrationRequired: true,
    capacity: 30,
    registeredCount: 12,
    ...over,
  }
}

describe('the status word of an activity', () => {
  it('says 报名中 while places are left before it starts', () => {
    expect(phaseWord(activity(), before)).toBe('报名中')
  })

  it('says 已满 when every place is taken, and 无需报名 when none are needed', () => {
    expect(phaseWord(activity({ registeredCount: 30 }), before)).toBe('已满')
    expect(
      phaseWord(activity({ registrationRequired: false, capacity: null, registeredCount: 0 }), before),
    ).toBe('无需报名')
  })

  it('says 进行中 from the start (inclusive) to the end (exclusive), then 已结束', () => {
    expect(phaseWord(activity(), start)).toBe('进行中')
    expect(phaseWord(activity({ registeredCount: 30 }), new Date(end.getTime() - 1))).toBe('进行中')
    expect(phaseWord(activity(), end)).toBe('已结束')
  })

  it('says 已取消 whatever the time or places', () => {
    for (const now of [before, start, end]) {
      expect(activityPhase(activity({ status: 'cancelled', registeredCount: 30 }), now)).toBe('cancelled')
    }
    expect(phaseWord(activity({ status: 'cancelled' }), before)).toBe('已取消')
  })

  it('accepts times as epoch milliseconds or ISO strings as well as dates', () => {
    const wire = activity({ start: start.getTime(), end: end.toISOString() })
    expect(activityPhase(wire, before.getTime())).toBe('registering')
    expect(activityPhase(wire, start.toISOString())).toBe('ongoing')
  })
})

describe('places and registration', () => {
  it('counts the places left and words them', () => {
    expect(placesLeft(activity())).toBe(18)
    expect(placesLeft(activity({ registeredCount: 31 }))).toBe(0)
    expect(placesLeft(activity({ registrationRequired: false }))).toBe(Infinity)
    expect(placesText(activity())).toBe('还剩 18 个名额（共 30 个）')
    expect(placesText(activity({ registeredCount: 30 }))).toBe('名额已满（共 30 个）')
    expect(placesText(activity({ registrationRequired: false, capacity: null }))).toBeUndefined()
  })

  it('explains in words why registration is not possible', () => {
    expect(registrationBlocker(activity(), before)).toBeUndefined()
    expect(registrationBlocker(activity({ registeredCount: 30 }), before)).toMatch(/名额已满/)
    expect(registrationBlocker(activity(), start)).toMatch(/已经开始/)
    expect(registrationBlocker(activity(), end)).toMatch(/已经结束/)
    expect(registrationBlocker(activity({ status: 'cancelled' }), before)).toBe('活动已取消')
    expect(registrationBlocker(activity({ registrationRequired: false }), before)).toMatch(/无需报名/)
  })

  it('lets a registration be withdrawn only before the start of a published activity', () => {
    expect(canWithdraw(activity(), before)).toBe(true)
    expect(canWithdraw(activity(), start)).toBe(false)
    expect(canWithdraw(activity({ status: 'cancelled' }), before)).toBe(false)
  })
})
