/**
 * The local cloud's document database: answers every `database.*` TCB admin action that
 * wx-server-sdk 4.0.2 (@cloudbase/database 1.4.3) sends, so cloud functions run unmodified against
 * it. See README.md in this folder for the storage format and what is (not) emulated.
 */
import type { AdminReply, AdminRequest } from '../server'
import { runAction } from './actions'
import { Engine } from './engine'
import type { Doc } from './values'

export interface DatabaseOptions {
  /** Folder for durable files (created if missing); git-ignored in the project. */
  dataDir: string
  /** The project's database/ folder: index declarations, one JSON file per collection. */
  indexesDir?: string
  /** A query no declared index serves, on a collection with more documents than this, is reported. Default 300. */
  scanWarnThreshold?: number
  /** Abandoned transactions are rolled back after this long (default 30000, TCB's limit). */
  transactionTimeoutMs?: number
  /** Where warnings go (default console.warn). */
  log?: (msg: string) => void
  /** Journals are folded into a snapshot once they exceed this and the snapshot's size (default 8 MiB). */
  compactMinBytes?: number
}

export class Database {
  private constructor(private readonly engine: Engine) {}

  static async open(opts: DatabaseOptions): Promise<Database> {
    const engine = Engine.open({
      dataDir: opts.dataDir,
      indexesDir: opts.indexesDir,
      scanWarnThreshold: opts.scanWarnThreshold ?? 300,
      transactionTimeoutMs: opts.transactionTimeoutMs ?? 30000,
      compactMinBytes: opts.compactMinBytes ?? 8 * 1024 * 1024,
      log: opts.log ?? ((msg) => console.warn(msg)),
    })
    return new Database(engine)
  }

  /** Handles every 'database.*' action; register with `server.handleAdmin('database', db.handle)`. */
  handle = async (req: AdminRequest): Promise<AdminReply> => {
    return { kind: 'json', body: await runAction(this.engine, req.action, req.body.fields) }
  }

  /** Seeding: creates the collection if needed; documents may carry `_id`; unique indexes apply. */
  insertMany(collection: string, docs: Record<string, unknown>[]): Promise<void> {
    return this.engine.insertMany(collection, docs)
  }

  /** Plain read for tests and the dev page (Date objects, geo as GeoJSON); `query` is MongoDB syntax. */
  find(collection: string, query?: Record<string, unknown>): Record<string, unknown>[] {
    return this.engine.find(collection, (query ?? {}) as Doc)
  }

  listCollections(): { name: string; count: number }[] {
    return this.engine.listCollections()
  }

  stats(): { unindexedQueries: number; unindexed: { collection: string; query: string }[]; scans: number } {
    return this.engine.stats()
  }

  /**
   * Open transactions, the document versions kept for their snapshots (dropped when they end) and the
   * writes outside transactions waiting for one to end.
   */
  transactionState(): { open: number; keptVersions: number; waitingWrites: number } {
    return this.engine.transactionState()
  }

  /** Folds the journals into a fresh snapshot now (normally automatic). */
  compact(): Promise<void> {
    return this.engine.compact()
  }

  /** Rolls back open transactions, waits for a running compaction and closes the journal. */
  close(): Promise<void> {
    return this.engine.close()
  }
}
