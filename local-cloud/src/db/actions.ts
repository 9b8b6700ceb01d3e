/**
 * The `database.*` TCB admin actions, with the parameters @cloudbase/database 1.4.3 sends and the
 * reply shapes it decodes (see collection.ts, query.ts, document.ts, aggregate.ts and
 * transaction/index.ts in that package).
 */
import { CloudError } from '../errors'
import { platformPipeline } from './aggregate-allowlist'
import { parseEjson, stringifyEjson } from './ejson'
import type { Engine, ReadOptions } from './engine'
import { isPlainObject, type Doc } from './values'

/** The server's default and cap for `limit` (the SDK also clamps, but raw callers may not). */
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000

type Fields = Record<string, unknown>

/** Decodes a parameter the SDK sends as an EJSON string (raw callers may send the JSON itself). */
function ejsonParam(fields: Fields, name: string, now: number): unknown {
  const v = fields[name]
  if (v === undefined || v === null || v === '') return undefined
  return parseEjson(typeof v === 'string' ? v : JSON.stringify(v), now)
}

function queryParam(fields: Fields, now: number): Doc {
  const q = ejsonParam(fields, 'query', now)
  if (q === undefined) return {}
  if (!isPlainObject(q)) throw new CloudError('INVALID_PARAM', 'query must be an object')
  return q
}

function objectParam(fields: Fields, name: string, now: number): Doc {
  const v = ejsonParam(fields, name, now)
  if (!isPlainObject(v)) throw new CloudError('INVALID_PARAM', `${name} must be an object`)
  return v
}

function numberParam(fields: Fields, name: string): number | undefined {
  const v = fields[name]
  if (v === undefined || v === null || v === '') return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0)
    throw new CloudError('INVALID_PARAM', `${name} must be a non-negative integer`)
  return n
}

/** `order` is `{ field: 1 | -1 }` (SDK 1.4) or, from older SDKs, `[{ field, direction }]`. */
function orderParam(fields: Fields, now: number): ReadOptions['order'] {
  const raw = ejsonParam(fields, 'order', now)
  if (raw === undefined) return undefined
  const order: Record<string, 1 | -1> = {}
  if (Array.isArray(raw)) {
    for (const o of raw) {
      if (isPlainObject(o) && typeof o.field === 'string') order[o.field] = o.direction === 'desc' ? -1 : 1
    }
    return order
  }
  if (!isPlainObject(raw)) throw new CloudError('INVALID_PARAM', 'order must be an object')
  for (const [k, v] of Object.entries(raw)) order[k] = v === -1 || v === 'desc' ? -1 : 1
  return order
}

function flag(fields: Fields, name: string, fallback: boolean): boolean {
  const v = fields[name]
  if (v === undefined || v === null) return fallback
  return v === true || v === 'true'
}

function transactionId(fields: Fields): string | undefined {
  const v = fields.transactionId
  return typeof v === 'string' && v ? v : undefined
}

function requireTransactionId(fields: Fields): string {
  const id = transactionId(fields)
  if (!id) throw new CloudError('INVALID_PARAM', 'transactionId is required')
  return id
}

function collectionName(fields: Fields): string {
  const v = fields.collectionName
  if (typeof v !== 'string' || !v) throw new CloudError('INVALID_PARAM', 'collectionName is required')
  return v
}

/** The documents to insert: an array of EJSON strings (one per document). */
function insertData(fields: Fields, now: number): unknown[] {
  const raw = fields.data
  const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  if (items.length === 0) throw new CloudError('INVALID_PARAM', 'data must hold at least one document')
  return items.map((item) => parseEjson(typeof item === 'string' ? item : JSON.stringify(item), now))
}

