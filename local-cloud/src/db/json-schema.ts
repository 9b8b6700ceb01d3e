/**
 * MongoDB's `$jsonSchema` dialect (JSON Schema draft 4 plus `bsonType`, without `$ref`, `format`,
 * `default`, `definitions`, `id`, `$schema`, and without `type: "integer"`), as a validator for
 * mingo's `jsonSchemaValidator` option. Type-specific keywords apply only to values of that type.
 *
 * BSON numeric types follow how @cloudbase/database writes numbers (EJSON canonical mode): an
 * integer in the int32 range is an `int`, every other number a `double`; there are no `long` or
 * `decimal` values.
 */
import { isPlainObject, ObjectIdValue, deepEqual, type Doc } from './values'

type Validate = (v: unknown) => boolean

const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id'])
const IGNORED = new Set(['title', 'description'])

const isInt32 = (v: unknown): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647

/** Documents: plain objects (GeoJSON included); not arrays, dates, regexes or ObjectIds. */
const isDocument = (v: unknown): v is Doc => isPlainObject(v)

const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !isInt32(v),
  string: (v) => typeof v === 'string',
  object: isDocument,
  array: Array.isArray,
  binData: (v) => v instanceof Uint8Array,
  objectId: (v) => v instanceof ObjectIdValue,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
  int: isInt32,
  long: () => false,
  decimal: () => false,
  timestamp: () => false,
  minKey: () => false,
  maxKey: () => false,
  javascript: () => false,
  number: (v) => typeof v === 'number',
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  object: isDocument,
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
}

function bad(message: string): never {
  throw new Error(`$jsonSchema ${message}`)
}

function typeTest(table: Record<string, (v: unknown) => boolean>, spec: unknown, keyword: string): Validate {
  const names = Array.isArray(spec) ? spec : [spec]
  const tests = names.map((n) => {
    if (keyword === 'type' && n === 'integer')
      bad("keyword 'type' does not support 'integer', use 'bsonType'")
    const t = typeof n === 'string' ? table[n] : undefined
    if (!t) bad(`keyword '${keyword}' has an unknown type: ${JSON.stringify(n)}`)
    return t
  })
  return (v) => tests.some((t) => t(v))
}

function num(spec: unknown, keyword: string): number {
  if (typeof spec !== 'number') bad(`keyword '${keyword}' must be a number`)
  return spec
}

function schemas(spec: unknown, keyword: string): Validate[] {
  if (!Array.isArray(spec) || spec.length === 0)
    bad(`keyword '${keyword}' must be a non-empty array of schemas`)
  return spec.map(compile)
}

