import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { rejection, sdk, startHarness, type Harness, type WxTransaction } from './testing/harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness({
    indexes: [
      { collection: 'counters', indexes: [] },
      { collection: 'accounts', indexes: [] },
      {
        collection: 'signins',
        indexes: [{ name: 'user_activity', keys: { userId: 1, activityId: 1 }, unique: true }],
      },
    ],
  })
})

afterAll(async () => {
  await h.close()
})

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function startTx(): Promise<WxTransaction> {
  return (await h.wx.startTransaction()) as WxTransaction
}

describe('transactions', () => {
  it('never loses an update: 100 concurrent read-modify-write transactions on one counter', async () => {
    await h.db.insertMany('counters', [{ _id: 'hits', value: 0 }])
    const counters = (t: WxTransaction) => t.collection('counters')
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        h.wx.runTransaction(async (t: WxTransaction) => {
          const { data } = await sdk(counters(t).doc('hits').get())
          await sdk(
            counters(t)
              .doc('hits')
              .update({ data: { value: data.value + 1 } }),
          )
          return data.value + 1
        }),
      ),
    )
    expect(h.db.find('counters', { _id: 'hits' })[0].value).toBe(100)
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
  })

  it('keeps writes invisible outside until commit, visible inside', async () => {
    await h.db.insertMany('accounts', [
      { _id: 'alice', balance: 100 },
      { _id: 'bob', balance: 0 },
    ])
    const t = await startTx()
    await sdk(
      t
        .collection('accounts')
        .doc('alice')
        .update({ data: { balance: h.wx.command.inc(-30) } }),
    )
    await sdk(
      t
        .collection('accounts')
        .doc('bob')
        .update({ data: { balance: h.wx.command.inc(30) } }),
    )
    const inside = await sdk(t.collection('accounts').doc('alice').get())
    expect(inside.data.balance).toBe(70)
    const outside = await sdk(h.wx.collection('accounts').where({}).get())
    expect(outside.data.map((d) => d.balance)).toEqual([100, 0])
    await t.commit()
    expect(h.db.find('accounts').map((d) => d.balance)).toEqual([70, 30])
  })

  it('inserts, sets and removes in a transaction; commit writes one journal record', async () => {
    const journalLines = (): string[] =>
      readdirSync(h.dataDir)
        .filter((f) => f.startsWith('journal-'))
        .sort()
        .flatMap((f) => readFileSync(join(h.dataDir, f), 'utf8').split('\n').filter(Boolean))
    const before = journalLines().length
    const t = await startTx()
    const added = (await sdk(
      t.collection('accounts').add({ data: { _id: 'carol', balance: 5 } }),
    )) as unknown as { _id: string }
    expect(added._id).toBe('carol')
    await sdk(
      t
        .collection('accounts')
        .doc('dave')
        .set({ data: { balance: 9 } }),
    )
    await sdk(t.collection('counters').doc('hits').remove())
    const missing = await rejection(sdk(t.collection('accounts').doc('nobody').get()))
    expect(missing.message).toContain('document with _id nobody does not exist')
    expect(h.db.find('accounts', { _id: { $in: ['carol', 'dave'] } })).toHaveLength(0)
    await t.commit()
    expect(h.db.find('accounts', { _id: { $in: ['carol', 'dave'] } }).map((d) => d.balance)).toEqual([5, 9])
    expect(h.db.find('counters', { _id: 'hits' })).toHaveLength(0)
    const added2 = journalLines().slice(before)
    expect(added2).toHaveLength(1)
    expect(added2[0]).toContain('"t":"batch"')
    expect(added2[0]).toContain('carol')
    expect(added2[0]).toContain('"t":"del"')
  })

  it('rolls back on rollback() and when the callback throws', async () => {
    const err = await rejection(
      h.wx.runTransaction(async (t: WxTransaction) => {
        await sdk(
          t
            .collection('accounts')
            .doc('alice')
            .update({ data: { balance: 0 } }),
        )
        await t.rollback('insufficient funds')
      }),
    )
    expect(err).toBe('insufficient funds')
    const thrown = await rejection(
      h.wx.runTransaction(async (t: WxTransaction) => {
        await sdk(
          t
            .collection('accounts')
            .doc('alice')
            .update({ data: { balance: 1 } }),
        )
        throw new Error('boom')
      }),
    )
    expect(thrown.message).toBe('boom')
    expect(h.db.find('accounts', { _id: 'alice' })[0].balance).toBe(70)
    // The locks were released: a plain write goes through at once.
    const res = await sdk(
      h.wx
        .collection('accounts')
        .doc('alice')
        .update({ data: { note: 'free' } }),
    )
    expect(res.stats.updated).toBe(1)
  })

  it('makes writes outside transactions wait for the lock holder', async () => {
    const t = await startTx()
    const { data } = await sdk(t.collection('accounts').doc('bob').get())
    let done = false
    const outside = sdk(
      h.wx
        .collection('accounts')
        .doc('bob')
        .update({ data: { balance: h.wx.command.inc(1) } }),
    ).then((r) => {
      done = true
      return r
    })
    await tick(100)
    expect(done).toBe(false)
    await sdk(
      t
        .collection('accounts')
        .doc('bob')
        .update({ data: { balance: data.balance + 100 } }),
    )
    await t.commit()
    expect((await outside).stats.updated).toBe(1)
    expect(h.db.find('accounts', { _id: 'bob' })[0].balance).toBe(131)
  })

  it('fails one side of a deadlock with DATABASE_TRANSACTION_CONFLICT and lets the other finish', async () => {
    const a = await startTx()
    const b = await startTx()
    await sdk(a.collection('accounts').doc('alice').get())
    await sdk(b.collection('accounts').doc('bob').get())
    const aWaits = sdk(
      a
        .collection('accounts')
        .doc('bob')
        .update({ data: { touchedBy: 'a' } }),
    )
    await tick(20)
    const bFails = await rejection(
      sdk(
        b
          .collection('accounts')
          .doc('alice')
          .update({ data: { touchedBy: 'b' } }),
      ),
    )
    expect(bFails.message).toContain('Transaction is conflict')
    await b.rollback()
    expect((await aWaits).stats.updated).toBe(1)
    await a.commit()
    expect(h.db.find('accounts', { _id: 'bob' })[0].touchedBy).toBe('a')
  })

  it('enforces unique indexes across concurrent transactions and plain writes', async () => {
    const a = await startTx()
    await sdk(a.collection('signins').add({ data: { userId: 'u1', activityId: 'x' } }))
    const b = await startTx()
    const conflict = await rejection(
      sdk(b.collection('signins').add({ data: { userId: 'u1', activityId: 'x' } })),
    )
    expect(conflict.message).toContain('Transaction is conflict')
    await b.rollback()
    const plain = rejection(sdk(h.wx.collection('signins').add({ data: { userId: 'u1', activityId: 'x' } })))
    await tick(50)
    await a.commit()
    expect((await plain).message).toContain('E11000 duplicate key error')
    expect(h.db.find('signins')).toHaveLength(1)
  })
})
