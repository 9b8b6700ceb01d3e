import * as inboxDb from '../../../core/contract/inbox.collections'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ seed: false })
}, 60_000)
afterAll(async () => {
  await t.stop()
})

const message = (openid: string, n: number, read = false) => ({
  _id: `ev-${n}:${openid}`,
  openid,
  eventId: `ev-${n}`,
  kind: 'notice',
  title: `消息 ${n}`,
  body: `第 ${n} 条`,
  page: 'pages/index/index',
  createdAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000),
  readAt: read ? new Date() : null,
  push: 'none',
})

describe('inbox', () => {
  it('lists my messages newest first, pages back, and counts what is unread', async () => {
    await t.cloud.db.insertMany(inboxDb.inbox.name, [
      ...Array.from({ length: 25 }, (_, n) => message('me', n, n < 5)),
      message('someone-else', 99),
    ])
    const first = await t.as('me').ok('inbox', 'list', {})
    expect(first.unread).toBe(20)
    expect(first.items).toHaveLength(20)
    expect(first.items[0]).toMatchObject({ title: '消息 24', read: false })
    expect(first.more).toBe(true)
    const older = await t.as('me').ok('inbox', 'list', { before: first.items[19]!.createdAt })
    expect(older.items.map((m) => m.title)).toEqual(['消息 4', '消息 3', '消息 2', '消息 1', '消息 0'])
    expect(older.more).toBe(false)
    expect(older.items.every((m) => m.read)).toBe(true)
  })

  it('pages back past messages sharing a millisecond without skipping or repeating one', async () => {
    const at = new Date(Date.UTC(2026, 10, 2))
    const same = (n: number) => ({ ...message('tied', n), createdAt: at })
    // seven messages written in one millisecond (a cancel telling many, a notice), one older, one newer
    await t.cloud.db.insertMany(inboxDb.inbox.name, [
      ...[1, 2, 3, 4, 5, 6, 7].map(same),
      { ...message('tied', 0), createdAt: new Date(at.getTime() - 1) },
      { ...message('tied', 8), createdAt: new Date(at.getTime() + 1) },
    ])
    const seen: string[] = []
    let page = await t.as('tied').ok('inbox', 'list', { limit: 3 })
    seen.push(...page.items.map((m) => m.title))
    while (page.more) {
      const last = page.items[page.items.length - 1]!
      page = await t.as('tied').ok('inbox', 'list', { limit: 3, before: last.createdAt, beforeId: last._id })
      seen.push(...page.items.map((m) => m.title))
    }
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0].map((n) => `消息 ${n}`))
    // each page, the (createdAt, _id) one too, is read through the openid_createdAt index
    expect(t.cloud.stats().db.unindexed).toEqual([])
  })

  it("marks read only the caller's own messages", async () => {
    expect(await t.as('me').ok('inbox', 'markRead', { ids: ['ev-24:me', 'ev-99:someone-else'] })).toEqual({
      unread: 19,
    })
    expect(await t.as('someone-else').ok('inbox', 'unread', {})).toEqual({ unread: 1 })
    expect(await t.as('me').ok('inbox', 'markRead', { all: true })).toEqual({ unread: 0 })
    expect(await t.as('someone-else').ok('inbox', 'unread', {})).toEqual({ unread: 1 })
  })

  it('says what is wrong in words, and refuses a call without a WeChat identity', async () => {
    expect(await t.as('me').call('inbox', 'markRead', {})).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '请选择要标为已读的消息',
    })
    expect(await t.as(null).call('inbox', 'list', {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })
})
