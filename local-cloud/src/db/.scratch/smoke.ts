import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudHttpServer } from '../../server'
import { Database } from '../index'
async function main() {
  const db = await Database.open({ dataDir: mkdtempSync(join(tmpdir(), 'dbsmoke-')) })
  await db.insertMany('c', [])
  const server = new CloudHttpServer()
  server.handleAdmin('database', db.handle)
  const port = await server.listen(0)
  process.env.TENCENTCLOUD_SECRETID = 'x'
  process.env.TENCENTCLOUD_SECRETKEY = 'y'
  process.env.TENCENTCLOUD = 'true'
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk')
  cloud.init({ env: 'test-env', serviceUrl: `http://127.0.0.1:${port}/admin` } as any)
  const d = cloud.database()
  const _ = d.command
  const r = await d
    .collection('c')
    .add({
      data: {
        a: 1,
        b: 1.5,
        big: 1700000000000,
        d: new Date(5),
        g: d.Geo.Point(113, 23),
        r: /x/i,
        s: d.serverDate({ offset: 1000 }),
      },
    })
  console.log(r)
  const got = await d.collection('c').doc(r._id).get()
  console.log(got)
  console.log(
    await d
      .collection('c')
      .doc(r._id)
      .update({ data: { a: _.inc(2), l: _.push([1, 2]) } }),
  )
  console.log((await d.collection('c').where({ a: 3 }).get()).data)
  console.log(await d.collection('c').count())
  console.log(
    await d
      .collection('c')
      .doc('x1')
      .set({ data: { q: 1 } }),
  )
  console.log(
    await d
      .collection('c')
      .aggregate()
      .group({ _id: null, n: _.aggregate.sum(1) })
      .end(),
  )
  try {
    await d.collection('nope').get()
  } catch (e) {
    console.log((e as Error).message, (e as any).errCode)
  }
  await server.close()
  await db.close()
}
main()
