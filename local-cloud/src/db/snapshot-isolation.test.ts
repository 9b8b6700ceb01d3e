/**
 * Transactions as the platform runs them: snapshot isolation, no read locks, first writer wins,
 * conflicts answered at once with the platform's code and message. Each case is one the platform
 * was observed answering (TencentCloudBase's admin SDK suite, recorded against a real environment).
 *
 * Through wx-server-sdk, an error of an operation inside a transaction arrives as errCode -501001
 * (the SDK maps only the codes it knows; DATABASE_TRANSACTION_CONFLICT and DATABASE_TRANSACTION_FAIL
 * are not among them) with the server's message in errMsg; commit() and rollback() are not wrapped
 * and reject with the server's `{ code, message }`.
 */
import { rejection, sdk, startHarness, until, type Harness, type WxTransaction } from './testing/harness'

let h: Harness

const CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
const NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

const passages = [
  { _id: '1', category: 'Web', tags: ['JavaScript', 'C#'] },
  { _id: '2', category: 'Web', tags: ['Go', 'C#'] },
  { _id: '3', category: 'Life', tags: ['Go', 'Python', 'JavaScript'] },
]

beforeAll(async () => {
  h = await startHarness({
    indexes: [
      { collection: 'passages', indexes: [] },
      { collection: 'seats', indexes: [{ name: 'seat_unique', keys: { seat: 1 }, unique: true }] },
    ],
  })
})

afterAll(async () => {
  await h.close()
})

/** Each test starts from the same three documents. */
beforeEach(async () => {
  await sdk(
    h.wx
      .collection('passages')
      .where({ _id: h.wx.command.exists(true) })
      .remove(),
  )
  await h.db.insertMany('passages', passages)
})

const startTx = async (): Promise<WxTransaction> => (await h.wx.startTransaction()) as WxTransaction
const coll = (t?: WxTransaction) => (t ? t.collection('passages') : h.wx.collection('passages'))
const stored = (id: string) => h.db.find('passages', { _id: id })[0]

