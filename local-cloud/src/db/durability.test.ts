import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Database } from './index'
import { tempDir, writeIndexes } from './testing/harness'

const dirs: string[] = []
const newDir = (): string => {
  const d = tempDir('db-durable')
  dirs.push(d)
  return d
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const journals = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /^journal-\d+\.jsonl$/.test(f))
    .sort()

describe('durability', () => {
  it('keeps every acknowledged write after kill -9 in the middle of a burst', async () => {
    const dir = newDir()
    const script = resolve(__dirname, 'testing/crash-writer.ts')
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], {
      cwd: resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acked: string[] = []
    let lastInc = 0
    let stderr = ''
    let buffered = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const exited = new Promise<NodeJS.Signals | null>((res) =>
      child.on('exit', (_code, signal) => res(signal)),
    )
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (c: Buffer) => {
        buffered += c.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        for (const line of lines) {
          const [kind, value] = line.split(' ')
          if (kind === 'ins') acked.push(value)
          if (kind === 'inc') lastInc = Number(value)
        }
        if (acked.length >= 3000) {
          child.kill('SIGKILL')
          res()
        }
      })
      child.on('exit', () => rej(new Error(`writer exited early: ${stderr}`)))
    }).catch((err: Error) => {
      if (acked.length < 3000) throw err
    })
    expect(await exited).toBe('SIGKILL')
    // The writer compacted while it ran, so recovery starts from a snapshot plus journals.
    expect(existsSync(join(dir, 'snapshot.jsonl'))).toBe(true)
    const logs: string[] = []
    const db = await Database.open({ dataDir: dir, log: (m) => logs.push(m) })
    const ids = new Set(db.find('burst').map((d) => d._id))
    const missing = acked.filter((id) => !ids.has(id))
    expect(missing).toEqual([])
    expect(db.find('burst', { _id: 'counter' })[0].n).toBeGreaterThanOrEqual(lastInc)
    expect(lastInc).toBeGreaterThan(0)
    expect(existsSync(join(dir, 'snapshot.jsonl.tmp'))).toBe(false)
    await db.close()
  }, 45000)

  it('drops a torn last line with a warning and keeps appending cleanly', async () => {
    const dir = newDir()
    const logs: string[] = []
    const first = await Database.open({ dataDir: dir, log: (m) => logs.push(m) })
    await first.insertMany('items', [
      { _id: 'a', v: 1 },
      { _id: 'b', v: 2 },
    ])
    await first.close()
    const journal = join(dir, journals(dir).at(-1)!)
    appendFileSync(journal, '{"t":"put","c":"items","d":{"_id":"torn","v":{"$numberInt":"3"')
    const second = await Database.open({ dataDir: dir, log: (m) => logs.push(m) })
    expect(second.find('items').map((d) => d._id)).toEqual(['a', 'b'])
    expect(logs.some((l) => l.includes('torn last record'))).toBe(true)
    await second.insertMany('items', [{ _id: 'c', v: 4 }])
    await second.close()
    expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true)
    const third = await Database.open({ dataDir: dir, log: (m) => logs.push(m) })
    expect(third.find('items').map((d) => d._id)).toEqual(['a', 'b', 'c'])
    await third.close()
  })

  it('lets one process at a time open a data folder', async () => {
    const dir = newDir()
    const db = await Database.open({ dataDir: dir, log: () => undefined })
    await expect(Database.open({ dataDir: dir, log: () => undefined })).rejects.toThrow(/in use by process/)
    await db.close()
    const again = await Database.open({ dataDir: dir, log: () => undefined })
    await again.close()
  })

  it('refuses to open a journal corrupted before its end', async () => {
    const dir = newDir()
    const db = await Database.open({ dataDir: dir, log: () => undefined })
    await db.insertMany('items', [{ _id: 'a' }])
    await db.insertMany('items', [{ _id: 'b' }])
    await db.close()
    const journal = join(dir, journals(dir)[0])
    const lines = readFileSync(journal, 'utf8').split('\n')
    lines[1] = lines[1].slice(0, 10)
    writeFileSync(journal, lines.join('\n'))
    await expect(Database.open({ dataDir: dir, log: () => undefined })).rejects.toThrow(/corrupt/)
  })

  it('compacts into a snapshot and replays later writes on top of it', async () => {
    const dir = newDir()
    writeIndexes(join(dir, 'decl'), [
      { collection: 'items', indexes: [{ name: 'code', keys: { code: 1 }, unique: true }] },
    ])
    const opts = { dataDir: join(dir, 'data'), indexesDir: join(dir, 'decl'), log: () => undefined }
    const db = await Database.open(opts)
    await db.insertMany(
      'items',
      Array.from({ length: 300 }, (_, i) => ({ _id: `i${i}`, code: `c${i}`, at: new Date(i * 1000) })),
    )
    await db.compact()
    expect(journals(opts.dataDir)).toEqual(['journal-000002.jsonl'])
    await db.handle({
      action: 'database.removeDocument',
      body: {
        fields: { collectionName: 'items', query: JSON.stringify({ _id: 'i0' }), multi: false },
        files: {},
      },
      requestId: 't',
    })
    await db.handle({
      action: 'database.modifyDocument',
      body: {
        fields: {
          collectionName: 'items',
          query: JSON.stringify({ _id: 'i1' }),
          data: JSON.stringify({ $set: { code: 'renamed' } }),
          multi: false,
          merge: true,
        },
        files: {},
      },
      requestId: 't',
    })
    await db.close()
    const again = await Database.open(opts)
    const items = again.find('items')
    expect(items).toHaveLength(299)
    expect(items[0]).toEqual({ _id: 'i1', code: 'renamed', at: new Date(1000) })
    await expect(again.insertMany('items', [{ code: 'c5' }])).rejects.toThrow(/E11000/)
    await again.close()
  })
})
