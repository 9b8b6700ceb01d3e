import { TIMER_BUDGET_MS, timerDeadline } from './timer-budget'

describe('timerDeadline', () => {
  afterEach(() => jest.restoreAllMocks())

  it('gives the steps of one run one deadline, started by the first; a new run a new one', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000)
    const run = {}
    expect(timerDeadline(run)).toBe(1_000_000 + TIMER_BUDGET_MS)
    // the second step (tellPending after reconcileRegistrations) gets only what is left
    now.mockReturnValue(1_004_000)
    expect(timerDeadline(run)).toBe(1_000_000 + TIMER_BUDGET_MS)
    expect(timerDeadline({})).toBe(1_004_000 + TIMER_BUDGET_MS)
  })
})
