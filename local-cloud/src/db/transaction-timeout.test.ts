import { rejection, sdk, startHarness, type Harness, type WxTransaction } from './testing/harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness({ transactionTimeoutMs: 1500, indexes: [{ collection: 'accounts', indexes: [] }] })
  await h.db.insertMany('accounts', [{ _id: 'alice', balance: 70 }])
})

afterAll(async () => {
  await h.close()
})

async function startTx(): Promise<WxTransaction> {
  return (await h.wx.startTransaction()) as WxTransaction
}

describe('transaction timeout', () => {
  it('rolls back an abandoned transaction after the timeout and frees its locks', async () => {
    const started = Date.now()
    const t = await startTx()
    await sdk(
      t
        .collection('accounts')
        .doc('alice')
        .update({ data: { balance: -1 } }),
    )
    const waiting = sdk(
      h.wx
        .collection('accounts')
        .doc('alice')
        .update({ data: { after: 'timeout' } }),
    )
    expect((await waiting).stats.updated).toBe(1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1490)
    const alice = h.db.find('accounts', { _id: 'alice' })[0]
    expect(alice.balance).toBe(70)
    expect(alice.after).toBe('timeout')
    const late = (await rejection(t.commit())) as unknown as { code: string; message: string }
    expect(late.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(late.message).toContain('TransactionNotExist')
    expect(h.logs.some((l) => l.includes('rolled back'))).toBe(true)
  })

  it('lets an abandoned reading transaction block nobody until it expires', async () => {
    const abandoned = await startTx()
    await sdk(abandoned.collection('accounts').doc('alice').get())
    await new Promise((r) => setTimeout(r, 700))
    const result = await h.wx.runTransaction(async (t: WxTransaction) => {
      const { data } = await sdk(t.collection('accounts').doc('alice').get())
      await sdk(
        t
          .collection('accounts')
          .doc('alice')
          .update({ data: { balance: data.balance + 1 } }),
      )
      return data.balance + 1
    })
    expect(result).toBe(71)
    expect(h.db.find('accounts', { _id: 'alice' })[0].balance).toBe(71)
  })
})
