/**
 * Where mingo 7 answers differently from the platform's database (MongoDB underneath TCB), the
 * query or pipeline is rewritten before mingo sees it:
 *
 * - `$elemMatch` with field conditions (`{ value: { $gt: 0 } }`) matches only elements that are
 *   documents; mingo also tests scalar elements (so `_.elemMatch({ value: _.exists(true) })` matched
 *   arrays of strings).
 * - `$indexOfCP` (missing in mingo), `$indexOfBytes` (mingo counts UTF-16 units, MongoDB bytes),
 *   `$substr` / `$substrBytes` (MongoDB: a negative count means "to the end", a count past the end is
 *   cut, a start past the end gives ""), `$week` (MongoDB: Sunday-based weeks 0–53, mingo: ISO week).
 *   mingo's own operators cannot be replaced through its public API (its built-in context wins over a
 *   custom one), so these are renamed to private operators registered in a custom context.
 *
 * `$jsonSchema` is mingo's own operator given a validator (json-schema.ts).
 */
import { computeValue, evalExpr } from 'mingo/core'
import { isPlainObject, type Doc } from './values'

/** Expression operators replaced by the platform's semantics: MongoDB name → private name. */
const RENAMED = new Map([
  ['$indexOfBytes', '$tcbIndexOfBytes'],
  ['$substr', '$tcbSubstrBytes'],
  ['$substrBytes', '$tcbSubstrBytes'],
  ['$week', '$tcbWeek'],
])

/** Operators only the custom context knows (a query or pipeline using one needs that context). */
const CUSTOM = new Set(['$indexOfCP', ...RENAMED.values()])

const FIELD_STYLE_LOGICAL = new Set(['$and', '$or', '$nor'])

/** The element test for a doc-style `$elemMatch`: the element itself must be a document. */
const IS_DOCUMENT = { $expr: { $eq: [{ $type: '$$ROOT' }, 'object'] } }

export interface Rewritten<T> {
  value: T
  /** Uses an operator registered in the custom context (see `platformExpressionOps`). */
  custom: boolean
}

/** Rewrites a query or a pipeline (any depth; `$literal` operands are left alone). */
export function rewriteForPlatform<T>(value: T): Rewritten<T> {
  const state = { custom: false }
  return { value: walk(value, state) as T, custom: state.custom }
}

function walk(v: unknown, state: { custom: boolean }): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined
    v.forEach((x, i) => {
      const y = walk(x, state)
      if (y !== x) {
        out ??= v.slice()
        out[i] = y
      }
    })
    return out ?? v
  }
  if (!isPlainObject(v)) return v
  // Copy only once something changes (most queries have nothing to rewrite).
  let out: Doc | undefined
  const keys = Object.keys(v)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const x = v[k]
    let key = k
    let y = x
    if (k !== '$literal') {
      key = RENAMED.get(k) ?? k
      if (CUSTOM.has(key)) state.custom = true
      y = walk(x, state)
      if (k === '$elemMatch' && isPlainObject(y) && isFieldStyle(y)) y = { $and: [IS_DOCUMENT, y] }
    }
    if (!out && (key !== k || y !== x)) {
      out = {}
      for (let j = 0; j < i; j++) out[keys[j]] = v[keys[j]]
    }
    if (out) out[key] = y
  }
  return out ?? v
}

function isFieldStyle(criteria: Doc): boolean {
  return Object.keys(criteria).some((k) => !k.startsWith('$') || FIELD_STYLE_LOGICAL.has(k))
}

// ---------------------------------------------------------------- expression operators

type Options = unknown

function fail(message: string): never {
  throw new Error(message)
}

function args(
  obj: unknown,
  expr: unknown,
  op: string,
  options: Options,
  min: number,
  max: number,
): unknown[] {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max) {
    fail(`${op} expects an array of ${min === max ? min : `${min} to ${max}`} arguments`)
  }
  return expr.map((e) => evalExpr(obj, e, options))
}

function nonNegativeInt(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(`${what} must be a non-negative integer`)
  return v
}

function indexOfSeq<T>(hay: ArrayLike<T>, needle: ArrayLike<T>, start: number, end: number): number {
  const last = Math.min(end, hay.length) - needle.length
  outer: for (let i = start; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

function indexOfImpl(
  op: string,
  split: (s: string) => ArrayLike<unknown>,
): (obj: unknown, expr: unknown, options: Options) => unknown {
  return (obj, expr, options) => {
    const [str, sub, start, end] = args(obj, expr, op, options, 2, 4)
    if (str === null || str === undefined) return null
    if (typeof str !== 'string') fail(`${op} requires a string as the first argument`)
    if (typeof sub !== 'string') fail(`${op} requires a string as the second argument`)
    const hay = split(str)
    const from = start === undefined ? 0 : nonNegativeInt(start, `${op}'s starting index`)
    const to = end === undefined ? hay.length : nonNegativeInt(end, `${op}'s ending index`)
    if (from > to || from > hay.length) return -1
    return indexOfSeq(hay, split(sub), from, to)
  }
}

const codePoints = (s: string): string[] => Array.from(s)
const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8')

const isContinuation = (b: number | undefined): boolean => b !== undefined && (b & 0xc0) === 0x80

/** MongoDB's $substrBytes (and $substr, its alias). */
function substrBytes(obj: unknown, expr: unknown, options: Options): unknown {
  const [str, start, count] = args(obj, expr, '$substrBytes', options, 3, 3)
  if (typeof start !== 'number') fail('$substrBytes: starting index must be a numeric type')
  if (typeof count !== 'number') fail('$substrBytes: length must be a numeric type')
  const s = str === null || str === undefined ? '' : typeof str === 'string' ? str : String(str)
  const lower = Math.trunc(start)
  if (lower < 0) fail('$substrBytes: starting index must be non-negative')
  const bytes = Buffer.from(s, 'utf8')
  const length = count < 0 ? bytes.length : Math.trunc(count)
  if (lower < bytes.length && isContinuation(bytes[lower])) {
    fail('$substrBytes: Invalid range, starting index is a UTF-8 continuation byte.')
  }
  if (lower + length < bytes.length && isContinuation(bytes[lower + length])) {
    fail('$substrBytes: Invalid range, ending index is in the middle of a UTF-8 character.')
  }
  if (lower >= bytes.length) return ''
  return bytes.subarray(lower, Math.min(lower + length, bytes.length)).toString('utf8')
}

/**
 * MongoDB's $week: weeks start on Sunday; the days before the year's first Sunday are week 0.
 * Computed from $dayOfYear and $dayOfWeek so that the `{ date, timezone }` form works the same.
 */
function week(obj: unknown, expr: unknown, options: Options): unknown {
  const doy = computeValue(obj, expr, '$dayOfYear', options)
  const dow = computeValue(obj, expr, '$dayOfWeek', options)
  if (typeof doy !== 'number' || typeof dow !== 'number') return null
  return Math.floor((doy - dow + 7) / 7)
}

/** Registered with `Context.addExpressionOps` (mingo's operator function type is loose). */
export const platformExpressionOps: Record<
  string,
  (obj: unknown, expr: unknown, options: Options) => unknown
> = {
  $indexOfCP: indexOfImpl('$indexOfCP', codePoints),
  $tcbIndexOfBytes: indexOfImpl('$indexOfBytes', utf8),
  $tcbSubstrBytes: substrBytes,
  $tcbWeek: week,
}
