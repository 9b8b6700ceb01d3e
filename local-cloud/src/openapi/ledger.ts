import { mkdir, open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

export interface OutboxMessage {
  id: string
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
  lang?: string
  sentAt: string
}

/** One line of the log. `send` spends one credit and records the message; `keep` only records (snapshots). */
type Entry =
  | { op: 'grant'; openid: string; templateId: string; count: number }
  | { op: 'send'; message: OutboxMessage }
  | { op: 'keep'; message: OutboxMessage }
  | { op: 'clear' }

const key = (openid: string, templateId: string): string => `${openid}\u0000${templateId}`

/**
 * Subscription credits and the outbox, in memory, made durable by an append-only JSON-lines log.
 * Every decision (is there a credit? spend it) is taken synchronously on the in-memory state, so
 * concurrent sends cannot both spend the last credit; the log only has to keep the order, which one
 * writer with group commit does. The log is compacted to a snapshot when it is reopened.
 */
export class Ledger {
  private readonly credits = new Map<string, number>()
  private messages: OutboxMessage[] = []
  private pending: { line: string; done: (err?: unknown) => void }[] = []
  private flushing?: Promise<void>

  private constructor(
    private readonly file: string,
    private handle: FileHandle | undefined,
  ) {}

  static async open(file: string): Promise<Ledger> {
    await mkdir(dirname(file), { recursive: true })
    const ledger = new Ledger(file, undefined)
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return ''
      throw err
    })
    let lines = 0
    for (const line of text.split('\n')) {
      if (!line.trim()) continue
      lines++
      try {
        ledger.apply(JSON.parse(line) as Entry)
      } catch {
        // a torn last line after a crash: everything before it is intact
      }
    }
    if (lines > 0) await ledger.compact()
    ledger.handle = await open(file, 'a')
    return ledger
  }

  creditsFor(openid: string, templateId: string): number {
    return this.credits.get(key(openid, templateId)) ?? 0
  }

  creditsOf(openid: string): Record<string, number> {
    const out: Record<string, number> = {}
    const prefix = `${openid}\u0000`
    for (const [k, n] of this.credits) if (k.startsWith(prefix) && n > 0) out[k.slice(prefix.length)] = n
    return out
  }

  outbox(): readonly OutboxMessage[] {
    return this.messages
  }

  grant(openid: string, templateId: string, count: number): Promise<void> {
    return this.record({ op: 'grant', openid, templateId, count })
  }

  /**
   * Spends one credit and records the message, or answers false when there is no credit. The state
   * changes at once; the returned promise settles when the log line is written (rolled back if not).
   */
  trySend(message: OutboxMessage): false | Promise<void> {
    if (this.creditsFor(message.touser, message.templateId) < 1) return false
    const entry: Entry = { op: 'send', message }
    return this.record(entry).catch((err: unknown) => {
      this.credits.set(
        key(message.touser, message.templateId),
        this.creditsFor(message.touser, message.templateId) + 1,
      )
      this.messages = this.messages.filter((m) => m !== message)
      throw err
    })
  }

  clear(): Promise<void> {
    return this.record({ op: 'clear' })
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing
    await this.handle?.close()
    this.handle = undefined
  }

  private apply(entry: Entry): void {
    switch (entry.op) {
      case 'grant': {
        const k = key(entry.openid, entry.templateId)
        this.credits.set(k, (this.credits.get(k) ?? 0) + entry.count)
        break
      }
      case 'send': {
        const k = key(entry.message.touser, entry.message.templateId)
        this.credits.set(k, Math.max(0, (this.credits.get(k) ?? 0) - 1))
        this.messages.push(entry.message)
        break
      }
      case 'keep':
        this.messages.push(entry.message)
        break
      case 'clear':
        this.messages = []
        break
    }
  }

  private record(entry: Entry): Promise<void> {
    if (!this.handle) return Promise.reject(new Error('ledger is closed'))
    this.apply(entry)
    return new Promise<void>((resolve, reject) => {
      this.pending.push({
        line: JSON.stringify(entry) + '\n',
        done: (err) => (err ? reject(err) : resolve()),
      })
      if (!this.flushing) this.flushing = this.flush()
    })
  }

  /** Group commit: whatever queued while the previous write ran goes out in one write. */
  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending
      this.pending = []
      try {
        await this.handle!.write(batch.map((p) => p.line).join(''))
        for (const p of batch) p.done()
      } catch (err) {
        for (const p of batch) p.done(err)
      }
    }
    this.flushing = undefined
  }

  private async compact(): Promise<void> {
    const lines: string[] = []
    for (const [k, count] of this.credits) {
      if (count <= 0) continue
      const [openid, templateId] = k.split('\u0000')
      lines.push(JSON.stringify({ op: 'grant', openid, templateId, count } satisfies Entry))
    }
    for (const message of this.messages) lines.push(JSON.stringify({ op: 'keep', message } satisfies Entry))
    const tmp = `${this.file}.tmp`
    await writeFile(tmp, lines.length ? lines.join('\n') + '\n' : '')
    await rename(tmp, this.file)
  }
}
