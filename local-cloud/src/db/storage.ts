/**
 * Durable storage: a snapshot file plus append-only journals of JSON lines (EJSON values).
 *
 * - Every acknowledged write is one line appended with a synchronous write() before the answer, so
 *   it survives `kill -9` (the page cache outlives the process). A multi-document write or a
 *   transaction commit is one `batch` line, so it is replayed whole or not at all.
 * - Records hold whole documents (never update operators), so replaying a journal over a snapshot
 *   that already contains part of it gives the same state: compaction needs no coordination.
 * - A torn last line (a crash mid-write) is dropped with a warning and cut off the file.
 * - Compaction switches to a fresh journal, writes the snapshot in the background, renames it into
 *   place, then deletes the journals it covers. `snapshot.jsonl` names the first journal not in it.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  ftruncateSync,
  unlinkSync,
  writeSync,
  writeFileSync,
} from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { parseEjson, stringifyEjson } from './ejson'
import type { Doc } from './values'

export type JournalOp =
  { t: 'put'; c: string; d: Doc } | { t: 'del'; c: string; id: unknown } | { t: 'coll'; c: string }
export type JournalRecord = JournalOp | { t: 'batch'; ops: JournalOp[] }

/** What the engine hands to a compaction: every collection and its documents at the switch. */
export interface SnapshotView {
  collections: { name: string; docs: Doc[] }[]
}

const SNAPSHOT = 'snapshot.jsonl'
const JOURNAL = /^journal-(\d+)\.jsonl$/
const journalName = (gen: number): string => `journal-${String(gen).padStart(6, '0')}.jsonl`

export class Storage {
  private fd: number
  private gen: number
  private journalBytes = 0
  private snapshotBytes = 0
  private compacting: Promise<void> | null = null
  private closed = false

  private constructor(
    private readonly dir: string,
    gen: number,
    private readonly compactMinBytes: number,
    private readonly log: (msg: string) => void,
  ) {
    this.gen = gen
    this.fd = openSync(join(dir, journalName(gen)), 'a')
  }

  /** Loads the snapshot and replays the journals through `apply`, then opens the journal for appends. */
  static open(
    dir: string,
    apply: (op: JournalOp) => void,
    opts: { compactMinBytes: number; log: (msg: string) => void },
  ): Storage {
    mkdirSync(dir, { recursive: true })
    takeLock(dir)
    try {
      return Storage.load(dir, apply, opts)
    } catch (err) {
      releaseLock(dir)
      throw err
    }
  }

  private static load(
    dir: string,
    apply: (op: JournalOp) => void,
    opts: { compactMinBytes: number; log: (msg: string) => void },
  ): Storage {
    const tmp = join(dir, `${SNAPSHOT}.tmp`)
    if (existsSync(tmp)) unlinkSync(tmp)
    let firstGen = 1
    let snapshotBytes = 0
    const snapshotPath = join(dir, SNAPSHOT)
    if (existsSync(snapshotPath)) {
      const text = readFileSync(snapshotPath, 'utf8')
      snapshotBytes = text.length
      firstGen = loadSnapshot(text, apply, snapshotPath)
    }
    const gens = readdirSync(dir)
      .map((f) => JOURNAL.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b)
    let journalBytes = 0
    for (const gen of gens) {
      const path = join(dir, journalName(gen))
      if (gen < firstGen) {
        unlinkSync(path)
        continue
      }
      journalBytes += replayJournal(path, apply, opts.log)
    }
    const current = Math.max(firstGen, ...gens)
    const storage = new Storage(dir, current, opts.compactMinBytes, opts.log)
    storage.journalBytes = journalBytes
    storage.snapshotBytes = snapshotBytes
    return storage
  }

  /** Appends one record durably (against process death) before the caller answers. */
  append(record: JournalRecord): void {
    if (this.closed) throw new Error('database is closed')
    const line = Buffer.from(`${stringifyEjson(record)}\n`, 'utf8')
    let off = 0
    while (off < line.length) off += writeSync(this.fd, line, off, line.length - off)
    this.journalBytes += line.length
  }

  /** Whether the journals have grown enough (relative to the snapshot) to be worth compacting. */
  shouldCompact(): boolean {
    return (
      !this.compacting &&
      !this.closed &&
      this.journalBytes > Math.max(this.compactMinBytes, this.snapshotBytes)
    )
  }

  /** Starts a compaction with a view taken now; appends go to a fresh journal meanwhile. */
  compact(view: SnapshotView): Promise<void> {
    if (this.compacting) return this.compacting
    const coveredUpTo = this.gen + 1
    closeSync(this.fd)
    this.gen = coveredUpTo
    this.fd = openSync(join(this.dir, journalName(this.gen)), 'a')
    this.journalBytes = 0
    this.compacting = this.writeSnapshot(view, coveredUpTo)
      .catch((err: unknown) => this.log(`[db] compaction failed (journals kept): ${(err as Error).message}`))
      .finally(() => {
        this.compacting = null
      })
    return this.compacting
  }

