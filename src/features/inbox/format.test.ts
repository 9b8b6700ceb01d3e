import type { InboxMessage } from '@core/contract'
import { inboxLabel, messageLines, receivedText } from './format'

const at = Date.parse('2026-11-25T06:00:00Z') // 14:00 in Shanghai, a Wednesday

describe('inbox text', () => {
  it('writes when a message came as elders read it', () => {
    expect(receivedText(at, at + 60_000)).toBe('今天 下午2:00')
    expect(receivedText(at, at + 3 * 86_400_000)).toBe('11月25日 星期三 下午2:00')
  })

  it('says read or unread in words, then the text', () => {
    const m: InboxMessage = {
      _id: 'e:o',
      kind: 'activityCancelled',
      title: '活动取消：讲座',
      body: '您报名的「讲座」已取消。',
      page: 'pages/activity/index?id=a',
      createdAt: at,
      read: false,
    }
    expect(messageLines(m, at)).toEqual(['未读 · 今天 下午2:00', '您报名的「讲座」已取消。'])
    expect(messageLines({ ...m, read: true }, at)[0]).toMatch(/^已读/)
  })

  it('shows the unread count on the entry only when there is one', () => {
    expect(inboxLabel(0)).toBe('我的消息')
    expect(inboxLabel(3)).toBe('我的消息（3 条未读）')
  })
})
