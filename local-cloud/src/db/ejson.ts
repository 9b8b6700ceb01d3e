/**
 * Extended JSON as @cloudbase/database speaks it: requests arrive as canonical EJSON strings
 * (bson 4 `EJSON.stringify(x, { relaxed: false })`, plus TCB's `$tcb_server_date`), and documents go
 * back as strings that bson's `EJSON.parse` turns into the same values (Date, number, BSONRegExp).
 * The same codec writes the journal, so what is stored is exactly what was sent.
 *
 * Both directions use plain JSON.parse/JSON.stringify plus one walk over the tree: a reviver or
 * replacer callback per key costs several times more on large documents.
 */
import { CloudError } from '../errors'
import { ObjectIdValue, isPlainObject } from './values'

const FLAGS_JS = new Set(['g', 'i', 'm', 's', 'u', 'y'])

/** Parses one EJSON string. Server dates become `now + offset`, all of them with the same `now`. */
export function parseEjson(text: string, now = Date.now()): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new CloudError('INVALID_PARAM', `invalid EJSON: ${(err as Error).message}`)
  }
  return decodeTree(parsed, now)
}

/** Replaces EJSON wrappers in a freshly parsed tree, in place. */
function decodeTree(v: unknown, now: number): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i]
      if (x !== null && typeof x === 'object') v[i] = decodeTree(x, now)
    }
    return v
  }
  const o = v as Record<string, unknown>
  let first = ''
  let count = 0
  for (const k in o) {
    if (count++ === 0) first = k
    const x = o[k]
    if (x !== null && typeof x === 'object') o[k] = decodeTree(x, now)
  }
  return count === 1 && first[0] === '$' ? reviveWrapper(o, first, now) : o
}

/** One-key `$…` objects that are EJSON types become values; query operators pass through. */
function reviveWrapper(o: Record<string, unknown>, key: string, now: number): unknown {
  const v = o[key]
  switch (key) {
    case '$numberInt':
    case '$numberLong':
    case '$numberDecimal':
      return Number(v)
    case '$numberDouble':
      return v === '-0.0' ? -0 : Number(v)
    case '$date': {
      const ms =
        typeof v === 'number'
          ? v
          : typeof v === 'string'
            ? Date.parse(v)
            : isPlainObject(v) && '$numberLong' in v
              ? Number(v.$numberLong)
              : NaN
      if (Number.isNaN(ms)) throw new CloudError('INVALID_PARAM', `invalid $date: ${JSON.stringify(v)}`)
      return new Date(ms)
    }
    case '$regularExpression': {
      if (!isPlainObject(v) || typeof v.pattern !== 'string') {
        throw new CloudError('INVALID_PARAM', 'invalid $regularExpression')
      }
      return toRegExp(v.pattern, typeof v.options === 'string' ? v.options : '')
    }
    case '$oid':
      if (typeof v !== 'string') throw new CloudError('INVALID_PARAM', 'invalid $oid')
      return new ObjectIdValue(v)
    case '$tcb_server_date': {
      const offset = isPlainObject(v) && typeof v.offset === 'number' ? v.offset : 0
      return new Date(now + offset)
    }
    case '$timestamp':
      // The platform stores `{ $timestamp: <seconds> }` in data as a date (TCB's own shorthand; the
      // SDK's read side used to convert it). The canonical BSON Timestamp `{ t, i }` is not supported.
      if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000)
      throw new CloudError('INVALID_PARAM', 'EJSON type $timestamp is not supported by the local cloud')
    case '$binary':
    case '$symbol':
    case '$code':
    case '$dbPointer':
    case '$minKey':
    case '$maxKey':
    case '$undefined':
      throw new CloudError('INVALID_PARAM', `EJSON type ${key} is not supported by the local cloud`)
    default:
      return o
  }
}

/** MongoDB regex options map onto JS flags; `x` (extended) has no JS equivalent and is dropped. */
export function toRegExp(pattern: string, options: string): RegExp {
  const flags = [...new Set(options.split(''))].filter((f) => FLAGS_JS.has(f)).join('')
  try {
    return new RegExp(pattern, flags)
  } catch (err) {
    throw new CloudError(
      'INVALID_PARAM',
      `invalid regular expression /${pattern}/: ${(err as Error).message}`,
    )
  }
}

/**
 * The value with Dates, regexes, ids and non-finite numbers replaced by their EJSON wrappers.
 * Subtrees without such values are reused as they are (no copy).
 */
function encodeTree(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return Object.is(v, -0) ? { $numberDouble: '-0.0' } : v
    return { $numberDouble: Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity' }
  }
  if (v === null || typeof v !== 'object') return v
  if (v instanceof Date) {
    const ms = v.getTime()
    return Number.isNaN(ms) ? null : { $date: { $numberLong: String(ms) } }
  }
  if (v instanceof RegExp) {
    return { $regularExpression: { pattern: v.source, options: v.flags.split('').sort().join('') } }
  }
  if (v instanceof ObjectIdValue) return { $oid: v.hex }
  if (Array.isArray(v)) {
    let out: unknown[] | undefined
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i]
      const e = encodeTree(x)
      if (e !== x && !out) out = v.slice(0, i)
      if (out) out.push(e)
    }
    return out ?? v
  }
  const o = v as Record<string, unknown>
  let out: Record<string, unknown> | undefined
  for (const k in o) {
    const x = o[k]
    const e = encodeTree(x)
    if (e !== x && !out) {
      out = {}
      for (const before in o) {
        if (before === k) break
        out[before] = o[before]
      }
    }
    if (out) out[k] = e
  }
  return out ?? o
}

/** Serialises a value as EJSON that bson's `EJSON.parse` decodes back to the same value. */
export function stringifyEjson(value: unknown): string {
  return JSON.stringify(encodeTree(value))
}
