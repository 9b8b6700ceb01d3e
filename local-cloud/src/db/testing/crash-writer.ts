/**
 * Child process for the kill -9 test: writes forever in concurrent bursts through Database.handle and
 * prints each write once it is acknowledged ("ins <id>" / "inc <n>"). Usage: crash-writer.ts <dataDir>
 */
import { Database } from '../index'

async function main(): Promise<void> {
  const dataDir = process.argv[2]
  if (!dataDir) throw new Error('usage: crash-writer.ts <dataDir>')
  // A small threshold makes compactions (snapshot writes) happen during the burst too.
  const db = await Database.open({ dataDir, compactMinBytes: 64 * 1024, log: () => undefined })
  await db.insertMany('burst', [{ _id: 'counter', n: 0 }])
  const call = (action: string, fields: Record<string, unknown>) =>
    db.handle({
      action,
      body: { fields: { collectionName: 'burst', ...fields }, files: {} },
      requestId: 'crash',
    })
  let seq = 0
  let inc = 0
  for (;;) {
    const burst: Promise<void>[] = []
    for (let i = 0; i < 20; i++) {
      const id = `doc${seq++}`
      burst.push(
        call('database.insertDocument', {
          data: [
            JSON.stringify({
              _id: id,
              payload: 'x'.repeat(200),
              at: { $date: { $numberLong: String(Date.now()) } },
            }),
          ],
        }).then(() => {
          process.stdout.write(`ins ${id}\n`)
        }),
      )
    }
    burst.push(
      call('database.modifyDocument', {
        query: JSON.stringify({ _id: 'counter' }),
        data: JSON.stringify({ $inc: { n: { $numberInt: '1' } } }),
        multi: false,
        merge: true,
        upsert: false,
      }).then(() => {
        process.stdout.write(`inc ${++inc}\n`)
      }),
    )
    await Promise.all(burst)
    // Let I/O run between bursts, as a server's event loop does (the compaction writes in the background).
    await new Promise((r) => setImmediate(r))
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
