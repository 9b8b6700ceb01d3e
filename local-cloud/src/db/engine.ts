/**
 * The document engine: collections in memory, writes made durable through Storage, MongoDB query,
 * update and aggregation semantics from mingo, unique and geo indexes, and transactions.
 *
 * Every write is computed and validated synchronously, journalled, then applied, all in one turn of
 * the event loop, so it is atomic with respect to every other request. Only a write outside
 * transactions that meets a document (or unique key) a transaction has written waits, for that
 * transaction to end; then it starts over from fresh state. Transactions use snapshot isolation
 * (see locks.ts): they never wait.
 */
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { Aggregator, Context, ProcessingMode, Query, find as mingoFind, update as mingoUpdate } from 'mingo'
import { CloudError } from '../errors'
import { Collection, type Plan } from './collection'
import type { IndexSpec } from './field-index'
import { geoQueryOps, sortByDistance, toLngLat } from './geo'
import { jsonSchemaValidator } from './json-schema'
import { TRANSACTION_CONFLICT, Tx, conflictError, lockKey, transactionGoneError } from './locks'
import { platformExpressionOps, rewriteForPlatform } from './platform-ops'
import { Storage, type JournalOp, type SnapshotView } from './storage'
import {
  deepClone,
  deepEqual,
  deepFreeze,
  getPath,
  idKey,
  isPlainObject,
  newDocId,
  ObjectIdValue,
  stableStringify,
  type Doc,
} from './values'

export interface EngineOptions {
  dataDir: string
  indexesDir?: string
  scanWarnThreshold: number
  transactionTimeoutMs: number
  compactMinBytes: number
  log: (msg: string) => void
}

export interface ReadOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Doc
}

export interface ModifyOptions {
  multi: boolean
  merge: boolean
  upsert: boolean
}

export interface ModifyResult {
  updated: number
  matched: number
  upsertId?: unknown
  doc?: Doc
}

export interface Stats {
  unindexedQueries: number
  unindexed: { collection: string; query: string }[]
  scans: number
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$push',
  '$pull',
  '$pullAll',
  '$pop',
  '$addToSet',
  '$rename',
  '$min',
  '$max',
  '$bit',
  '$currentDate',
  '$setOnInsert',
])

/** Pipeline stages that may set fields inside the documents they receive (see Engine.aggregate). */
const WRITING_STAGES = new Set([
  '$addFields',
  '$set',
  '$unset',
  '$lookup',
  '$graphLookup',
  '$unwind',
  '$facet',
  '$densify',
  '$fill',
  '$setWindowFields',
])

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,128}$/

/** Thrown inside a write attempt that must wait for a transaction to end before retrying. */
class MustWait {
  constructor(readonly tx: Tx) {}
}

export function collectionNotExist(name: string): CloudError {
  return new CloudError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem cannot be solved, contact us.`,
  )
}

/**
 * A unique-index violation as the service reports it to wx-server-sdk 4.0.2: DATABASE_REQUEST_FAILED
 * (errCode -502001; the SDK has no mapping for DATABASE_DUPLICATE_WRITE) with MongoDB's E11000 text as
 * the service's Go driver wraps it (`tnt-<instance>.<collection>` is the namespace there). Seen from
 * real environments; the exact wording is not a contract and code must not match on it.
 */
function duplicateError(collection: string, index: string, fields: string[], values: unknown[]): CloudError {
  const key = fields.map((f, i) => `${f}: ${stableStringify(values[i])}`).join(', ')
  return new CloudError(
    'DATABASE_REQUEST_FAILED',
    `[FailedOperation] multiple write errors: [{write errors: [{E11000 duplicate key error collection: tnt-local.${collection} index: ${index} dup key: { ${key} }}]}, {<nil>}]`,
  )
}

function failed(message: string): CloudError {
  return new CloudError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`)
}

/** Runs mingo and turns its exceptions (bad operators, bad operands) into a clean error. */
function guarded<T>(what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof CloudError || err instanceof MustWait) throw err
    throw failed(`${what}: ${(err as Error).message}`)
  }
}

/** Replaces leaf values by their type so that one warning covers every query of the same shape. */
function queryShape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [queryShape(v[0])] : []
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, queryShape(x)]))
  if (v instanceof Date) return '<date>'
  if (v instanceof RegExp) return '<regex>'
  return `<${typeof v}>`
}

