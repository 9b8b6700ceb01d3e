import type { ToldSummary } from '../contract/activities'
import { toldText } from './told-text'

const base: ToldSummary = {
  eventId: 'cancel:a',
  kind: 'activityCancelled',
  toTell: 35,
  told: 35,
  byMessage: 10,
  inboxOnly: 25,
  done: true,
  at: 0,
}

describe('toldText', () => {
  it('says how many were told by message and how many only in the inbox', () => {
    expect(toldText(base)).toBe(
      '已通知 35 位报名的人：10 位同时收到微信消息，25 位只在「我的消息」里（没有订阅提醒）。',
    )
  })

  it('says so while some are still to be told', () => {
    expect(toldText({ ...base, told: 12, byMessage: 4, inboxOnly: 8, done: false })).toMatch(
      /^正在通知报名的人：已通知 12 \/ 35 位/,
    )
  })

  it('says nobody needed telling', () => {
    expect(toldText(null)).toBe('没有人报名，无需通知。')
    expect(toldText({ ...base, toTell: 0, told: 0, byMessage: 0, inboxOnly: 0 })).toBe(
      '没有人报名，无需通知。',
    )
  })
})
