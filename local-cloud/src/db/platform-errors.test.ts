/**
 * The errors code may act on, in the shape wx-server-sdk 4.0.2 surfaces them from the platform.
 *
 * - Duplicate key: the service answers `DATABASE_REQUEST_FAILED` with MongoDB's E11000 text wrapped
 *   by its Go driver; wx-server-sdk maps that code to errCode -502001 (its TCB_ERR_CODE table has no
 *   entry for DATABASE_DUPLICATE_WRITE, which would have become -501001). The text is not a contract:
 *   code recognises a duplicate by reading the document back, never by the message.
 * - Not found: the service answers an empty list; the SDK itself throws (errCode -1) for doc().get(),
 *   and update / remove / set of a missing document are not errors.
 */
import { rejection, sdk, startHarness, type Harness, type WxTransaction } from './testing/harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness({
    indexes: [
      { collection: 'plain', indexes: [] },
      { collection: 'codes', indexes: [{ name: 'code_unique', keys: { code: 1 }, unique: true }] },
    ],
  })
  await h.db.insertMany('plain', [{ _id: 'p1', v: 1 }])
  await h.db.insertMany('codes', [{ _id: 'c1', code: 'A' }])
})

afterAll(async () => {
  await h.close()
})

type SdkError = Error & { errCode?: number; errMsg?: string }

describe('duplicate key', () => {
  it('answers DATABASE_REQUEST_FAILED (errCode -502001) with the E11000 text, for add, update, set and transactions', async () => {
    const failures: SdkError[] = [
      await rejection(sdk(h.wx.collection('plain').add({ data: { _id: 'p1', v: 2 } }))),
      await rejection(sdk(h.wx.collection('codes').add({ data: { code: 'A' } }))),
      await rejection(sdk(h.wx.collection('codes').add({ data: [{ code: 'B' }, { code: 'B' }] as never }))),
    ]
    await sdk(h.wx.collection('codes').add({ data: { _id: 'c2', code: 'C' } }))
    failures.push(
      await rejection(
        sdk(
          h.wx
            .collection('codes')
            .doc('c2')
            .update({ data: { code: 'A' } }),
        ),
      ),
    )
    failures.push(
      await rejection(
        sdk(
          h.wx
            .collection('codes')
            .doc('c2')
            .set({ data: { code: 'A' } }),
        ),
      ),
    )
    const t = (await h.wx.startTransaction()) as WxTransaction
    failures.push(await rejection(sdk(t.collection('plain').add({ data: { _id: 'p1' } }))))
    await t.rollback()
    for (const err of failures) {
      expect(err.errCode).toBe(-502001)
      expect(err.errMsg).toMatch(/E11000 duplicate key error collection: \S+ index: \S+ dup key: \{/)
    }
    expect(failures[0].errMsg).toContain('index: _id_ dup key: { _id: "p1" }')
    expect(failures[1].errMsg).toContain('index: code_unique dup key: { code: "A" }')
    expect(h.db.find('codes').map((d) => d.code)).toEqual(['A', 'C'])
  })

  it('is the service reply `{ code: DATABASE_REQUEST_FAILED, message }` on the wire', async () => {
    const res = await fetch(`http://127.0.0.1:${h.port}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'database.insertDocument',
        collectionName: 'codes',
        data: [JSON.stringify({ code: 'A' })],
      }),
    })
    const body = (await res.json()) as { code?: string; message?: string }
    expect(body.code).toBe('DATABASE_REQUEST_FAILED')
    expect(body.message).toBe(
      '[FailedOperation] multiple write errors: [{write errors: [{E11000 duplicate key error collection: tnt-local.codes index: code_unique dup key: { code: "A" }}]}, {<nil>}]',
    )
  })
})

describe('not found', () => {
  it('doc().get() throws the SDK error (errCode -1); update, set and remove of a missing document are not errors', async () => {
    const get = (await rejection(sdk(h.wx.collection('plain').doc('nobody').get()))) as SdkError
    expect(get.errCode).toBe(-1)
    expect(get.errMsg).toBe('document.get:fail document with _id nobody does not exist')
    const update = await sdk(
      h.wx
        .collection('plain')
        .doc('nobody')
        .update({ data: { v: 1 } }),
    )
    expect(update.stats.updated).toBe(0)
    const remove = await sdk(h.wx.collection('plain').doc('nobody').remove())
    expect(remove.stats.removed).toBe(0)
    const t = (await h.wx.startTransaction()) as WxTransaction
    const inTx = (await rejection(sdk(t.collection('plain').doc('nobody').get()))) as SdkError
    expect(inTx.errCode).toBe(-1)
    expect(inTx.errMsg).toContain('document with _id nobody does not exist')
    await t.rollback()
  })
})
