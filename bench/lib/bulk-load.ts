/**
 * Bulk loading for benches: writes documents straight into a local cloud data folder in the database's
 * own journal format (local-cloud/src/db/README.md "Storage format"), so `startLocalCloud({ dataDir })`
 * loads them by the same replay a restart after a crash runs, and builds the same indexes in memory.
 *
 * Why not `db.insertMany`: every insert validates and clones each document, checks unique indexes,
 * encodes it to EJSON and appends it to the journal, replays it into memory, and then the journal growing
 * past the snapshot triggers background compactions that encode the whole database again (about 4,000
 * ledger lines a second on the shared machine, slowing as it grows). A bench needs the resulting state,
 * not the write path: the journal lines written here are what insertMany would have written
 * (`{"t":"batch","ops":[{"t":"put","c":…,"d":<EJSON document>}…]}`, encoded by the database's own
 * stringifyEjson), one batch per chunk, several journal files so no file needs one huge buffer.
 * Unique indexes are not checked on replay: the generator must give unique `_id`s and keys.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { stringifyEjson } from '../../local-cloud/src/db/ejson'

const journalName = (gen: number): string => `journal-${String(gen).padStart(6, '0')}.jsonl`

export interface JournalWriter {
  /** Adds documents of a collection (written in batches of `batch`). */
  add(collection: string, docs: Iterable<Record<string, unknown>>): void
  /** Flushes and closes the last journal; answers the bytes written. */
  close(): number
}

/**
 * A writer for `<dataDir>/db` (the folder `startLocalCloud({ dataDir })` opens). The folder must not hold
 * a database yet. Journal files roll over at `fileBytes` (default 256 MB) at a batch boundary.
 */
export function journalWriter(
  dataDir: string,
  opts: { batch?: number; fileBytes?: number } = {},
): JournalWriter {
  const dir = join(dataDir, 'db')
  mkdirSync(dir, { recursive: true })
  const batch = opts.batch ?? 500
  const fileBytes = opts.fileBytes ?? 256 * 1024 * 1024
  let gen = 1
  let fd = openSync(join(dir, journalName(gen)), 'wx')
  let inFile = 0
  let total = 0
  const write = (line: string) => {
    const buf = Buffer.from(line, 'utf8')
    let off = 0
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
    inFile += buf.length
    total += buf.length
    if (inFile >= fileBytes) {
      closeSync(fd)
      gen++
      fd = openSync(join(dir, journalName(gen)), 'wx')
      inFile = 0
    }
  }
  return {
    add(collection, docs) {
      let ops: string[] = []
      // one line per batch, built from each document's EJSON (the same encoder the database journals with)
      const flush = () => {
        if (ops.length === 0) return
        write(`{"t":"batch","ops":[${ops.join(',')}]}\n`)
        ops = []
      }
      const c = JSON.stringify(collection)
      for (const d of docs) {
        ops.push(`{"t":"put","c":${c},"d":${stringifyEjson(d)}}`)
        if (ops.length >= batch) flush()
      }
      flush()
    },
    close() {
      closeSync(fd)
      return total
    },
  }
}
