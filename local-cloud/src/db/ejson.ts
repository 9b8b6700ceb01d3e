/**
 * Extended JSON as @cloudbase/database speaks it: requests arrive as canonical EJSON strings
 * (bson 4 `EJSON.stringify(x, { relaxed: false })`, plus TCB's `$tcb_server_date`), and documents go
 * back as strings that bson's `EJSON.parse` turns into the same values (Date, number, BSONRegExp).
 * The same codec writes the journal, so what is stored is exactly what was sent.
 */
import { CloudError } from '../errors'
import { ObjectIdValue, isPlainObject } from './values'

const FLAGS_JS = new Set(['g', 'i', 'm', 's', 'u', 'y'])

/** Parses one EJSON string. Server dates become `now + offset`, all of them with the same `now`. */
export function parseEjson(text: string, now = Date.now()): unknown {
  try {
    return JSON.parse(text, function revive(this: unknown, _key: string, value: unknown) {
      return isPlainObject(value) ? reviveWrapper(value, now) : value
    })
  } catch (err) {
    if (err instanceof CloudError) throw err
    throw new CloudError('INVALID_PARAM', `invalid EJSON: ${(err as Error).message}`)
  }
}

/** Decodes an already-parsed JSON value (e.g. a field the server parsed for us). */
export function decodeValue(value: unknown, now = Date.now()): unknown {
  if (typeof value === 'string') return value
  return parseEjson(JSON.stringify(value), now)
}

function reviveWrapper(o: Record<string, unknown>, now: number): unknown {
  const keys = Object.keys(o)
  if (keys.length !== 1 || keys[0][0] !== '$') {
    // Legacy `{ $date, ... }` forms never arrive; `$regex`/`$options` are query operators: leave them.
    return o
  }
  const v = o[keys[0]]
  switch (keys[0]) {
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
    case '$binary':
    case '$timestamp':
    case '$symbol':
    case '$code':
    case '$dbPointer':
    case '$minKey':
    case '$maxKey':
    case '$undefined':
      throw new CloudError('INVALID_PARAM', `EJSON type ${keys[0]} is not supported by the local cloud`)
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

function replace(this: unknown, key: string, value: unknown): unknown {
  // `this[key]` is the raw value: JSON.stringify has already turned a Date into its ISO string.
  const raw = (this as Record<string, unknown>)[key]
  if (raw instanceof Date) {
    const ms = raw.getTime()
    return Number.isNaN(ms) ? null : { $date: { $numberLong: String(ms) } }
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return Object.is(value, -0) ? { $numberDouble: '-0.0' } : value
    return { $numberDouble: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' }
  }
  if (value instanceof RegExp) {
    const options = value.flags.split('').sort().join('')
    return { $regularExpression: { pattern: value.source, options } }
  }
  if (value instanceof ObjectIdValue) return { $oid: value.hex }
  return value
}

/** Serialises a value as EJSON that bson's `EJSON.parse` decodes back to the same value. */
export function stringifyEjson(value: unknown): string {
  return JSON.stringify(value, replace)
}
