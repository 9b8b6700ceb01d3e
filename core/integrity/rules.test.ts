import {
  BURST_THRESHOLD,
  burstAccounts,
  flagId,
  hoursOver,
  overlapOf,
  selfUnitGrants,
  serviceInterval,
  subjects,
} from './rules'

const MIN = 60_000
const T = Date.UTC(2026, 10, 24, 1, 0)

describe('integrity rules', () => {
  it('flag ids depend on kind and subject only, and fit the contract', () => {
    const id = flagId('HOURS_OVER_ACTIVITY', subjects.hours('a_o', 1))
    expect(id).toBe(flagId('HOURS_OVER_ACTIVITY', subjects.hours('a_o', 1)))
    expect(id).toMatch(/^hrs_[0-9a-f]{28}$/)
    expect(flagId('HOURS_OVER_ACTIVITY', subjects.hours('a_o', 2))).not.toBe(id)
    expect(flagId('SELF_UNIT_POINTS', 'a_o@r1')).not.toBe(id)
    expect(subjects.overlap('b', 'a')).toBe(subjects.overlap('a', 'b'))
  })

  it('hours: over the span by more than 15 minutes', () => {
    const r = { activityStart: T, activityEnd: T + 60 * MIN }
    expect(hoursOver({ ...r, minutes: 75 })).toBeNull()
    expect(hoursOver({ ...r, minutes: 90 })).toBe(30)
    expect(hoursOver({ ...r, minutes: null })).toBeNull()
  })

  it('overlap: the credited intervals, more than 5 minutes', () => {
    const at = (from: number, to: number) => ({
      activityStart: T + from * MIN,
      activityEnd: T + to * MIN,
      signInAt: T + from * MIN,
      signOutAt: T + to * MIN,
    })
    const a = serviceInterval(at(0, 120), false)
    expect(overlapOf(a, serviceInterval(at(60, 180), false))).toMatchObject({ minutes: 60 })
    expect(overlapOf(a, serviceInterval(at(115, 180), false))).toBeNull()
    expect(overlapOf(a, serviceInterval(at(120, 180), false))).toBeNull()
    // signed in early at the first: only the activity's span counts
    const early = serviceInterval({ ...at(0, 120), signInAt: T - 60 * MIN }, false)
    expect(early.from).toBe(T)
  })

  it('burst: distinct accounts within 30 seconds', () => {
    const five = [1, 2, 3, 4, 5].map((i) => ({ openid: `o${i}`, signInAt: T + i * 5000 }))
    expect(burstAccounts(five)).toBe(5)
    expect(burstAccounts(five)).toBeGreaterThanOrEqual(BURST_THRESHOLD)
    const spread = [1, 2, 3, 4, 5].map((i) => ({ openid: `o${i}`, signInAt: T + i * 10_000 }))
    expect(burstAccounts(spread)).toBe(4)
    expect(burstAccounts([...five.slice(0, 4), { openid: 'o1', signInAt: T + 6000 }])).toBe(4)
  })

  it('self unit: positive service or award lines on a unit the person manages', () => {
    const grants = [
      { role: 'manager', unitId: 's01' },
      { role: 'volunteer', unitId: 's05' },
    ]
    const path = ['c', 'i01', 's01']
    expect(selfUnitGrants({ kind: 'service', points: 10, unitPath: path }, grants)).toEqual(['s01'])
    expect(selfUnitGrants({ kind: 'award', points: 10, unitPath: ['c', 'i02', 's05'] }, grants)).toEqual([])
    expect(selfUnitGrants({ kind: 'deduct', points: -10, unitPath: path }, grants)).toEqual([])
    expect(selfUnitGrants({ kind: 'redeem', points: 10, unitPath: path }, grants)).toEqual([])
  })
})