export class Engine {
  private readonly collections = new Map<string, Collection>()
  private readonly specs = new Map<string, IndexSpec[]>()
  private storage!: Storage
  private readonly txs = new Map<string, Tx>()
  /** Transactions' write locks: lock key → the transaction holding it. */
  private readonly writeLocks = new Map<string, Tx>()
  /** Commit sequence number: one per journal record; snapshots are taken at a value of it. */
  private seq = 0
  /** How many open transactions have taken a snapshot. */
  private snapshots = 0
  /**
   * While some transaction has a snapshot, the document versions later commits replaced:
   * collection → key → [{ seq: the replacing commit, before: the replaced version or null }].
   */
  private readonly history = new Map<string, Map<string, { seq: number; before: Doc | null }[]>>()
  /** The same entries in commit order, for pruning. */
  private readonly historyLog: { seq: number; c: string; key: string }[] = []
  /** Unique keys claimed by pending transaction writes: key → transaction. */
  private readonly reserved = new Map<string, Tx>()
  /**
   * Plain options use mingo's shared operator context; a custom one (geo operators, and the
   * operators platform-ops.ts replaces) is merged anew on every call, so only queries that need it
   * get it.
   */
  private readonly mingoOptions = { scriptEnabled: false, jsonSchemaValidator }
  private readonly mingoExtOptions = {
    scriptEnabled: false,
    jsonSchemaValidator,
    context: Context.init()
      .addQueryOps(geoQueryOps as unknown as Parameters<Context['addQueryOps']>[0])
      .addExpressionOps(platformExpressionOps as unknown as Parameters<Context['addExpressionOps']>[0]),
  }
  private readonly statsState: Stats = { unindexedQueries: 0, unindexed: [], scans: 0 }
  /** writes outside transactions now waiting for a transaction that has written their document */
  private waitingWrites = 0
  private readonly warnedShapes = new Set<string>()
  private closed = false

  private constructor(private readonly opts: EngineOptions) {}

  static open(opts: EngineOptions): Engine {
    const engine = new Engine(opts)
    engine.loadIndexDeclarations()
    engine.storage = Storage.open(opts.dataDir, (op) => engine.replay(op), {
      compactMinBytes: opts.compactMinBytes,
      log: opts.log,
    })
    for (const name of engine.specs.keys()) engine.ensureCollection(name)
    for (const coll of engine.collections.values())
      coll.setIndexes(engine.specs.get(coll.name) ?? [], opts.log)
    return engine
  }