/** Compiles a schema into a predicate; throws on a schema MongoDB would refuse. */
export function compile(schema: unknown): Validate {
  if (!isPlainObject(schema)) bad('must be an object')
  const checks: Validate[] = []
  const on = (is: (v: unknown) => boolean, test: (v: never) => boolean): void => {
    checks.push((v) => !is(v) || test(v as never))
  }
  const isNum = (v: unknown): v is number => typeof v === 'number'
  const isStr = (v: unknown): v is string => typeof v === 'string'
  for (const [k, spec] of Object.entries(schema)) {
    if (UNSUPPORTED.has(k)) bad(`keyword '${k}' is not currently supported`)
    if (IGNORED.has(k)) continue
    switch (k) {
      case 'bsonType':
        checks.push(typeTest(BSON_TYPES, spec, k))
        break
      case 'type':
        checks.push(typeTest(JSON_TYPES, spec, k))
        break
      case 'enum': {
        if (!Array.isArray(spec) || spec.length === 0) bad("keyword 'enum' must be a non-empty array")
        checks.push((v) => spec.some((e) => deepEqual(e, v)))
        break
      }
      case 'allOf': {
        const all = schemas(spec, k)
        checks.push((v) => all.every((s) => s(v)))
        break
      }
      case 'anyOf': {
        const any = schemas(spec, k)
        checks.push((v) => any.some((s) => s(v)))
        break
      }
      case 'oneOf': {
        const one = schemas(spec, k)
        checks.push((v) => one.filter((s) => s(v)).length === 1)
        break
      }
      case 'not': {
        const inner = compile(spec)
        checks.push((v) => !inner(v))
        break
      }
      // numbers
      case 'minimum': {
        const m = num(spec, k)
        const exclusive = schema.exclusiveMinimum === true
        on(isNum, (v: number) => (exclusive ? v > m : v >= m))
        break
      }
      case 'maximum': {
        const m = num(spec, k)
        const exclusive = schema.exclusiveMaximum === true
        on(isNum, (v: number) => (exclusive ? v < m : v <= m))
        break
      }
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof spec !== 'boolean') bad(`keyword '${k}' must be a boolean`)
        if (!(k.replace('exclusiveM', 'm') in schema))
          bad(`keyword '${k}' needs '${k.replace('exclusiveM', 'm')}'`)
        break
      case 'multipleOf': {
        const m = num(spec, k)
        if (m <= 0) bad("keyword 'multipleOf' must be positive")
        on(isNum, (v: number) => Number.isInteger(v / m))
        break
      }
      // strings (lengths in code points)
      case 'minLength': {
        const m = num(spec, k)
        on(isStr, (v: string) => Array.from(v).length >= m)
        break
      }
      case 'maxLength': {
        const m = num(spec, k)
        on(isStr, (v: string) => Array.from(v).length <= m)
        break
      }
      case 'pattern': {
        if (typeof spec !== 'string') bad("keyword 'pattern' must be a string")
        const re = new RegExp(spec, 'u')
        on(isStr, (v: string) => re.test(v))
        break
      }
      // arrays
      case 'items': {
        if (Array.isArray(spec)) {
          const tuple = spec.map(compile)
          const extra = schema.additionalItems
          const rest =
            extra === false ? () => false : isPlainObject(extra) ? compile(extra) : (): boolean => true
          on(Array.isArray, (v: unknown[]) => v.every((x, i) => (i < tuple.length ? tuple[i](x) : rest(x))))
        } else {
          const each = compile(spec)
          on(Array.isArray, (v: unknown[]) => v.every(each))
        }
        break
      }
      case 'additionalItems':
        break
      case 'minItems': {
        const m = num(spec, k)
        on(Array.isArray, (v: unknown[]) => v.length >= m)
        break
      }
      case 'maxItems': {
        const m = num(spec, k)
        on(Array.isArray, (v: unknown[]) => v.length <= m)
        break
      }
      case 'uniqueItems':
        if (spec === true)
          on(Array.isArray, (v: unknown[]) => v.every((x, i) => v.findIndex((y) => deepEqual(x, y)) === i))
        break
      // documents
      case 'required': {
        if (!Array.isArray(spec) || spec.length === 0 || !spec.every((r) => typeof r === 'string')) {
          bad("keyword 'required' must be a non-empty array of strings")
        }
        on(isDocument, (v: Doc) => spec.every((r: string) => v[r] !== undefined))
        break
      }
      case 'minProperties': {
        const m = num(spec, k)
        on(isDocument, (v: Doc) => Object.keys(v).length >= m)
        break
      }
      case 'maxProperties': {
        const m = num(spec, k)
        on(isDocument, (v: Doc) => Object.keys(v).length <= m)
        break
      }
      case 'properties':
      case 'patternProperties':
      case 'additionalProperties':
        break
      case 'dependencies': {
        if (!isPlainObject(spec)) bad("keyword 'dependencies' must be an object")
        const deps = Object.entries(spec).map(([name, dep]): [string, Validate] => {
          if (Array.isArray(dep))
            return [name, (v) => dep.every((d) => (v as Doc)[d as string] !== undefined)]
          return [name, compile(dep)]
        })
        on(isDocument, (v: Doc) => deps.every(([name, test]) => v[name] === undefined || test(v)))
        break
      }
      default:
        bad(`keyword '${k}' is not currently supported`)
    }
  }
  if ('properties' in schema || 'patternProperties' in schema || 'additionalProperties' in schema) {
    checks.push(propertiesCheck(schema))
  }
  return (v) => checks.every((c) => c(v))
}

function propertiesCheck(schema: Doc): Validate {
  const props = schema.properties ?? {}
  if (!isPlainObject(props)) bad("keyword 'properties' must be an object")
  const patterns = schema.patternProperties ?? {}
  if (!isPlainObject(patterns)) bad("keyword 'patternProperties' must be an object")
  const named = new Map(Object.entries(props).map(([name, s]) => [name, compile(s)]))
  const patterned = Object.entries(patterns).map(([p, s]) => ({ re: new RegExp(p, 'u'), test: compile(s) }))
  const extra = schema.additionalProperties
  const rest: Validate | undefined =
    extra === false ? () => false : isPlainObject(extra) ? compile(extra) : undefined
  return (v) => {
    if (!isDocument(v)) return true
    for (const [key, value] of Object.entries(v)) {
      if (value === undefined) continue
      let covered = false
      const own = named.get(key)
      if (own) {
        covered = true
        if (!own(value)) return false
      }
      for (const p of patterned) {
        if (!p.re.test(key)) continue
        covered = true
        if (!p.test(value)) return false
      }
      if (!covered && rest && !rest(value)) return false
    }
    return true
  }
}

/** mingo's `jsonSchemaValidator` option. */
export const jsonSchemaValidator = (
  schema: Record<string, unknown>,
): ((doc: Record<string, unknown>) => boolean) => compile(schema)
