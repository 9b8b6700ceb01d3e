import { rmSync } from 'node:fs'
import { Query } from 'mingo'
import { Database } from './index'
import { rejection, sdk, startHarness, tempDir, writeIndexes, type Harness } from './testing/harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness({
    indexes: [
      { collection: 'users', indexes: [{ name: 'code_unique', keys: { code: 1 }, unique: true }] },
      {
        collection: 'signins',
        indexes: [{ name: 'user_activity', keys: { userId: 1, activityId: 1 }, unique: true }],
      },
      {
        collection: 'activities',
        indexes: [
          { name: 'station_start', keys: { stationId: 1, start: 1 } },
          { name: 'status', keys: { status: 1 } },
        ],
      },
      { collection: 'small', indexes: [] },
    ],
  })
})

afterAll(async () => {
  await h.close()
})

describe('declared collections', () => {
  it('exist from the start, empty', async () => {
    const res = await sdk(h.wx.collection('small').get())
    expect(res.data).toEqual([])
    expect(h.db.listCollections().map((c) => c.name)).toEqual(['activities', 'signins', 'small', 'users'])
  })
})

describe('unique indexes', () => {
  it('lets exactly one of 200 concurrent inserts of the same key succeed', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        sdk(h.wx.collection('users').add({ data: { code: 'SAME', n: i } })),
      ),
    )
    const ok = attempts.filter((a) => a.status === 'fulfilled')
    const failed = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')
    expect(ok).toHaveLength(1)
    expect(failed).toHaveLength(199)
    for (const f of failed) {
      const err = f.reason as Error & { errCode?: number }
      expect(err.errCode).toBe(-502001)
      expect(err.message).toContain(
        'E11000 duplicate key error collection: tnt-local.users index: code_unique',
      )
    }
    expect(h.db.find('users', { code: 'SAME' })).toHaveLength(1)
  })

  it('counts a missing field as null', async () => {
    await sdk(h.wx.collection('users').add({ data: { name: 'no code' } }))
    const second = await rejection(sdk(h.wx.collection('users').add({ data: { name: 'no code either' } })))
    expect(second.message).toContain('dup key: { code: null }')
    const explicitNull = await rejection(sdk(h.wx.collection('users').add({ data: { code: null } })))
    expect(explicitNull.message).toContain('E11000')
  })

  it('enforces compound keys on insert, update and set, all-or-nothing', async () => {
    const signins = h.wx.collection('signins')
    await sdk(signins.add({ data: { _id: 's1', userId: 'u1', activityId: 'a1' } }))
    await sdk(signins.add({ data: { _id: 's2', userId: 'u1', activityId: 'a2' } }))
    await sdk(signins.add({ data: { _id: 's3', userId: 'u2', activityId: 'a1' } }))
    const dup = await rejection(sdk(signins.add({ data: { userId: 'u1', activityId: 'a1' } })))
    expect(dup.message).toContain('dup key: { userId: "u1", activityId: "a1" }')
    const upd = await rejection(sdk(signins.doc('s2').update({ data: { activityId: 'a1' } })))
    expect(upd.message).toContain('E11000')
    const set = await rejection(sdk(signins.doc('s3').set({ data: { userId: 'u1', activityId: 'a2' } })))
    expect(set.message).toContain('E11000')
    const many = await rejection(
      sdk(signins.where({ userId: 'u1' }).update({ data: { activityId: 'same' } })),
    )
    expect(many.message).toContain('E11000')
    expect(h.db.find('signins').map((d) => `${d._id}:${d.userId}/${d.activityId}`)).toEqual([
      's1:u1/a1',
      's2:u1/a2',
      's3:u2/a1',
    ])
    // Swapping keys between documents in one write is fine: only the result must be unique.
    await sdk(signins.where({ userId: 'u1' }).update({ data: { userId: 'u3' } }))
    expect(h.db.find('signins', { userId: 'u3' })).toHaveLength(2)
    await sdk(signins.doc('s1').remove())
    await sdk(signins.add({ data: { userId: 'u3', activityId: 'a1' } }))
  })

  it('keeps a unique index the existing data violates, unenforced, with a warning', async () => {
    const dir = tempDir('dup-data')
    const logs: string[] = []
    const first = await Database.open({ dataDir: dir, log: (m) => logs.push(m) })
    await first.insertMany('tags', [{ name: 'x' }, { name: 'x' }])
    await first.close()
    writeIndexes(`${dir}/decl`, [
      { collection: 'tags', indexes: [{ name: 'name_unique', keys: { name: 1 }, unique: true }] },
    ])
    const second = await Database.open({ dataDir: dir, indexesDir: `${dir}/decl`, log: (m) => logs.push(m) })
    expect(second.find('tags')).toHaveLength(2)
    expect(logs.some((l) => l.includes('name_unique') && l.includes('not enforced'))).toBe(true)
    await second.close()
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('query planning', () => {
  const day = 86400000
  const t0 = Date.UTC(2025, 0, 6)
  const activities = Array.from({ length: 2000 }, (_, i) => ({
    _id: `act${i}`,
    stationId: `st${i % 40}`,
    start: new Date(t0 + ((i * 7919) % 60) * day + (i % 24) * 3600000),
    status: ['open', 'closed', 'draft'][i % 3],
    seats: i % 17,
  }))

  beforeAll(async () => {
    await h.db.insertMany('activities', activities)
  })

  const expectNoScan = async (fn: () => Promise<unknown>): Promise<void> => {
    const before = h.db.stats().scans
    await fn()
    expect(h.db.stats().scans).toBe(before)
  }

  it('serves _id, equality, $in, prefix and prefix+range queries from indexes, without scanning', async () => {
    const _ = h.wx.command
    const acts = h.wx.collection('activities')
    await expectNoScan(async () => {
      expect((await sdk(acts.doc('act7').get())).data.stationId).toBe('st7')
      expect((await sdk(acts.where({ _id: _.in(['act1', 'act2', 'nope']) }).get())).data).toHaveLength(2)
      expect((await sdk(acts.where({ status: 'draft' }).count())).total).toBe(666)
      expect((await sdk(acts.where({ status: _.in(['open', 'draft']) }).count())).total).toBe(1333)
      expect((await sdk(acts.where({ stationId: 'st3' }).count())).total).toBe(50)
      const from = new Date(t0 + 10 * day)
      const to = new Date(t0 + 20 * day)
      const res = await sdk(
        acts
          .where({ stationId: 'st3', start: _.gte(from).and(_.lt(to)) })
          .limit(1000)
          .get(),
      )
      const expected = activities.filter((a) => a.stationId === 'st3' && a.start >= from && a.start < to)
      expect(expected.length).toBeGreaterThan(0)
      expect(res.data.map((d) => d._id).sort()).toEqual(expected.map((a) => a._id).sort())
      const page = await sdk(
        acts
          .where({ _id: _.gt('act1990') })
          .orderBy('_id', 'asc')
          .limit(5)
          .get(),
      )
      expect(page.data.map((d) => d._id)).toEqual(['act1991', 'act1992', 'act1993', 'act1994', 'act1995'])
      expect((await sdk(acts.where({ stationId: 'st3', seats: 5 }).count())).total).toBe(
        activities.filter((a) => a.stationId === 'st3' && a.seats === 5).length,
      )
    })
    expect(h.db.stats().unindexedQueries).toBe(0)
  })

  it('reports an unindexed query on a large collection, once per shape, and counts every scan', async () => {
    const before = h.db.stats()
    const acts = h.wx.collection('activities')
    expect((await sdk(acts.where({ seats: 3 }).count())).total).toBe(
      activities.filter((a) => a.seats === 3).length,
    )
    await sdk(acts.where({ seats: 4 }).get())
    const after = h.db.stats()
    expect(after.scans).toBe(before.scans + 2)
    expect(after.unindexedQueries).toBe(before.unindexedQueries + 2)
    expect(after.unindexed).toContainEqual({ collection: 'activities', query: '{"seats":"<number>"}' })
    expect(h.logs.filter((l) => l.includes('unindexed query on "activities"'))).toHaveLength(1)
    await sdk(acts.orderBy('seats', 'desc').limit(3).get())
    await sdk(acts.orderBy('status', 'asc').limit(3).get())
    expect(h.db.stats().unindexed).toContainEqual({
      collection: 'activities',
      query: '{"$orderBy":{"seats":-1}}',
    })
    expect(h.db.stats().unindexedQueries).toBe(after.unindexedQueries + 1)
    await sdk(h.wx.collection('small').where({ anything: 1 }).get())
    expect(h.db.stats().unindexedQueries).toBe(after.unindexedQueries + 1)
    expect(h.db.stats().scans).toBe(after.scans + 2)
  })

  it('gives the same answers through indexes as a full scan, after updates and removals', async () => {
    const _ = h.wx.command
    const acts = h.wx.collection('activities')
    await sdk(
      acts.where({ stationId: 'st5', seats: _.lt(5) }).update({ data: { start: new Date(t0 + 15 * day) } }),
    )
    await sdk(acts.where({ stationId: 'st6', seats: _.gt(10) }).update({ data: { stationId: 'st5' } }))
    await sdk(acts.where({ stationId: 'st5', seats: 7 }).remove())
    const all = h.db.find('activities', {})
    const queries: Record<string, unknown>[] = [
      { stationId: 'st5', start: { $gte: new Date(t0 + 15 * day), $lte: new Date(t0 + 30 * day) } },
      { stationId: 'st5', start: { $gt: new Date(t0 + 15 * day) } },
      { stationId: { $in: ['st5', 'st6'] }, start: { $lt: new Date(t0 + 15 * day) } },
      { stationId: 'st6' },
      { $or: [{ status: 'open' }, { _id: 'act3' }] },
    ]
    for (const q of queries) {
      const viaIndex = h.db.find('activities', q).map((d) => d._id)
      const query = new Query(q, {})
      const viaScan = all.filter((d) => query.test(d)).map((d) => d._id)
      expect(viaIndex.sort()).toEqual(viaScan.sort())
      expect(viaIndex.length).toBeGreaterThan(0)
    }
  })
})
