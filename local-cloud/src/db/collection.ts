/** One collection in memory: documents by typed `_id`, its declared indexes, and query planning. */
import { CloudError } from '../errors'
import { FieldIndex, type FieldConstraint, type IndexSpec, type RangeBound } from './field-index'
import { parseNear, type NearSpec } from './geo'
import { idKey, isPlainObject, rangeValue, stableStringify, valueKey, type Doc } from './values'

export interface Plan {
  /** 'id' and 'index' narrow by keys; 'geo' reads every document that has the field through the geo index. */
  kind: 'id' | 'index' | 'geo' | 'all' | 'scan'
  ids?: Set<string>
  index?: string
  /** A top-level $nearSphere/$near: results are sorted by distance from its point. */
  near?: { field: string; spec: NearSpec }
}

/** Above this many combinations of `$in` values, an index stops narrowing further fields. */
const MAX_EQ_COMBINATIONS = 10000

export class Collection {
  readonly docs = new Map<string, Doc>()
  indexes: FieldIndex[] = []
  geoFields = new Set<string>()
  /** The `_id` index for range queries (equality uses `docs`); built the first time one is asked. */
  private idRange: FieldIndex | undefined

  constructor(readonly name: string) {}

  /** (Re)builds the declared indexes; a unique index the data already violates is kept non-unique. */
  setIndexes(specs: IndexSpec[], log: (msg: string) => void): void {
    this.indexes = []
    this.geoFields = new Set()
    for (const spec of specs) {
      const fields = Object.keys(spec.keys)
      const geo = fields.filter((f) => spec.keys[f] === '2dsphere')
      if (geo.length) {
        geo.forEach((f) => this.geoFields.add(f))
        continue
      }
      const index = new FieldIndex(spec.name, fields, spec.unique === true)
      for (const [id, doc] of this.docs) index.add(id, doc)
      if (index.unique) {
        const dup = this.findInternalDuplicate(index)
        if (dup) {
          index.unique = false
          log(
            `[db] ${this.name}: unique index "${spec.name}" not enforced, existing documents share key ${dup}`,
          )
        }
      }
      this.indexes.push(index)
    }
  }

  private findInternalDuplicate(index: FieldIndex): string | undefined {
    for (const doc of this.docs.values()) {
      for (const t of index.tuples(doc)) {
        const ids = index.idsAt(t.keys)
        if (ids && ids.size > 1) return stableStringify(t.values)
      }
    }
    return undefined
  }

  get(id: string): Doc | undefined {
    return this.docs.get(id)
  }

  /** Stores (or replaces) a frozen document and keeps every index in step. */
  put(id: string, doc: Doc): void {
    const old = this.docs.get(id)
    if (old) for (const index of this.indexes) index.remove(id, old)
    this.docs.set(id, doc)
    for (const index of this.indexes) index.add(id, doc)
    if (!old) this.idRange?.add(id, doc)
  }

  delete(id: string): boolean {
    const old = this.docs.get(id)
    if (!old) return false
    for (const index of this.indexes) index.remove(id, old)
    this.idRange?.remove(id, old)
    this.docs.delete(id)
    return true
  }

  /** Chooses how to find the documents a (decoded) query may match without reading all of them. */
  plan(query: Doc): Plan {
    const cons = new Map<string, Constraint>()
    const near: { field: string; spec: NearSpec }[] = []
    const geo: string[] = []
    gather(query, cons, near, geo)
    if (near.length > 1)
      throw new CloudError('DATABASE_REQUEST_FAILED', 'too many $nearSphere/$near expressions')
    const nearOne = near[0]
    if (nearOne && !this.geoFields.has(nearOne.field)) {
      throw new CloudError(
        'DATABASE_REQUEST_FAILED',
        `unable to find index for $geoNear query: declare a 2dsphere index on "${nearOne.field}" of collection "${this.name}"`,
      )
    }
    const keyed = this.planConstraints(cons)
    if (keyed) return { ...keyed, near: nearOne }
    if (Array.isArray(query.$or) && query.$or.length > 0) {
      const ids = new Set<string>()
      let all = true
      for (const branch of query.$or) {
        const p = isPlainObject(branch) ? this.plan(branch) : undefined
        if (!p?.ids) {
          all = false
          break
        }
        for (const id of p.ids) ids.add(id)
      }
      if (all) return { kind: 'index', ids, index: '$or', near: nearOne }
    }
    if (nearOne || geo.some((f) => this.geoFields.has(f))) return { kind: 'geo', near: nearOne }
    return { kind: hasFieldConditions(query) ? 'scan' : 'all' }
  }