describe('snapshot isolation', () => {
  it('t1 reads, t2 updates, t1 updates: t2 goes through, t1 fails at once with the conflict', async () => {
    const t1 = await startTx()
    const t2 = await startTx()
    const { data } = await sdk(coll(t1).doc('1').get())
    const t2update = await sdk(
      coll(t2)
        .doc('1')
        .update({ data: { category: '冲突检测' } }),
    )
    expect(t2update.stats.updated).toBe(1)
    const err = await rejection(
      sdk(
        coll(t1)
          .doc('1')
          .update({ data: { category: `${data.category}冲突检测` } }),
      ),
    )
    expect(err.errCode).toBe(-501001)
    expect(err.errMsg).toContain(CONFLICT)
    await t2.commit()
    expect(stored('1').category).toBe('冲突检测')
  })

  it('plain writes never wait for a reading transaction; its re-reads keep its snapshot; its update conflicts', async () => {
    const t = await startTx()
    expect((await sdk(coll(t).doc('1').get())).data).toEqual(passages[0])
    await sdk(
      coll()
        .doc('1')
        .set({ data: { category: 'wwww' } }),
    )
    await sdk(
      coll()
        .doc('2')
        .set({ data: { category: 'hhhh' } }),
    )
    expect(stored('1')).toEqual({ _id: '1', category: 'wwww' })
    expect((await sdk(coll(t).doc('1').get())).data).toEqual(passages[0])
    expect((await sdk(coll(t).doc('2').get())).data).toEqual(passages[1])
    const err = await rejection(
      sdk(
        coll(t)
          .doc('1')
          .update({ data: { category: 'transaction' } }),
      ),
    )
    expect(err.errMsg).toContain(CONFLICT)
    expect(stored('1')).toEqual({ _id: '1', category: 'wwww' })
  })

  it('write skew commits: t1 reads 1 and sets 2, t2 reads 2 and sets 1, both commit', async () => {
    const t1 = await startTx()
    const t2 = await startTx()
    const doc1 = (await sdk(coll(t1).doc('1').get())).data
    const doc2 = (await sdk(coll(t2).doc('2').get())).data
    await sdk(
      coll(t1)
        .doc('2')
        .set({ data: { category: `${doc1.category}doc1` } }),
    )
    await sdk(
      coll(t2)
        .doc('1')
        .set({ data: { category: `${doc2.category}doc2` } }),
    )
    await t1.commit()
    await t2.commit()
    expect(stored('1').category).toBe('Webdoc2')
    expect(stored('2').category).toBe('Webdoc1')
  })

  it('inside runTransaction, a plain set() of a document it read goes through and its update fails', async () => {
    let plain: unknown
    const err = await rejection(
      h.wx.runTransaction(async (t: WxTransaction) => {
        await sdk(coll(t).doc('1').get())
        plain = await sdk(
          coll()
            .doc('1')
            .set({ data: { category: 'outside' } }),
        )
        await sdk(
          coll(t)
            .doc('1')
            .update({ data: { category: 'inside' } }),
        )
      }),
    )
    expect(plain).toMatchObject({ stats: { updated: 1 } })
    expect((err as { errCode?: number }).errCode).toBe(-501001)
    expect(err.message).toContain(CONFLICT)
    expect(stored('1')).toEqual({ _id: '1', category: 'outside' })
  })

  it('using a transaction after commit answers DATABASE_TRANSACTION_FAIL with the platform message', async () => {
    const t = await startTx()
    await t.commit()
    const op = await rejection(
      sdk(
        coll(t)
          .doc('1')
          .set({ data: { category: 'Node.js' } }),
      ),
    )
    expect(op.errMsg).toContain(NOT_EXIST)
    const again = (await rejection(t.commit())) as unknown as { code: string; message: string }
    expect(again.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(again.message).toBe(NOT_EXIST)
    expect(stored('1')).toEqual(passages[0])
  })
})

describe('first writer wins', () => {
  it('a second transaction writing a document the first has written fails at once; the first commits', async () => {
    const t1 = await startTx()
    const t2 = await startTx()
    await sdk(
      coll(t1)
        .doc('3')
        .update({ data: { by: 't1' } }),
    )
    const err = await rejection(
      sdk(
        coll(t2)
          .doc('3')
          .update({ data: { by: 't2' } }),
      ),
    )
    expect(err.errMsg).toContain(CONFLICT)
    await t1.commit()
    expect(stored('3').by).toBe('t1')
  })

  it('a conflict aborts the transaction: its earlier writes are gone and it no longer exists', async () => {
    const t = await startTx()
    await sdk(coll(t).doc('2').get())
    await sdk(
      coll(t)
        .doc('3')
        .update({ data: { by: 't' } }),
    )
    await sdk(
      coll()
        .doc('2')
        .update({ data: { by: 'plain' } }),
    )
    expect(
      (
        await rejection(
          sdk(
            coll(t)
              .doc('2')
              .update({ data: { by: 't' } }),
          ),
        )
      ).errMsg,
    ).toContain(CONFLICT)
    const late = (await rejection(t.commit())) as unknown as { code: string; message: string }
    expect(late).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST })
    expect(stored('3').by).toBeUndefined()
    // Its write lock is released: a plain write to the document it had written goes straight through.
    const res = await sdk(
      coll()
        .doc('3')
        .update({ data: { by: 'plain' } }),
    )
    expect(res.stats.updated).toBe(1)
  })

  it('a plain write waits for a transaction that has written the document, then applies on top', async () => {
    const before = stored('1')
    const t = await startTx()
    await sdk(
      coll(t)
        .doc('1')
        .update({ data: { n: 1 } }),
    )
    let done = false
    const outside = sdk(
      coll()
        .doc('1')
        .update({ data: { n: h.wx.command.inc(10) } }),
    ).then((r) => {
      done = true
      return r
    })
    // it reached the database and waits there for the transaction (no amount of time would let it by)
    await until(() => h.db.transactionState().waitingWrites === 1)
    expect(done).toBe(false)
    expect(stored('1')).toEqual(before)
    await t.commit()
    expect((await outside).stats.updated).toBe(1)
    expect(stored('1').n).toBe(11)
    expect(h.db.transactionState().waitingWrites).toBe(0)
  })

  it('inserting a key someone committed after the snapshot conflicts; one committed before is a duplicate', async () => {
    await h.db.insertMany('seats', [{ _id: 'a', seat: 'A1' }])
    const t = await startTx()
    await sdk(t.collection('seats').doc('a').get())
    await sdk(h.wx.collection('seats').add({ data: { _id: 'b', seat: 'B1' } }))
    const dup = await rejection(sdk(t.collection('seats').add({ data: { seat: 'A1' } })))
    expect(dup.errMsg).toContain('E11000 duplicate key error')
    const t2 = await startTx()
    await sdk(t2.collection('seats').doc('a').get())
    await sdk(h.wx.collection('seats').add({ data: { _id: 'c', seat: 'C1' } }))
    const sameKey = await rejection(sdk(t2.collection('seats').add({ data: { seat: 'C1' } })))
    expect(sameKey.errMsg).toContain(CONFLICT)
    const sameId = await rejection(sdk(t.collection('seats').add({ data: { _id: 'b', seat: 'B2' } })))
    expect(sameId.errMsg).toContain(CONFLICT)
  })
})

describe('snapshot reads', () => {
  it('a where() read in a transaction sees its snapshot and its own writes, including removed documents', async () => {
    const t = await startTx()
    await sdk(coll(t).doc('1').get())
    await sdk(coll().doc('2').remove())
    await sdk(coll().add({ data: { _id: '4', category: 'Web' } }))
    await sdk(
      coll(t)
        .doc('3')
        .update({ data: { category: 'Web' } }),
    )
    const inside = await sdk(coll(t).where({ category: 'Web' }).get())
    expect(inside.data.map((d) => d._id).sort()).toEqual(['1', '2', '3'])
    await t.rollback()
  })
})

describe('kept versions', () => {
  it('keeps replaced versions only while a snapshot may read them', async () => {
    const older = await startTx()
    await sdk(coll(older).doc('1').get())
    await sdk(
      coll()
        .doc('1')
        .update({ data: { n: 1 } }),
    )
    const newer = await startTx()
    await sdk(coll(newer).doc('2').get())
    await sdk(
      coll()
        .doc('1')
        .update({ data: { n: 2 } }),
    )
    await sdk(
      coll()
        .doc('2')
        .update({ data: { n: 2 } }),
    )
    expect(h.db.transactionState().keptVersions).toBe(3)
    expect((await sdk(coll(older).doc('1').get())).data).toEqual(passages[0])
    expect((await sdk(coll(newer).doc('1').get())).data).toEqual({ ...passages[0], n: 1 })
    await older.rollback()
    // Only what the newer snapshot can still read is kept.
    expect(h.db.transactionState().keptVersions).toBe(2)
    expect((await sdk(coll(newer).doc('2').get())).data).toEqual(passages[1])
    await newer.commit()
    expect(h.db.transactionState()).toEqual({ open: 0, keptVersions: 0, waitingWrites: 0 })
  })
})