  private async writeSnapshot(view: SnapshotView, firstGen: number): Promise<void> {
    const tmp = join(this.dir, `${SNAPSHOT}.tmp`)
    const file = await open(tmp, 'w')
    let bytes = 0
    let count = 0
    try {
      const header = {
        t: 'snapshot',
        v: 1,
        journal: firstGen,
        collections: view.collections.map((c) => c.name),
      }
      let chunk = `${JSON.stringify(header)}\n`
      for (const { name, docs } of view.collections) {
        for (const d of docs) {
          chunk += `${stringifyEjson({ c: name, d })}\n`
          count++
          if (chunk.length > 1 << 20) {
            bytes += chunk.length
            await file.write(chunk)
            chunk = ''
          }
        }
      }
      chunk += `${JSON.stringify({ t: 'end', docs: count })}\n`
      bytes += chunk.length
      await file.write(chunk)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(tmp, join(this.dir, SNAPSHOT))
    syncDir(this.dir)
    this.snapshotBytes = bytes
    for (const f of readdirSync(this.dir)) {
      const m = JOURNAL.exec(f)
      if (m && Number(m[1]) < firstGen) await unlink(join(this.dir, f))
    }
  }

  /** Waits for a running compaction (tests, shutdown). */
  async settle(): Promise<void> {
    if (this.compacting) await this.compacting
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.settle()
    this.closed = true
    closeSync(this.fd)
    releaseLock(this.dir)
  }
}

const LOCK = 'LOCK'

/** One process per data folder: two writers would interleave their journals. */
function takeLock(dir: string): void {
  const path = join(dir, LOCK)
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' })
    return
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  const pid = Number(readFileSync(path, 'utf8'))
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(
      `${dir} is in use by process ${pid}${pid === process.pid ? ' (this one: close it first)' : ''}`,
    )
  }
  // Left behind by a process that died (e.g. kill -9): take it over.
  writeFileSync(path, String(process.pid))
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function releaseLock(dir: string): void {
  try {
    unlinkSync(join(dir, LOCK))
  } catch {
    // Already gone: nothing to release.
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

function loadSnapshot(text: string, apply: (op: JournalOp) => void, path: string): number {
  const lines = text.split('\n')
  const header = JSON.parse(lines[0]) as { t?: string; journal?: number; collections?: string[] }
  if (header.t !== 'snapshot' || typeof header.journal !== 'number')
    throw new Error(`${path}: not a snapshot file`)
  for (const c of header.collections ?? []) apply({ t: 'coll', c })
  let count = 0
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue
    const rec = parseEjson(lines[i]) as { t?: string; docs?: number; c?: string; d?: Doc }
    if (rec.t === 'end') {
      if (rec.docs !== count)
        throw new Error(`${path}: snapshot holds ${count} documents, its trailer says ${rec.docs}`)
      return header.journal
    }
    apply({ t: 'put', c: rec.c!, d: rec.d! })
    count++
  }
  throw new Error(
    `${path}: snapshot is incomplete (no trailer); restore it or delete it to start from the journals`,
  )
}

/**
 * Replays a journal. A record counts only when its line is complete (newline-terminated): the writer
 * answers after the whole line is written. An unterminated or unreadable last line is a torn write:
 * it is cut off with a warning. Returns the size kept.
 */
function replayJournal(path: string, apply: (op: JournalOp) => void, log: (msg: string) => void): number {
  const buf = readFileSync(path)
  let start = 0
  let lineNo = 0
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start)
    lineNo++
    const line = buf.toString('utf8', start, nl === -1 ? buf.length : nl)
    let record: JournalRecord | undefined
    let torn = nl === -1
    if (!torn && line.trim()) {
      try {
        record = parseEjson(line) as JournalRecord
      } catch {
        if (
          buf
            .subarray(nl + 1)
            .toString('utf8')
            .trim() !== ''
        ) {
          throw new Error(`${path}: line ${lineNo} is corrupt and more records follow it; refusing to guess`)
        }
        torn = true
      }
    }
    if (torn) {
      if (line.trim()) {
        log(
          `[db] ${path}: dropped a torn last record (line ${lineNo}, ${buf.length - start} bytes) left by a crash`,
        )
      }
      truncate(path, start)
      return start
    }
    if (record?.t === 'batch') record.ops.forEach(apply)
    else if (record) apply(record)
    start = nl + 1
  }
  return buf.length
}

function truncate(path: string, size: number): void {
  const fd = openSync(path, 'r+')
  try {
    ftruncateSync(fd, size)
  } finally {
    closeSync(fd)
  }
}
