import type { Db } from './types'
import type { CollectionSpec } from '../core/contract/collection'

/**
 * Thin typing over wx-server-sdk's query results (its typings union them with callback-style `void`).
 * Reads never exceed 1000 documents per call (platform-facts: limit() is clamped to 1000).
 */
export const MAX_READ = 1000

async function rows<T>(query: Promise<unknown> | unknown): Promise<T[]> {
  const res = (await query) as { data?: T[] }
  return res.data ?? []
}

async function one<T>(query: Promise<unknown> | unknown): Promise<T | undefined> {
  return (await rows<T>(query))[0]
}

export async function aggregateRows<T>(query: Promise<unknown> | unknown): Promise<T[]> {
  const res = (await query) as { list?: T[] }
  return res.list ?? []
}

async function counted(query: Promise<unknown> | unknown): Promise<number> {
  const res = (await query) as { total?: number }
  return res.total ?? 0
}

async function updatedCount(query: Promise<unknown> | unknown): Promise<number> {
  const res = (await query) as { stats?: { updated?: number } }
  return res.stats?.updated ?? 0
}

/**
 * `collection.add`. The SDK resolves some failures as `{ code, message }` instead of throwing
 * (@cloudbase/database collection.add returns `res` when `res.code` is set), so both are thrown here.
 */
async function insert(
  db: Db,
  collection: string,
  doc: ({ _id: string } & object) | ({ _id: string } & object)[],
): Promise<void> {
  const res = (await db.collection(collection).add({ data: doc })) as unknown as {
    code?: string
    message?: string
  }
  if (res && typeof res === 'object' && res.code)
    throw Object.assign(new Error(res.message ?? res.code), { code: res.code })
}

export function isDuplicate(err: unknown): boolean {
  const e = err as { code?: string; errCode?: number; errMsg?: string; message?: string }
  const text = `${e?.code ?? ''} ${e?.errMsg ?? ''} ${e?.message ?? ''}`
  return /DUPLICATE|duplicate key|E11000/i.test(text)
}

/** The SDK's reference to one collection (what `db.collection(name)` answers). */
export type CollectionRef = ReturnType<Db['collection']>
type Query = { get(): Promise<unknown> | unknown }
type Where = Parameters<CollectionRef['where']>[0]
/** A projection: `{ field: true }` keeps only those (and `_id`), `{ field: false }` leaves those out. */
export type Fields<D> = Partial<Record<keyof D & string, boolean>>

/**
 * Typed access to one declared collection: reads answer the declared document type, writes take it.
 * The one place a query result is cast; call sites never cast. `ref` is the SDK reference for what the
 * helpers do not cover (aggregate, doc().set, chained updates).
 */
export interface TypedCollection<D extends { _id: string }> {
  readonly name: string
  readonly ref: CollectionRef
  /**
   * the document with this `_id`, or undefined (a where-read: `doc(id).get()` throws when missing);
   * `fields` projects it (the fields left out are absent at runtime, whatever the type says)
   */
  byId(id: string, fields?: Fields<D>): Promise<D | undefined>
  /** the documents a query built on the reference answers (at most 1000, platform-facts) */
  find(build: (ref: CollectionRef) => Query): Promise<D[]>
  /** the first document matching `where`, projected to `fields` when given */
  first(where: Where, fields?: Fields<D>): Promise<D | undefined>
  count(where: Where): Promise<number>
  /** adds one or many documents; throws on any failure, including one the SDK resolves as `{ code }` */
  insert(doc: D | D[]): Promise<void>
  /**
   * Inserts a document whose `_id` encodes a uniqueness rule. A failure is judged by reading the `_id`
   * back, never by the error's text (its wording differs between the platform and emulators): found →
   * it exists (someone else's, or this write whose answer was lost: callers compare fields); not found →
   * the failure was something else and is thrown.
   */
  insertUnique(doc: D): Promise<{ inserted: true } | { inserted: false; existing: D }>
  /** a conditional update: how many documents matched `where` and changed */
  update(where: Where, data: Record<string, unknown>): Promise<number>
}

export function from<D extends { _id: string }>(db: Db, spec: CollectionSpec<D>): TypedCollection<D> {
  const ref = db.collection(spec.name)
  const first = (where: Where, fields?: Fields<D>) => {
    const q = ref.where(where)
    return one<D>((fields ? q.field(fields) : q).limit(1).get())
  }
  const byId = (id: string, fields?: Fields<D>) => first({ _id: id }, fields)
  return {
    name: spec.name,
    ref,
    byId,
    find: (build) => rows<D>(build(ref).get()),
    first,
    count: (where) => counted(ref.where(where).count()),
    insert: (doc) => insert(db, spec.name, doc),
    async insertUnique(doc) {
      try {
        await insert(db, spec.name, doc)
        return { inserted: true }
      } catch (err) {
        const existing = await byId(doc._id)
        if (existing) return { inserted: false, existing }
        throw err
      }
    },
    update: (where, data) => updatedCount(ref.where(where).update({ data })),
  }
}
