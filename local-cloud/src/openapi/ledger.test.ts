import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ledger, type OutboxMessage } from './ledger'

let dir: string
let file: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-test-'))
  file = join(dir, 'openapi', 'ledger.jsonl')
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const message = (n: number): OutboxMessage => ({
  id: `m${n}`,
  touser: 'oUser',
  templateId: 'TPL',
  data: { thing1: { value: `活动${n}` } },
  sentAt: new Date(0).toISOString(),
})

describe('Ledger', () => {
  it('recovers everything before a torn last line and compacts the log on open', async () => {
    const ledger = await Ledger.open(file)
    await ledger.grant('oUser', 'TPL', 3)
    await ledger.trySend(message(1))
    await ledger.close()
    await appendFile(file, '{"op":"grant","openid":"oUser","templ')

    const reopened = await Ledger.open(file)
    expect(reopened.creditsFor('oUser', 'TPL')).toBe(2)
    expect(reopened.outbox().map((m) => m.id)).toEqual(['m1'])
    const lines = (await readFile(file, 'utf8')).trim().split('\n')
    expect(lines.map((l) => JSON.parse(l).op)).toEqual(['grant', 'keep'])
    await reopened.close()
  })

  it('persists a cleared outbox but keeps the credits', async () => {
    const ledger = await Ledger.open(file)
    await ledger.grant('oUser', 'TPL', 2)
    await ledger.trySend(message(1))
    await ledger.clear()
    await ledger.close()

    const reopened = await Ledger.open(file)
    expect(reopened.outbox()).toEqual([])
    expect(reopened.creditsOf('oUser')).toEqual({ TPL: 1 })
    await reopened.close()
  })

  it('refuses a send without credit synchronously and writes nothing for it', async () => {
    const ledger = await Ledger.open(file)
    expect(ledger.trySend(message(1))).toBe(false)
    await ledger.close()
    await expect(readFile(file, 'utf8')).resolves.toBe('')
  })
})
