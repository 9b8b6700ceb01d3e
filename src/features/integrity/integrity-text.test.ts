import { deductionRequestId, evidenceLines, minutesText, shanghaiTime } from './integrity-text'

describe('integrity text', () => {
  it('writes Shanghai times and minutes', () => {
    expect(shanghaiTime(Date.UTC(2026, 10, 24, 1, 5))).toBe('11月24日 09:05')
    expect(minutesText(150)).toBe('2小时30分')
    expect(minutesText(45)).toBe('45分钟')
  })

  it('explains an over-long record', () => {
    const start = Date.UTC(2026, 10, 24, 1, 0)
    const lines = evidenceLines({
      kind: 'HOURS_OVER_ACTIVITY',
      record: {
        recordId: 'a_o',
        activityId: 'a',
        activityTitle: '清洁',
        unitName: '幸福里',
        openid: 'o',
        name: '张三',
        activityStart: start,
        activityEnd: start + 3_600_000,
        signInAt: start,
        signOutAt: start + 3_600_000,
        minutes: 120,
        status: 'confirmed',
        clientIp: null,
        codeStep: null,
      },
      revision: 1,
      spanMinutes: 60,
      toleranceMinutes: 15,
      overMinutes: 60,
    })
    expect(lines[1]).toBe('活动安排 1小时，确认 2小时，超出 1小时（允许误差 15 分钟）')
  })

  it('makes a stable request id credit.adjust accepts', () => {
    const id = deductionRequestId('hrs_04e13dfef559e40d8be3fffdacdc', 'seed-volunteer-001')
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,40}$/)
    expect(deductionRequestId('hrs_04e13dfef559e40d8be3fffdacdc', 'seed-volunteer-001')).toBe(id)
    expect(deductionRequestId('hrs_04e13dfef559e40d8be3fffdacdc', 'seed-volunteer-002')).not.toBe(id)
  })
})
