import {
  attendedText,
  myServiceText,
  secondsLeft,
  serviceLine,
  sessionText,
  signinStateText,
} from './signin-text'

const at = (s: string) => new Date(`2025-11-25T${s}:00+08:00`).getTime()

describe('signinStateText', () => {
  it('writes each state out', () => {
    const w = { opensAt: at('09:00'), closesAt: at('11:00') }
    expect(signinStateText({ ...w, state: 'open' }, at('09:30'))).toBe('正在签到，上午11:00截止')
    expect(signinStateText({ ...w, state: 'upcoming' }, at('08:00'))).toBe('今天上午9:00开始签到')
    expect(signinStateText({ ...w, state: 'closed' }, at('12:00'))).toBe('签到已结束')
    expect(signinStateText({ ...w, state: 'cancelled' }, at('08:00'))).toBe('活动已取消')
  })
})

describe('sign-in lines', () => {
  it('say when and how long', () => {
    expect(attendedText(at('09:05'))).toBe('已签到（上午9:05）')
    expect(myServiceText({ signInAt: at('08:50'), signOutAt: null, minutes: null })).toBe(
      '志愿服务中，上午8:50签到',
    )
    expect(myServiceText({ signInAt: at('08:50'), signOutAt: at('11:00'), minutes: 120 })).toBe(
      '已签退，服务时长2小时',
    )
    expect(sessionText({ signInAt: at('08:50'), signOutAt: at('14:00') })).toBe(
      '上午8:50 签到 → 下午2:00 签退',
    )
    expect(sessionText({ signInAt: at('08:50'), signOutAt: null })).toBe('上午8:50 签到 → 尚未签退')
  })

  it('say a session is under way once, not "服务中（服务中）"', () => {
    const open = serviceLine({ status: 'open', minutes: null })
    expect(open).toBe('服务中，签退后计算时长')
    expect(open.match(/服务中/g)).toHaveLength(1)
    expect(serviceLine({ status: 'closed', minutes: 90 })).toBe('服务时长：1小时30分（待确认）')
    expect(serviceLine({ status: 'confirmed', minutes: 60 })).toBe('服务时长：1小时（已确认）')
  })
})

describe('secondsLeft', () => {
  it('counts down on the server’s clock, whatever the phone’s clock says', () => {
    // server said 10 s to go; the phone's clock is 1 hour off; 3 s have passed on the phone
    const received = 1_000_000
    expect(secondsLeft(50_000, 40_000, received, received + 3_000)).toBe(7)
    expect(secondsLeft(50_000, 40_000, received, received + 60_000)).toBe(0)
  })
})
