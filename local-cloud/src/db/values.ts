/** Value helpers shared by the engine: typed keys, deep copy/freeze/equality, Mongo-style path reads. */

export type Doc = Record<string, unknown>

/** A `$oid` value (db.ObjectId); compared by its hex string, which mingo uses through toString(). */
export class ObjectIdValue {
  constructor(readonly hex: string) {}
  toString(): string {
    return this.hex
  }
}

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** Canonical JSON with sorted keys: used for keys of object values and for logging query shapes. */
export function stableStringify(v: unknown): string {
  if (v instanceof Date) return `{"$date":${v.getTime()}}`
  if (v instanceof RegExp) return JSON.stringify(String(v))
  if (v instanceof ObjectIdValue) return `{"$oid":"${v.hex}"}`
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`
  if (isPlainObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`).join(',')}}`
  }
  if (v === undefined) return 'null'
  return JSON.stringify(v) ?? 'null'
}

/**
 * A string that is equal for values MongoDB considers equal in an index (1 and 1.0, null and missing),
 * and different across types (1 and '1').
 */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return 'z'
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? 'nNaN' : `n${v === 0 ? 0 : v}`
    case 'string':
      return `s${v}`
    case 'boolean':
      return v ? 'b1' : 'b0'
    default:
      if (v instanceof Date) return `d${v.getTime()}`
      if (v instanceof ObjectIdValue) return `o${v.hex}`
      return `j${stableStringify(v)}`
  }
}

/** The key under which a document is stored: its `_id`, typed. */
export const idKey = valueKey

/** Range-comparable form of an index value: a type bracket and a value ordered within it. */
export function rangeValue(v: unknown): { t: number; v: number | string } | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : { t: 1, v }
  if (typeof v === 'string') return { t: 2, v }
  if (v instanceof Date) return { t: 3, v: v.getTime() }
  return undefined
}

export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v
  if (v instanceof Date) return new Date(v.getTime()) as T
  if (v instanceof RegExp || v instanceof ObjectIdValue) return v
  if (Array.isArray(v)) return v.map(deepClone) as T
  const out: Doc = {}
  for (const k of Object.keys(v)) out[k] = deepClone((v as Doc)[k])
  return out as T
}

/** Stored documents are frozen so that no reader (mingo included) can change them in place. */
export function deepFreeze<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v
  if (v instanceof Date || v instanceof RegExp || v instanceof ObjectIdValue) return Object.freeze(v)
  for (const child of Object.values(v)) deepFreeze(child)
  return Object.freeze(v)
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b)
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  }
  if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b)
  if (a instanceof ObjectIdValue || b instanceof ObjectIdValue) return String(a) === String(b)
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]))
  }
  const ao = a as Doc
  const bo = b as Doc
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined)
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined)
  if (ak.length !== bk.length) return false
  // Field order matters for documents in MongoDB, but not for what our callers compare.
  return ak.every((k) => deepEqual(ao[k], bo[k]))
}

/**
 * Every value an index sees at `path`, MongoDB multikey style: arrays along the path fan out and a
 * terminal array contributes its elements. Missing gives [undefined] (indexed as null).
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = []
  collect(doc, path.split('.'), 0, out)
  return out.length ? out : [undefined]
}

function collect(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(undefined)
      for (const x of v) out.push(x)
    } else out.push(v)
    return
  }
  if (Array.isArray(v)) {
    const idx = /^\d+$/.test(parts[i]) ? Number(parts[i]) : -1
    if (idx >= 0 && idx < v.length) collect(v[idx], parts, i + 1, out)
    for (const x of v) if (isPlainObject(x)) collect(x, parts, i, out)
    return
  }
  if (isPlainObject(v)) {
    const next = v[parts[i]]
    if (next === undefined) out.push(undefined)
    else collect(next, parts, i + 1, out)
    return
  }
  out.push(undefined)
}

/** Reads a dotted path without fanning out over arrays (for geo fields and `_id`). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc
  for (const part of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)]
    else if (isPlainObject(cur)) cur = cur[part]
    else return undefined
  }
  return cur
}

let counter = Math.floor(Math.random() * 0xffffff)
const machine = Math.floor(Math.random() * 0xffffffff)
  .toString(16)
  .padStart(8, '0')

/** A 32-hex-digit id shaped like the ones TCB generates (random prefix, seconds, counter, random). */
export function newDocId(): string {
  counter = (counter + 1) % 0xffffffff
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0')
  const rand = Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0')
  return machine + seconds + counter.toString(16).padStart(8, '0') + rand
}