/** `stages: [{ stageKey: '$match', stageValue: '<EJSON>' }]` → a pipeline. */
function pipelineParam(fields: Fields, now: number): Doc[] {
  const stages = fields.stages
  if (!Array.isArray(stages)) throw new CloudError('INVALID_PARAM', 'stages must be an array')
  return stages.map((s) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string') {
      throw new CloudError('INVALID_PARAM', 'each stage needs stageKey and stageValue')
    }
    const key = s.stageKey.startsWith('$') ? s.stageKey : `$${s.stageKey}`
    const value = typeof s.stageValue === 'string' ? parseEjson(s.stageValue, now) : s.stageValue
    return { [key]: value }
  })
}

const encodeList = (docs: Doc[]): string[] => docs.map(stringifyEjson)

/** Runs one action and returns the reply body (the server adds `requestId`). */
export async function runAction(
  engine: Engine,
  action: string,
  fields: Fields,
): Promise<Record<string, unknown>> {
  const now = Date.now()
  switch (action) {
    case 'database.insertDocument': {
      const name = collectionName(fields)
      const docs = insertData(fields, now)
      const txId = transactionId(fields)
      const insertedIds = txId ? engine.txInsert(txId, name, docs) : await engine.insert(name, docs)
      return { data: { insertedIds } }
    }
    case 'database.getDocument': {
      const name = collectionName(fields)
      const limit = Math.min(numberParam(fields, 'limit') || DEFAULT_LIMIT, MAX_LIMIT)
      const offset = numberParam(fields, 'offset') ?? 0
      const opts: ReadOptions = {
        limit,
        offset,
        order: orderParam(fields, now),
        projection: fields.projection ? objectParam(fields, 'projection', now) : undefined,
      }
      const query = queryParam(fields, now)
      const txId = transactionId(fields)
      const docs = txId ? engine.txQuery(txId, name, query, opts) : engine.query(name, query, opts)
      return { data: { list: encodeList(docs), limit, offset } }
    }
    case 'database.modifyDocument': {
      const name = collectionName(fields)
      const query = queryParam(fields, now)
      const update = objectParam(fields, 'data', now)
      const opts = {
        multi: flag(fields, 'multi', false),
        merge: flag(fields, 'merge', true),
        upsert: flag(fields, 'upsert', false),
      }
      const txId = transactionId(fields)
      const res = txId
        ? engine.txModify(txId, name, query, update, opts)
        : await engine.modify(name, query, update, opts)
      const data: Record<string, unknown> = { updated: res.updated, matched: res.matched }
      if (res.upsertId !== undefined) data.upsert_id = res.upsertId
      return { data }
    }
    case 'database.modifyAndReturnDoc': {
      const name = collectionName(fields)
      const query = queryParam(fields, now)
      const update = objectParam(fields, 'data', now)
      const opts = { multi: false, merge: true, upsert: false }
      const txId = transactionId(fields)
      const res = txId
        ? engine.txModify(txId, name, query, update, opts)
        : await engine.modify(name, query, update, opts)
      return { data: { updated: res.updated, doc: res.doc ? stringifyEjson(res.doc) : null } }
    }
    case 'database.removeDocument': {
      const name = collectionName(fields)
      const query = queryParam(fields, now)
      const txId = transactionId(fields)
      const deleted = txId
        ? engine.txRemove(txId, name, query)
        : await engine.remove(name, query, flag(fields, 'multi', false))
      return { data: { deleted } }
    }
    case 'database.calculateDocument':
      return { data: { total: engine.count(collectionName(fields), queryParam(fields, now)) } }
    case 'database.aggregateDocuments':
      return {
        data: {
          list: encodeList(
            engine.aggregate(collectionName(fields), platformPipeline(pipelineParam(fields, now))),
          ),
        },
      }
    case 'database.addCollection':
      engine.addCollection(fields.collectionName)
      return {}
    case 'database.startTransaction':
      return { transactionId: engine.startTransaction() }
    case 'database.commitTransaction':
      engine.commitTransaction(requireTransactionId(fields))
      return {}
    case 'database.abortTransaction':
      engine.abortTransaction(requireTransactionId(fields))
      return {}
    default:
      throw new CloudError('INVALID_ACTION', `local cloud does not emulate action "${action}"`)
  }
}
