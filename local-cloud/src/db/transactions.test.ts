import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { rejection, sdk, startHarness, until, type Harness, type WxTransaction } from './testing/harness'

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

/** Resolves for everyone once `n` callers have arrived (later callers pass at once). */
function barrier(n: number): () => Promise<void> {
  let arrived = 0
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return () => {
    if (++arrived === n) open()
    return opened
  }
}

async function startTx(): Promise<WxTransaction> {
  return (await h.wx.startTransaction()) as WxTransaction
}

/**
 * What code that uses transactions must do (docs/local-cloud.md): a transaction whose write
 * conflicts is rolled back, so the whole attempt is retried, after a short random pause.
 */
async function withRetry<T>(
  run: (t: WxTransaction) => Promise<T>,
  onConflict: () => void,
  attempts = 200,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return (await h.wx.runTransaction(run)) as T
    } catch (err) {
      if (i >= attempts || !String((err as Error).message).includes('TransactionConflict')) throw err
      onConflict()
      await tick(Math.random() * Math.min(200, 5 * 2 ** i))
    }
  }
}

describe('transactions', () => {
  it('never loses an update: 100 concurrent read-modify-write transactions on one counter', async () => {
    await h.db.insertMany('counters', [{ _id: 'hits', value: 0 }])
    const counters = (t: WxTransaction) => t.collection('counters')
    /** `between` runs after the read and before the write: a barrier there forces transactions to overlap. */
    const increment = async (t: WxTransaction, between?: () => Promise<void>): Promise<number> => {
      const { data } = await sdk(counters(t).doc('hits').get())
      await between?.()
      await sdk(
        counters(t)
          .doc('hits')
          .update({ data: { value: data.value + 1 } }),
      )
      return data.value + 1
    }
    // Two that both read 0, then both write: one commits 1, the other must fail with the conflict (a lost
    // update would leave 1 after two commits).
    const bothRead = barrier(2)
    const pair = await Promise.allSettled(
      [0, 1].map(() => h.wx.runTransaction((t: WxTransaction) => increment(t, bothRead)) as Promise<number>),
    )
    expect(pair.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual([1])
    const [lost] = pair.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).message] : []))
    expect(lost).toContain('[ResourceUnavailable.TransactionConflict]')
    expect(h.db.find('counters', { _id: 'hits' })[0].value).toBe(1)
    // 100 at once: snapshot isolation lets none of them wait; each commits or fails with the conflict
    // (how many overlap depends on the machine; whatever they do, no update is lost).
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, () => h.wx.runTransaction(increment) as Promise<number>),
    )
    const committed = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).message] : []))
    expect(committed.length).toBeGreaterThan(0)
    for (const message of failed) expect(message).toContain('[ResourceUnavailable.TransactionConflict]')
    expect(h.db.find('counters', { _id: 'hits' })[0].value).toBe(1 + committed.length)
    expect([...committed].sort((a, b) => a - b)).toEqual(
      Array.from({ length: committed.length }, (_, i) => i + 2),
    )
    // Retried on conflict (what our code must do), every increment lands exactly once: 5 workers × 6.
    // The first increments of two workers both read before either writes: at least one conflict, retried.
    const base = 1 + committed.length
    let conflicts = 0
    const results: number[] = []
    const firstRound = barrier(2)
    await Promise.all(
      Array.from({ length: 5 }, async (_, worker) => {
        for (let i = 0; i < 6; i++) {
          const between = worker < 2 && i === 0 ? firstRound : undefined
          results.push(
            await withRetry(
              (t) => increment(t, between),
              () => conflicts++,
            ),
          )
        }
      }),
    )
    expect(h.db.find('counters', { _id: 'hits' })[0].value).toBe(base + 30)
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => base + i + 1))
    expect(conflicts).toBeGreaterThan(0)
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

  it('makes writes outside transactions wait for a transaction that has written the document', async () => {
    const t = await startTx()
    const { data } = await sdk(t.collection('accounts').doc('bob').get())
    await sdk(
      t
        .collection('accounts')
        .doc('bob')
        .update({ data: { balance: data.balance + 50 } }),
    )
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
    // it reached the database and waits there for the transaction (no amount of time would let it by)
    await until(() => h.db.transactionState().waitingWrites === 1)
    expect(done).toBe(false)
    await sdk(
      t
        .collection('accounts')
        .doc('bob')
        .update({ data: { balance: h.wx.command.inc(50) } }),
    )
    expect(done).toBe(false)
    expect(h.db.find('accounts', { _id: 'bob' })[0].balance).toBe(data.balance)
    await t.commit()
    expect((await outside).stats.updated).toBe(1)
    expect(h.db.find('accounts', { _id: 'bob' })[0].balance).toBe(131)
    expect(h.db.transactionState().waitingWrites).toBe(0)
  })

  it('lets write skew commit and fails a second writer of one document at once with DATABASE_TRANSACTION_CONFLICT', async () => {
    const a = await startTx()
    const b = await startTx()
    await sdk(a.collection('accounts').doc('alice').get())
    await sdk(b.collection('accounts').doc('bob').get())
    // Each writes what the other read: no lock, no deadlock, no conflict (snapshot isolation).
    const aWrites = await sdk(
      a
        .collection('accounts')
        .doc('bob')
        .update({ data: { touchedBy: 'a' } }),
    )
    const bWrites = await sdk(
      b
        .collection('accounts')
        .doc('alice')
        .update({ data: { touchedBy: 'b' } }),
    )
    expect(aWrites.stats.updated).toBe(1)
    expect(bWrites.stats.updated).toBe(1)
    // bob was written by a first: b's write to it fails at once, and b is rolled back.
    const bFails = await rejection(
      sdk(
        b
          .collection('accounts')
          .doc('bob')
          .update({ data: { touchedBy: 'b' } }),
      ),
    )
    expect(bFails.message).toContain('Transaction is conflict')
    expect((await rejection(b.rollback())).message).toContain('TransactionNotExist')
    await a.commit()
    expect(h.db.find('accounts', { _id: 'bob' })[0].touchedBy).toBe('a')
    expect(h.db.find('accounts', { _id: 'alice' })[0].touchedBy).toBeUndefined()
  })

  it('enforces unique indexes across concurrent transactions and plain writes', async () => {
    const a = await startTx()
    await sdk(a.collection('signins').add({ data: { userId: 'u1', activityId: 'x' } }))
    const b = await startTx()
    const conflict = await rejection(
      sdk(b.collection('signins').add({ data: { userId: 'u1', activityId: 'x' } })),
    )
    expect(conflict.message).toContain('Transaction is conflict')
    // The conflict rolled b back already.
    expect((await rejection(b.rollback())).message).toContain('TransactionNotExist')
    const plain = rejection(sdk(h.wx.collection('signins').add({ data: { userId: 'u1', activityId: 'x' } })))
    // it waits for a's unique key, then meets the committed duplicate
    await until(() => h.db.transactionState().waitingWrites === 1)
    await a.commit()
    expect((await plain).message).toContain('E11000 duplicate key error')
    expect(h.db.find('signins')).toHaveLength(1)
  })
})