  private planConstraints(cons: Map<string, Constraint>): Plan | undefined {
    const id = cons.get('_id')
    if (id?.eq) return { kind: 'id', ids: new Set(id.eq.map(idKey)) }
    if (id && (id.lower || id.upper) && sameBracket(id.lower, id.upper)) {
      if (!this.idRange) {
        this.idRange = new FieldIndex('_id_', ['_id'], false)
        for (const [key, doc] of this.docs) this.idRange.add(key, doc)
      }
      return {
        kind: 'index',
        ids: this.idRange.lookup([{ lower: id.lower, upper: id.upper }]),
        index: '_id_',
      }
    }
    let best: { index: FieldIndex; constraints: FieldConstraint[]; score: number } | undefined
    for (const index of this.indexes) {
      const constraints: FieldConstraint[] = []
      let score = 0
      let combos = 1
      for (const field of index.fields) {
        const c = cons.get(field)
        if (c?.eq && combos * c.eq.length <= MAX_EQ_COMBINATIONS) {
          combos *= c.eq.length
          constraints.push({ eq: c.eq })
          score += 2
          continue
        }
        if (c && (c.lower || c.upper) && sameBracket(c.lower, c.upper)) {
          constraints.push({ lower: c.lower, upper: c.upper })
          score += 1
        }
        break
      }
      if (score > 0 && (!best || score > best.score)) best = { index, constraints, score }
    }
    if (!best) return undefined
    return { kind: 'index', ids: best.index.lookup(best.constraints), index: best.index.name }
  }

  /** The documents a plan designates (before the query itself filters them). */
  *candidates(plan: Plan): Iterable<Doc> {
    if (!plan.ids) {
      yield* this.docs.values()
      return
    }
    for (const id of plan.ids) {
      const doc = this.docs.get(id)
      if (doc) yield doc
    }
  }
}

interface Constraint {
  eq?: unknown[]
  lower?: RangeBound
  upper?: RangeBound
}

function isOperatorObject(v: unknown): v is Doc {
  if (!isPlainObject(v)) return false
  const keys = Object.keys(v)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

/** A value an equality condition can look up in an index (arrays match as a whole, regexes by pattern). */
function isKeyValue(v: unknown): boolean {
  return !Array.isArray(v) && !(v instanceof RegExp) && v !== undefined
}

function sameBracket(a?: RangeBound, b?: RangeBound): boolean {
  const ra = a && rangeValue(a.value)
  const rb = b && rangeValue(b.value)
  if ((a && !ra) || (b && !rb)) return false
  return !ra || !rb || ra.t === rb.t
}

function gather(
  query: Doc,
  out: Map<string, Constraint>,
  near: { field: string; spec: NearSpec }[],
  geo: string[],
): void {
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) if (isPlainObject(sub)) gather(sub, out, near, geo)
      continue
    }
    if (key.startsWith('$')) continue
    const c = out.get(key) ?? {}
    out.set(key, c)
    if (!isOperatorObject(value)) {
      if (isKeyValue(value)) narrowEq(c, [value])
      continue
    }
    for (const [op, arg] of Object.entries(value)) {
      switch (op) {
        case '$eq':
          if (isKeyValue(arg)) narrowEq(c, [arg])
          break
        case '$in':
          if (Array.isArray(arg) && arg.every(isKeyValue)) narrowEq(c, arg)
          break
        case '$gt':
        case '$gte':
          if (rangeValue(arg) && (!c.lower || tighter(arg, c.lower.value, 1)))
            c.lower = { value: arg, inclusive: op === '$gte' }
          break
        case '$lt':
        case '$lte':
          if (rangeValue(arg) && (!c.upper || tighter(arg, c.upper.value, -1)))
            c.upper = { value: arg, inclusive: op === '$lte' }
          break
        case '$nearSphere':
        case '$near':
          near.push({ field: key, spec: parseNear(arg) })
          break
        case '$geoWithin':
        case '$geoIntersects':
          geo.push(key)
          break
      }
    }
  }
}

function narrowEq(c: Constraint, values: unknown[]): void {
  const unique = [...new Map(values.map((v) => [valueKey(v), v])).values()]
  if (!c.eq || unique.length < c.eq.length) c.eq = unique
}

/** Whether bound `a` is tighter than `b` in direction `dir` (1: larger lower bound, -1: smaller upper bound). */
function tighter(a: unknown, b: unknown, dir: 1 | -1): boolean {
  const ra = rangeValue(a)!
  const rb = rangeValue(b)
  if (!rb || ra.t !== rb.t) return false
  return dir === 1 ? ra.v > rb.v : ra.v < rb.v
}

function hasFieldConditions(query: Doc): boolean {
  return Object.keys(query).length > 0
}