  private loadIndexDeclarations(): void {
    const dir = this.opts.indexesDir
    if (!dir || !existsSync(dir)) return
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const path = join(dir, file)
      let decl: unknown
      try {
        decl = JSON.parse(readFileSync(path, 'utf8'))
      } catch (err) {
        throw new Error(`${path}: not valid JSON (${(err as Error).message})`)
      }
      if (
        !isPlainObject(decl) ||
        typeof decl.collection !== 'string' ||
        !COLLECTION_NAME.test(decl.collection)
      ) {
        throw new Error(`${path}: expected { "collection": "<name>", "indexes": [...] }`)
      }
      const indexes = decl.indexes ?? []
      if (!Array.isArray(indexes)) throw new Error(`${path}: "indexes" must be an array`)
      const specs = indexes.map((ix, i): IndexSpec => {
        const keys = isPlainObject(ix) ? ix.keys : undefined
        const valid =
          isPlainObject(ix) &&
          isPlainObject(keys) &&
          Object.keys(keys).length > 0 &&
          Object.values(keys).every((k) => k === 1 || k === -1 || k === '2dsphere')
        if (!valid) throw new Error(`${path}: index #${i} needs "keys" like { "field": 1 | -1 | "2dsphere" }`)
        const name = typeof ix.name === 'string' ? ix.name : Object.keys(keys).join('_')
        return { name, keys: keys as IndexSpec['keys'], unique: ix.unique === true }
      })
      this.specs.set(decl.collection, [...(this.specs.get(decl.collection) ?? []), ...specs])
    }
  }

  private replay(op: JournalOp): void {
    const coll = this.ensureCollection(op.c)
    if (op.t === 'put') coll.put(idKey(op.d._id), deepFreeze(op.d))
    else if (op.t === 'del') coll.delete(idKey(op.id))
  }

  private ensureCollection(name: string): Collection {
    let coll = this.collections.get(name)
    if (!coll) {
      coll = new Collection(name)
      this.collections.set(name, coll)
    }
    return coll
  }

  private collection(name: unknown): Collection {
    if (typeof name !== 'string' || !name) throw new CloudError('INVALID_PARAM', 'collectionName is required')
    const coll = this.collections.get(name)
    if (!coll) throw collectionNotExist(name)
    return coll
  }

  // ---------------------------------------------------------------- reads

  /** Documents matching a query, sorted, paged and projected (the getDocument action). */
  query(collection: string, query: Doc, opts: ReadOptions): Doc[] {
    const coll = this.collection(collection)
    const early = !opts.order ? (opts.offset ?? 0) + (opts.limit ?? Infinity) : undefined
    const docs = this.match(coll, query, { stopAfter: early, order: opts.order })
    return this.shape(docs, opts)
  }

  /** The calculateDocument action. */
  count(collection: string, query: Doc): number {
    const coll = this.collection(collection)
    if (Object.keys(query).length === 0) return coll.docs.size
    return this.match(coll, query).length
  }

  /** Plain read for tests and the dev page: deep copies, so callers may change them freely. */
  find(collection: string, query: Doc = {}): Doc[] {
    const coll = this.collections.get(collection)
    return coll ? this.match(coll, query, { record: false }).map(deepClone) : []
  }

  private shape(docs: Doc[], opts: ReadOptions): Doc[] {
    const offset = opts.offset ?? 0
    const limit = opts.limit ?? Infinity
    const projection = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined
    const sliceOnly = projection && Object.values(projection).every((v) => isPlainObject(v) && '$slice' in v)
    return guarded('query', () => {
      let page: Doc[]
      if (opts.order && Object.keys(opts.order).length) {
        page = mingoFind(docs, {}, {}, this.mingoOptions)
          .sort(opts.order)
          .skip(offset)
          .limit(limit)
          .all() as Doc[]
      } else {
        page = docs.slice(offset, offset + limit)
      }
      if (!projection) return page
      // mingo treats a lone $slice as an inclusion; MongoDB keeps the other fields.
      if (sliceOnly) return page.map((d) => applySlices(d, projection))
      return mingoFind(page, {}, projection, this.mingoOptions).all() as Doc[]
    })
  }

  /**
   * The documents matching `query` (in distance order for a $nearSphere), narrowed by the best index
   * first. `stopAfter` ends the search early when no sort needs the full result. `source` replaces
   * the committed documents (a transaction's snapshot with its own writes; no index narrows it).
   * `record: false` keeps a read out of the scan statistics (the plain find() used by tests and the
   * dev page).
   */
  private match(
    coll: Collection,
    query: Doc,
    opts: {
      stopAfter?: number
      source?: Iterable<Doc>
      record?: boolean
      order?: ReadOptions['order']
    } = {},
  ): Doc[] {
    const { stopAfter } = opts
    const plan = guarded('query', () => coll.plan(query))
    if (opts.record !== false) this.noteScan(coll, plan, query, opts.order)
    const platform = rewriteForPlatform(query)
    const q = guarded(
      'query',
      () =>
        new Query(
          platform.value,
          platform.custom || usesGeo(query) ? this.mingoExtOptions : this.mingoOptions,
        ),
    )
    const source = opts.source ?? coll.candidates(plan)
    const out: Doc[] = []
    guarded('query', () => {
      if (plan.near) {
        for (const { doc } of sortByDistance(source, plan.near.field, plan.near.spec))
          if (q.test(doc)) out.push(doc)
        return
      }
      for (const doc of source) {
        if (!q.test(doc)) continue
        out.push(doc)
        if (stopAfter !== undefined && out.length >= stopAfter) break
      }
    })
    return out
  }

  /**
   * Counts full scans and reports those on large collections: a filter no index serves, or no filter
   * but a sort on a field no index starts with (MongoDB would sort the whole collection in memory).
   */
  private noteScan(coll: Collection, plan: Plan, query: Doc, order?: ReadOptions['order']): void {
    const sortKey = order && Object.keys(order)[0]
    const unsortable =
      plan.kind === 'all' &&
      sortKey !== undefined &&
      sortKey !== '_id' &&
      !coll.indexes.some((i) => i.fields[0] === sortKey)
    if (plan.kind !== 'scan' && !unsortable) return
    this.statsState.scans++
    if (coll.docs.size <= this.opts.scanWarnThreshold) return
    this.statsState.unindexedQueries++
    const shape = stableStringify(unsortable ? { $orderBy: order } : queryShape(query))
    const key = `${coll.name} ${shape}`
    if (this.warnedShapes.has(key)) return
    this.warnedShapes.add(key)
    this.statsState.unindexed.push({ collection: coll.name, query: shape })
    this.opts.log(
      `[db] unindexed query on "${coll.name}" (${coll.docs.size} documents): ${shape} — declare an index in database/${coll.name}.json`,
    )
  }

  stats(): Stats {
    return { ...this.statsState, unindexed: [...this.statsState.unindexed] }
  }

  /**
   * Open transactions, the replaced document versions kept for their snapshots, and the writes outside
   * transactions now waiting for one to end (tests).
   */
  transactionState(): { open: number; keptVersions: number; waitingWrites: number } {
    return { open: this.txs.size, keptVersions: this.historyLog.length, waitingWrites: this.waitingWrites }
  }

  listCollections(): { name: string; count: number }[] {
    return [...this.collections.values()]
      .map((c) => ({ name: c.name, count: c.docs.size }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /** The aggregateDocuments action. $geoNear (first stage only) and a leading $match use indexes. */
  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    const coll = this.collection(collection)
    pipeline.forEach((stage, i) => {
      const [name] = Object.keys(stage)
      if (Object.keys(stage).length !== 1) throw failed('a pipeline stage must have exactly one field')
      if (name === '$geoNear' && i > 0)
        throw failed('$geoNear is only valid as the first stage in a pipeline')
      if (name === '$out' || name === '$merge') throw failed(`${name} is not supported`)
    })
    let input: Doc[]
    let rest = pipeline
    const first = pipeline[0]
    if (first && '$geoNear' in first) {
      input = this.geoNear(coll, first.$geoNear)
      rest = pipeline.slice(1)
    } else if (first && '$match' in first && isPlainObject(first.$match)) {
      input = this.match(coll, first.$match)
      rest = pipeline.slice(1)
    } else {
      input = [...coll.docs.values()]
    }
    if (rest.length === 0) return input
    const platform = rewriteForPlatform(rest.flatMap(rewriteBucket))
    const stages = platform.value
    // Stored documents are frozen; stages that write into their input get copies (cost: one clone each).
    const writes = stages.some((s) => WRITING_STAGES.has(Object.keys(s)[0]))
    return guarded('aggregate', () =>
      new Aggregator(stages, {
        ...(platform.custom || usesGeo(stages) ? this.mingoExtOptions : this.mingoOptions),
        processingMode: writes ? ProcessingMode.CLONE_INPUT : ProcessingMode.CLONE_OFF,
        collectionResolver: (name: string) => [...(this.collections.get(name)?.docs.values() ?? [])],
      }).run(input),
    ) as Doc[]
  }

  private geoNear(coll: Collection, spec: unknown): Doc[] {
    if (!isPlainObject(spec)) throw failed('$geoNear needs an object')
    const point = toLngLat(spec.near)
    if (!point) throw failed('$geoNear needs "near" as a GeoJSON Point')
    if (typeof spec.distanceField !== 'string' || !spec.distanceField)
      throw failed('$geoNear needs "distanceField"')
    const geoFields = [...coll.geoFields]
    const field = typeof spec.key === 'string' ? spec.key : geoFields.length === 1 ? geoFields[0] : undefined
    if (!field || !coll.geoFields.has(field)) {
      throw failed(
        geoFields.length > 1 && spec.key === undefined
          ? `$geoNear: collection "${coll.name}" has several 2dsphere indexes, say which with "key"`
          : `unable to find index for $geoNear query: declare a 2dsphere index in database/${coll.name}.json`,
      )
    }
    const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)
    const filter = isPlainObject(spec.query) ? spec.query : {}
    const docs = Object.keys(filter).length ? this.match(coll, filter) : [...coll.docs.values()]
    const multiplier = num(spec.distanceMultiplier) ?? 1
    const limit = num(spec.limit) ?? num(spec.num)
    const near = sortByDistance(docs, field, {
      point,
      minDistance: num(spec.minDistance),
      maxDistance: num(spec.maxDistance),
    })
    return near.slice(0, limit ?? near.length).map(({ doc, distance }) => {
      const out = deepClone(doc)
      setPath(out, spec.distanceField as string, distance * multiplier)
      if (typeof spec.includeLocs === 'string') setPath(out, spec.includeLocs, deepClone(getPath(doc, field)))
      return out
    })
  }

  // ---------------------------------------------------------------- writes outside transactions

  /** Retries a synchronous write attempt each time it finds a transaction in its way. */
  private async retrying<T>(attempt: () => T): Promise<T> {
    for (;;) {
      this.assertOpen()
      try {
        return attempt()
      } catch (err) {
        if (!(err instanceof MustWait)) throw err
        this.waitingWrites++
        try {
          await err.tx.ended
        } finally {
          this.waitingWrites--
        }
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new CloudError('SYS_ERR', 'database is closed')
  }

  /** A write outside transactions waits for a transaction that has written the document (never for a reader). */
  private assertUnlocked(collection: string, id: string): void {
    const owner = this.writeLocks.get(lockKey(collection, id))
    if (owner) throw new MustWait(owner)
  }

  addCollection(name: unknown): void {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw new CloudError('INVALID_PARAM', `invalid collection name: ${String(name)}`)
    }
    if (this.collections.has(name)) {
      throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`)
    }
    this.commit([{ t: 'coll', c: name }])
  }

  /** The insertDocument action; all documents or none. */
  insert(collection: string, docs: unknown[], opts: { create?: boolean } = {}): Promise<unknown[]> {
    return this.retrying(() => {
      if (opts.create && !this.collections.has(collection)) {
        if (!COLLECTION_NAME.test(collection))
          throw new CloudError('INVALID_PARAM', `invalid collection name: ${collection}`)
        this.commit([{ t: 'coll', c: collection }])
      }
      const coll = this.collection(collection)
      const writes = new Map<string, Doc | null>()
      const ids: unknown[] = []
      for (const raw of docs) {
        const doc = prepareNewDoc(raw)
        const key = idKey(doc._id)
        this.assertUnlocked(collection, key)
        if (coll.get(key) || writes.has(key)) throw duplicateError(collection, '_id_', ['_id'], [doc._id])
        writes.set(key, doc)
        ids.push(doc._id)
      }
      this.checkUnique(coll, writes)
      this.commitWrites(coll, writes)
      return ids
    })
  }

  /** The modifyDocument action (update, replace, upsert). */
  modify(collection: string, query: Doc, update: Doc, opts: ModifyOptions): Promise<ModifyResult> {
    return this.retrying(() => {
      const coll = this.collection(collection)
      const matched = this.match(coll, query, { stopAfter: opts.multi ? undefined : 1 })
      const writes = new Map<string, Doc | null>()
      let updated = 0
      for (const old of matched) {
        const key = idKey(old._id)
        this.assertUnlocked(collection, key)
        const next = opts.merge ? applyUpdate(old, update, false) : replaceDoc(old, update)
        if (deepEqual(old, next)) {
          // The platform counts a replacement (set) of a matched document as updated even when
          // nothing changes; a no-op update operator counts nothing (MongoDB's nModified).
          if (!opts.merge) updated++
          continue
        }
        writes.set(key, next)
        updated++
      }
      let upsertId: unknown
      let doc = matched[0] ? (writes.get(idKey(matched[0]._id)) ?? matched[0]) : undefined
      if (matched.length === 0 && opts.upsert) {
        const created = upsertDoc(query, update, opts.merge)
        const key = idKey(created._id)
        this.assertUnlocked(collection, key)
        if (coll.get(key)) throw duplicateError(collection, '_id_', ['_id'], [created._id])
        writes.set(key, created)
        upsertId = created._id
        doc = created
      }
      this.checkUnique(coll, writes)
      this.commitWrites(coll, writes)
      return { updated, matched: matched.length, upsertId, doc: doc ?? undefined }
    })
  }

  /** The removeDocument action. */
  remove(collection: string, query: Doc, multi: boolean): Promise<number> {
    return this.retrying(() => {
      const coll = this.collection(collection)
      const matched = this.match(coll, query, { stopAfter: multi ? undefined : 1 })
      const writes = new Map<string, Doc | null>()
      for (const doc of matched) {
        const key = idKey(doc._id)
        this.assertUnlocked(collection, key)
        writes.set(key, null)
      }
      this.commitWrites(coll, writes)
      return matched.length
    })
  }

  /**
   * Unique-index check of a set of pending writes against committed data, each other, and keys other
   * transactions have claimed. Inside a transaction (`tx`), `writes` is its whole write set.
   */
  private checkUnique(coll: Collection, writes: Map<string, Doc | null>, tx?: Tx): void {
    for (const index of coll.indexes) {
      if (!index.unique) continue
      const pending = new Map<string, string>()
      for (const [id, doc] of writes) {
        if (!doc) continue
        for (const t of index.tuples(doc)) {
          const tupleKey = t.keys.join('\u0000')
          const other = pending.get(tupleKey)
          if (other !== undefined && other !== id)
            throw duplicateError(coll.name, index.name, index.fields, t.values)
          pending.set(tupleKey, id)
          for (const committed of index.idsAt(t.keys) ?? []) {
            if (committed !== id && !writes.has(committed)) {
              // A key committed after a transaction's snapshot is a write conflict (MongoDB), else a duplicate.
              if (tx && this.changedSince(coll.name, committed, tx.snapshot!)) throw conflictError()
              throw duplicateError(coll.name, index.name, index.fields, t.values)
            }
          }
          const claimer = this.reserved.get(reservationKey(coll.name, index.name, tupleKey))
          if (claimer && claimer !== tx) {
            if (tx) throw conflictError()
            throw new MustWait(claimer)
          }
        }
      }
    }
  }

  /** Journals one record for the writes, then applies them. */
  private commitWrites(coll: Collection, writes: Map<string, Doc | null>): void {
    const ops: JournalOp[] = []
    for (const [id, doc] of writes) {
      if (doc) ops.push({ t: 'put', c: coll.name, d: doc })
      else if (coll.get(id)) ops.push({ t: 'del', c: coll.name, id: coll.get(id)!._id })
    }
    this.commit(ops)
  }

  private commit(ops: JournalOp[]): void {
    if (ops.length === 0) return
    this.storage.append(ops.length === 1 ? ops[0] : { t: 'batch', ops })
    this.seq++
    if (this.snapshots > 0) this.remember(ops, this.seq)
    for (const op of ops) this.replay(op)
    if (this.storage.shouldCompact()) void this.compact()
  }

  /** Folds the journals into a new snapshot (runs in the background; awaited by tests and close()). */
  compact(): Promise<void> {
    const view: SnapshotView = {
      collections: [...this.collections.values()].map((c) => ({ name: c.name, docs: [...c.docs.values()] })),
    }
    return this.storage.compact(view)
  }

  /** Seeding: inserts in chunks, one journal record each, creating the collection if needed. */
  async insertMany(collection: string, docs: Doc[]): Promise<void> {
    const chunk = 500
    if (docs.length === 0) await this.insert(collection, [], { create: true })
    for (let i = 0; i < docs.length; i += chunk) {
      await this.insert(collection, docs.slice(i, i + chunk), { create: true })
    }
  }

  // ---------------------------------------------------------------- transactions

  startTransaction(): string {
    this.assertOpen()
    const tx = new Tx(randomBytes(16).toString('hex'))
    this.txs.set(tx.id, tx)
    tx.timer = setTimeout(() => {
      if (tx.state !== 'active') return
      this.opts.log(
        `[db] transaction ${tx.id} rolled back: not committed within ${this.opts.transactionTimeoutMs} ms`,
      )
      this.endTx(tx, 'expired')
    }, this.opts.transactionTimeoutMs)
    tx.timer.unref()
    return tx.id
  }

  /** The transaction, with its snapshot taken (at its first operation, as MongoDB does). */
  private activeTx(id: string): Tx {
    const tx = this.txs.get(id)
    if (!tx || tx.state !== 'active') throw transactionGoneError()
    if (tx.snapshot === undefined) {
      tx.snapshot = this.seq
      this.snapshots++
    }
    return tx
  }

  /** Runs a transactional operation; a conflict aborts the transaction, as MongoDB's WriteConflict does. */
  private inTx<T>(txId: string, op: (tx: Tx) => T): T {
    const tx = this.activeTx(txId)
    try {
      return op(tx)
    } catch (err) {
      if (err instanceof CloudError && err.code === TRANSACTION_CONFLICT) this.endTx(tx, 'aborted')
      throw err
    }
  }

  /** The single `_id` a transactional operation targets (transactions are single-document only). */
  private txTarget(query: Doc): unknown {
    const keys = Object.keys(query)
    const id = query._id
    if (keys.length !== 1 || id === undefined || isPlainObject(id) || Array.isArray(id)) {
      throw new CloudError('INVALID_PARAM', 'transactions support single-document operations by _id only')
    }
    return id
  }

  /** The committed document as of commit `seq` (undefined: it did not exist then). */
  private versionAt(coll: Collection, key: string, seq: number): Doc | undefined {
    const versions = this.history.get(coll.name)?.get(key)
    if (versions) for (const v of versions) if (v.seq > seq) return v.before ?? undefined
    return coll.get(key)
  }

  /** What a transaction sees: its own pending write, else its snapshot. */
  private txView(tx: Tx, coll: Collection, key: string): Doc | undefined {
    const pending = tx.writes.get(coll.name)
    if (pending?.has(key)) return pending.get(key) ?? undefined
    return this.versionAt(coll, key, tx.snapshot!)
  }

  /** Whether anyone committed a change to the document after commit `seq`. */
  private changedSince(collection: string, key: string, seq: number): boolean {
    const versions = this.history.get(collection)?.get(key)
    return versions !== undefined && versions[versions.length - 1].seq > seq
  }

  /** First writer wins: fails when another transaction wrote the document or it changed since the snapshot. */
  private assertWritable(tx: Tx, collection: string, key: string): void {
    const owner = this.writeLocks.get(lockKey(collection, key))
    if ((owner && owner !== tx) || this.changedSince(collection, key, tx.snapshot!)) throw conflictError()
  }

  /** The collection as of a transaction's snapshot, with its own writes (for a query that is not by `_id`). */
  private *snapshotDocs(tx: Tx, coll: Collection): Iterable<Doc> {
    const versions = this.history.get(coll.name)
    for (const [key, doc] of coll.docs) {
      if (!versions?.has(key)) yield doc
      else {
        const old = this.versionAt(coll, key, tx.snapshot!)
        if (old) yield old
      }
    }
    if (!versions) return
    for (const key of versions.keys()) {
      if (coll.docs.has(key)) continue
      const old = this.versionAt(coll, key, tx.snapshot!)
      if (old) yield old
    }
  }

  txQuery(txId: string, collection: string, query: Doc, opts: ReadOptions): Doc[] {
    return this.inTx(txId, (tx) => {
      const coll = this.collection(collection)
      const keys = Object.keys(query)
      if (keys.length === 1 && keys[0] === '_id' && !isPlainObject(query._id) && !Array.isArray(query._id)) {
        const doc = this.txView(tx, coll, idKey(query._id))
        return this.shape(doc ? [doc] : [], opts)
      }
      // Not a single-document read (the platform refuses these in a transaction): a scan of the snapshot.
      const early = !opts.order ? (opts.offset ?? 0) + (opts.limit ?? Infinity) : undefined
      const pending = tx.writes.get(collection)
      const snapshot = this.snapshotDocs(tx, coll)
      const source = pending?.size ? withOverlay(snapshot, pending) : snapshot
      return this.shape(this.match(coll, query, { source, stopAfter: early, order: opts.order }), opts)
    })
  }

  txInsert(txId: string, collection: string, docs: unknown[]): unknown[] {
    return this.inTx(txId, (tx) => {
      const coll = this.collection(collection)
      const ids: unknown[] = []
      for (const raw of docs) {
        const doc = prepareNewDoc(raw)
        const key = idKey(doc._id)
        this.assertWritable(tx, collection, key)
        if (this.txView(tx, coll, key)) throw duplicateError(collection, '_id_', ['_id'], [doc._id])
        this.stage(tx, coll, key, doc)
        ids.push(doc._id)
      }
      return ids
    })
  }

  txModify(txId: string, collection: string, query: Doc, update: Doc, opts: ModifyOptions): ModifyResult {
    return this.inTx(txId, (tx) => {
      const coll = this.collection(collection)
      const key = idKey(this.txTarget(query))
      const old = this.txView(tx, coll, key)
      if (!old) {
        if (!opts.upsert) return { updated: 0, matched: 0 }
        const created = upsertDoc(query, update, opts.merge)
        this.assertWritable(tx, collection, key)
        this.stage(tx, coll, key, created)
        return { updated: 0, matched: 0, upsertId: created._id, doc: created }
      }
      this.assertWritable(tx, collection, key)
      const next = opts.merge ? applyUpdate(old, update, false) : replaceDoc(old, update)
      if (deepEqual(old, next)) return { updated: opts.merge ? 0 : 1, matched: 1, doc: old }
      this.stage(tx, coll, key, next)
      return { updated: 1, matched: 1, doc: next }
    })
  }

  txRemove(txId: string, collection: string, query: Doc): number {
    return this.inTx(txId, (tx) => {
      const coll = this.collection(collection)
      const key = idKey(this.txTarget(query))
      if (!this.txView(tx, coll, key)) return 0
      this.assertWritable(tx, collection, key)
      this.stage(tx, coll, key, null)
      return 1
    })
  }

  /** Adds a pending write to a transaction after checking and claiming its unique keys; takes the write lock. */
  private stage(tx: Tx, coll: Collection, key: string, doc: Doc | null): void {
    const writes = new Map(tx.writesOf(coll.name))
    writes.set(key, doc)
    this.checkUnique(coll, writes, tx)
    tx.writesOf(coll.name).set(key, doc)
    const lk = lockKey(coll.name, key)
    this.writeLocks.set(lk, tx)
    tx.locks.add(lk)
    for (const r of tx.reservations.get(lk) ?? []) this.reserved.delete(r)
    const claims: string[] = []
    if (doc) {
      for (const index of coll.indexes) {
        if (!index.unique) continue
        for (const t of index.tuples(doc))
          claims.push(reservationKey(coll.name, index.name, t.keys.join('\u0000')))
      }
    }
    for (const r of claims) this.reserved.set(r, tx)
    tx.reservations.set(lk, claims)
  }

  /** Commits a transaction: one journal record for all its writes, or nothing. */
  commitTransaction(txId: string): void {
    const tx = this.activeTx(txId)
    try {
      const ops: JournalOp[] = []
      for (const [name, writes] of tx.writes) {
        const coll = this.collection(name)
        this.checkUnique(coll, writes, tx)
        for (const [id, doc] of writes) {
          if (doc) ops.push({ t: 'put', c: name, d: doc })
          else if (coll.get(id)) ops.push({ t: 'del', c: name, id: coll.get(id)!._id })
        }
      }
      this.commit(ops)
    } catch (err) {
      this.endTx(tx, 'aborted')
      throw err
    }
    this.endTx(tx, 'committed')
  }

  abortTransaction(txId: string): void {
    this.endTx(this.activeTx(txId), 'aborted')
  }

  private endTx(tx: Tx, state: Tx['state']): void {
    if (tx.state !== 'active') return
    for (const claims of tx.reservations.values())
      for (const r of claims) if (this.reserved.get(r) === tx) this.reserved.delete(r)
    tx.reservations.clear()
    for (const lk of tx.locks) if (this.writeLocks.get(lk) === tx) this.writeLocks.delete(lk)
    tx.locks.clear()
    tx.finish(state)
    this.txs.delete(tx.id)
    if (tx.snapshot !== undefined) {
      this.snapshots--
      this.pruneHistory()
    }
  }

  /** Records the versions a commit replaces while some transaction's snapshot may still need them. */
  private remember(ops: JournalOp[], seq: number): void {
    for (const op of ops) {
      if (op.t !== 'put' && op.t !== 'del') continue
      const key = idKey(op.t === 'put' ? op.d._id : op.id)
      const before = this.collections.get(op.c)?.get(key) ?? null
      let byKey = this.history.get(op.c)
      if (!byKey) {
        byKey = new Map()
        this.history.set(op.c, byKey)
      }
      const versions = byKey.get(key)
      if (versions) versions.push({ seq, before })
      else byKey.set(key, [{ seq, before }])
      this.historyLog.push({ seq, c: op.c, key })
    }
  }

  /** Drops the versions no open snapshot can read any more. */
  private pruneHistory(): void {
    if (this.snapshots === 0) {
      this.history.clear()
      this.historyLog.length = 0
      return
    }
    let oldest = Infinity
    for (const tx of this.txs.values())
      if (tx.snapshot !== undefined && tx.snapshot < oldest) oldest = tx.snapshot
    let n = 0
    for (; n < this.historyLog.length && this.historyLog[n].seq <= oldest; n++) {
      const { c, key } = this.historyLog[n]
      const byKey = this.history.get(c)
      const versions = byKey?.get(key)
      versions?.shift()
      if (byKey && versions?.length === 0) byKey.delete(key)
    }
    if (n > 0) this.historyLog.splice(0, n)
  }

  async close(): Promise<void> {
    if (this.closed) return
    for (const tx of [...this.txs.values()]) this.endTx(tx, 'aborted')
    this.closed = true
    await this.storage.close()
  }

  /** Waits for a background compaction (tests). */
  settle(): Promise<void> {
    return this.storage.settle()
  }
}

const GEO_OPERATORS = new Set(['$nearSphere', '$near', '$geoWithin', '$geoIntersects'])

/** Whether a query (or pipeline) uses one of the geo operators mingo does not have. */
function usesGeo(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(usesGeo)
  if (!isPlainObject(v)) return false
  for (const k in v) if (GEO_OPERATORS.has(k) || usesGeo(v[k])) return true
  return false
}

function reservationKey(collection: string, index: string, tuple: string): string {
  return `${collection}\u0000${index}\u0000${tuple}`
}

function* withOverlay(source: Iterable<Doc>, overlay: Map<string, Doc | null>): Iterable<Doc> {
  for (const doc of source) if (!overlay.has(idKey(doc._id))) yield doc
  for (const doc of overlay.values()) if (doc) yield doc
}

/** Validates a document to insert and gives it an `_id` when it has none; the result is frozen. */
function prepareNewDoc(raw: unknown): Doc {
  if (!isPlainObject(raw)) throw new CloudError('INVALID_PARAM', 'a document must be an object')
  for (const k of Object.keys(raw)) {
    if (k.startsWith('$')) throw new CloudError('INVALID_PARAM', `field names cannot start with "$": ${k}`)
  }
  const { _id: given, ...fields } = deepClone(raw)
  const id = given === undefined || given === null ? newDocId() : given
  // MongoDB stores _id first; readers see the same field order.
  const doc: Doc = { _id: id, ...fields }
  if (typeof id !== 'string' && typeof id !== 'number' && !(id instanceof ObjectIdValue)) {
    throw new CloudError('INVALID_PARAM', '_id must be a string or a number')
  }
  if (id === '') throw new CloudError('INVALID_PARAM', '_id must not be empty')
  return deepFreeze(doc)
}

/** Checks an update document; plain fields (no operator) mean `$set`, as the SDK's merge does. */
function normalizeUpdate(update: Doc): Doc {
  const out: Doc = {}
  for (const [k, v] of Object.entries(update)) {
    if (!k.startsWith('$')) {
      out.$set = { ...(out.$set as Doc | undefined), [k]: v }
      continue
    }
    if (!UPDATE_OPERATORS.has(k)) throw failed(`Unknown modifier: ${k}`)
    if (!isPlainObject(v))
      throw failed(`Modifiers operate on fields but we found type ${typeof v} instead (${k})`)
    out[k] = k === '$set' ? { ...(out.$set as Doc | undefined), ...v } : v
  }
  for (const [op, fields] of Object.entries(out)) {
    for (const path of Object.keys(fields as Doc)) {
      const target = op === '$rename' ? [path, String((fields as Doc)[path])] : [path]
      if (target.some((p) => p === '_id' || p.startsWith('_id.'))) {
        throw failed(`Performing an update on the path '_id' would modify the immutable field '_id'`)
      }
    }
  }
  return out
}

function applyUpdate(old: Doc, update: Doc, inserting: boolean): Doc {
  const { $setOnInsert, ...ops } = normalizeUpdate(update)
  if (inserting && isPlainObject($setOnInsert))
    ops.$set = { ...(ops.$set as Doc | undefined), ...$setOnInsert }
  const doc = deepClone(old)
  if (Object.keys(ops).length) {
    guarded('update', () => mingoUpdate(doc, ops, undefined, undefined, { cloneMode: 'deep' }))
  }
  return deepFreeze(doc)
}

function replaceDoc(old: Doc, replacement: Doc): Doc {
  for (const k of Object.keys(replacement)) {
    if (k.startsWith('$')) throw failed(`a replacement document cannot contain update operators (${k})`)
  }
  if (replacement._id !== undefined && !deepEqual(replacement._id, old._id)) {
    throw failed(`Performing an update on the path '_id' would modify the immutable field '_id'`)
  }
  const { _id: _ignored, ...rest } = deepClone(replacement)
  return deepFreeze({ _id: old._id, ...rest })
}

/** The document an upsert creates: equality fields of the query, then the update or replacement. */
function upsertDoc(query: Doc, update: Doc, merge: boolean): Doc {
  const base: Doc = {}
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || v instanceof RegExp) continue
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) setPath(base, k, deepClone(v.$eq))
      continue
    }
    setPath(base, k, deepClone(v))
  }
  const doc = merge
    ? deepClone(applyUpdate(base, update, true))
    : { ...base, ...deepClone(replaceDocFields(update)) }
  if (doc._id === undefined) doc._id = newDocId()
  return prepareNewDoc(doc)
}

function replaceDocFields(replacement: Doc): Doc {
  for (const k of Object.keys(replacement)) {
    if (k.startsWith('$')) throw failed(`a replacement document cannot contain update operators (${k})`)
  }
  return replacement
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.')
  let cur: Doc = doc
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur[part])) cur[part] = {}
    cur = cur[part] as Doc
  }
  cur[parts[parts.length - 1]] = value
}

/** MongoDB's `{ field: { $slice } }` projection: every field kept, the named arrays sliced. */
function applySlices(doc: Doc, projection: Doc): Doc {
  const out = deepClone(doc)
  for (const [path, spec] of Object.entries(projection)) {
    const arr = getPath(out, path)
    const s = (spec as Doc).$slice
    if (!Array.isArray(arr)) continue
    let sliced: unknown[]
    if (typeof s === 'number') sliced = s >= 0 ? arr.slice(0, s) : arr.slice(s)
    else if (Array.isArray(s) && typeof s[0] === 'number' && typeof s[1] === 'number') {
      const start = s[0] < 0 ? Math.max(arr.length + s[0], 0) : s[0]
      sliced = arr.slice(start, start + s[1])
    } else continue
    setPath(out, path, sliced)
  }
  return out
}

/**
 * `$bucket` as `$group` on a `$switch` over the boundaries: mingo 7 puts a value equal to an inner
 * boundary into the bucket below it, MongoDB into the bucket that starts there.
 */
function rewriteBucket(stage: Doc): Doc[] {
  const spec = stage.$bucket
  if (!isPlainObject(spec) || !Array.isArray(spec.boundaries) || spec.boundaries.length < 2) return [stage]
  const bounds = spec.boundaries
  const branches = bounds.slice(0, -1).map((lower, i) => ({
    case: { $and: [{ $gte: [spec.groupBy, lower] }, { $lt: [spec.groupBy, bounds[i + 1]] }] },
    then: lower,
  }))
  const key =
    spec.default === undefined ? { $switch: { branches } } : { $switch: { branches, default: spec.default } }
  const output = isPlainObject(spec.output) ? spec.output : { count: { $sum: 1 } }
  const order = [...bounds.slice(0, -1), ...(spec.default === undefined ? [] : [spec.default])]
  return [
    { $group: { _id: key, ...output } },
    { $addFields: { __bucketOrder: { $indexOfArray: [{ $literal: order }, '$_id'] } } },
    { $sort: { __bucketOrder: 1 } },
    { $project: { __bucketOrder: 0 } },
  ]
}
