import { CloudHttpServer } from '../../server'
async function main() {
  const server = new CloudHttpServer()
  const seen: unknown[] = []
  server.handleAdmin('database', async (req) => {
    seen.push(req.body.fields)
    const a = req.action
    if (a === 'database.startTransaction') return { kind: 'json', body: { transactionId: 'tx1' } }
    if (a === 'database.getDocument') return { kind: 'json', body: { data: { list: [] } } }
    if (a === 'database.insertDocument') return { kind: 'json', body: { data: { insertedIds: ['a'] } } }
    return { kind: 'json', body: { data: { updated: 1, deleted: 1, total: 3, list: [] } } }
  })
  const port = await server.listen(0)
  process.env.TENCENTCLOUD_SECRETID = 'x'
  process.env.TENCENTCLOUD_SECRETKEY = 'y'
  process.env.TENCENTCLOUD = 'true'
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` })
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk')
  cloud.init({ env: 'test-env' })
  const db = cloud.database()
  const _ = db.command
  const t0 = Date.now()
  await db
    .collection('c')
    .add({
      data: {
        a: 1,
        b: 1.5,
        big: 1700000000000,
        d: new Date(5),
        g: db.Geo.Point(113, 23),
        r: /x/i,
        s: db.serverDate({ offset: 1000 }),
        re: db.RegExp({ regexp: 'a', options: 'i' }),
      },
    })
  console.log('ms', Date.now() - t0)
  await db.collection('c').add({ data: [{ a: 1 }, { a: 2 }] })
  try {
    await db.collection('c').doc('zz').get()
  } catch (e) {
    console.log('GETERR', (e as Error).message, (e as any).errCode)
  }
  await db
    .collection('c')
    .doc('zz')
    .set({ data: { a: 2 } })
  await db
    .collection('c')
    .doc('zz')
    .update({
      data: {
        a: _.inc(1),
        l: _.push({ each: [1, 2], position: 0, sort: 1, slice: 3 }),
        m: _.remove(),
        n: _.pull(_.in([1])),
        o: _.pop(),
        p: _.shift(),
        q: _.unshift(1, 2),
        x: _.addToSet({ each: [1] }),
        y: _.rename('yy'),
        z: _.max(3),
        w: { nested: _.mul(2) },
        u: db.serverDate(),
      },
    })
  await db
    .collection('c')
    .where({
      a: _.gt(1).and(_.lt(5)),
      g: _.geoNear({ geometry: db.Geo.Point(1, 2), maxDistance: 10 }),
      s: /ab/i,
      o: { p: 1 },
      arr: _.in([1, 2]),
      w: _.geoWithin({ centerSphere: [db.Geo.Point(1, 2), 0.1] }),
    })
    .orderBy('a', 'desc')
    .orderBy('b', 'asc')
    .skip(3)
    .limit(2000)
    .field({ a: true, b: 0 })
    .get()
  await db
    .collection('c')
    .where(_.or([{ a: 1 }, { b: _.exists(true) }]))
    .count()
  await db
    .collection('c')
    .where({ a: 1 })
    .update({ data: { b: 2 } })
  await db.collection('c').where({ a: 1 }).remove()
  await db
    .collection('c')
    .aggregate()
    .match({ a: _.gt(1) })
    .group({ _id: '$a', n: _.aggregate.sum(1) })
    .sort({ n: -1 })
    .limit(5)
    .unwind('$x')
    .count('n')
    .lookup({ from: 'o', localField: 'a', foreignField: 'b', as: 'j' })
    .geoNear({ near: db.Geo.Point(1, 2), distanceField: 'dist', spherical: true, query: { a: 1 } })
    .end()
  try {
    await db.runTransaction(async (t: any) => {
      await t.collection('c').doc('zz').get()
      await t
        .collection('c')
        .doc('zz')
        .update({ data: { a: _.inc(1) } })
      await t.collection('c').add({ data: { k: 1 } })
      await t
        .collection('c')
        .doc('q')
        .set({ data: { k: 1 } })
      await t.collection('c').doc('q').remove()
    })
  } catch (e) {
    console.log('TXERR', e)
  }
  await db.createCollection('newc')
  for (const s of seen) console.log(JSON.stringify(s))
  await server.close()
}
main()
