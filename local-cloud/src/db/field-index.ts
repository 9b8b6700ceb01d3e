/**
 * An in-memory secondary index over one or more fields (MongoDB compound, multikey semantics).
 * Each field is a level of nested maps keyed by `valueKey`, so equality on any prefix is a few map
 * lookups; a level keeps a lazily built sorted key list so a range on the field after an equality
 * prefix (e.g. `{ stationId: X, start: { $gte, $lt } }` on `{ stationId: 1, start: 1 }`) is a
 * binary search instead of a scan.
 */
import { rangeValue, valueKey, valuesAtPath, type Doc } from './values'

export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1 | '2dsphere'>
  unique?: boolean
}

export interface RangeBound {
  value: unknown
  inclusive: boolean
}

/** What a query pins on one index field: equality to one of some values, or a range. */
export type FieldConstraint = { eq: unknown[] } | { lower?: RangeBound; upper?: RangeBound }

interface SortedKey {
  key: string
  t: number
  v: number | string
}

interface Entry {
  value: unknown
  child: Level | Set<string>
}

class Level {
  readonly entries = new Map<string, Entry>()
  sorted: SortedKey[] | null = null
}

/** At most this many key tuples per document (several array fields in one compound index). */
const MAX_TUPLES = 1000

function cmp(a: { t: number; v: number | string }, b: { t: number; v: number | string }): number {
  if (a.t !== b.t) return a.t - b.t
  return a.v < b.v ? -1 : a.v > b.v ? 1 : 0
}

/** First position in `sorted` whose element is not before `probe` (or after it when `after`). */
function search(sorted: SortedKey[], probe: { t: number; v: number | string }, after: boolean): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const c = cmp(sorted[mid], probe)
    if (c < 0 || (after && c === 0)) lo = mid + 1
    else hi = mid
  }
  return lo
}

export class FieldIndex {
  readonly fields: string[]
  private readonly paths: string[][]
  private readonly root = new Level()

  constructor(
    readonly name: string,
    fields: string[],
    public unique: boolean,
  ) {
    this.fields = fields
    this.paths = fields.map((f) => f.split('.'))
  }

  /** The key tuples a document occupies: one per combination of its (multikey) field values. */
  tuples(doc: Doc): { keys: string[]; values: unknown[] }[] {
    const single = this.singleTuple(doc)
    if (single) return [single]
    let out: { keys: string[]; values: unknown[] }[] = [{ keys: [], values: [] }]
    for (const field of this.fields) {
      const seen = new Map<string, unknown>()
      for (const v of valuesAtPath(doc, field)) {
        const k = valueKey(v)
        if (!seen.has(k)) seen.set(k, v === undefined ? null : v)
      }
      const next: typeof out = []
      for (const t of out) {
        for (const [k, v] of seen) {
          if (next.length >= MAX_TUPLES) break
          next.push({ keys: [...t.keys, k], values: [...t.values, v] })
        }
      }
      out = next
    }
    return out
  }

  /** The common case, no arrays on any indexed path: one tuple, built without fan-out. */
  private singleTuple(doc: Doc): { keys: string[]; values: unknown[] } | undefined {
    const keys: string[] = []
    const values: unknown[] = []
    for (const path of this.paths) {
      let cur: unknown = doc
      for (const part of path) {
        if (cur === null || typeof cur !== 'object') {
          cur = undefined
          break
        }
        if (Array.isArray(cur)) return undefined
        cur = (cur as Doc)[part]
      }
      if (Array.isArray(cur)) return undefined
      keys.push(valueKey(cur))
      values.push(cur === undefined ? null : cur)
    }
    return { keys, values }
  }

  add(id: string, doc: Doc): void {
    for (const { keys, values } of this.tuples(doc)) {
      let level = this.root
      for (let i = 0; i < keys.length; i++) {
        let entry = level.entries.get(keys[i])
        if (!entry) {
          entry = { value: values[i], child: i === keys.length - 1 ? new Set<string>() : new Level() }
          level.entries.set(keys[i], entry)
          if (level.sorted) {
            const r = rangeValue(values[i])
            if (r) level.sorted.splice(search(level.sorted, r, false), 0, { key: keys[i], ...r })
          }
        }
        if (entry.child instanceof Set) entry.child.add(id)
        else level = entry.child
      }
    }
  }

  remove(id: string, doc: Doc): void {
    for (const { keys } of this.tuples(doc)) this.removeTuple(this.root, keys, 0, id)
  }

  /** Removes `id` under `keys`; returns true when `level` became empty. */
  private removeTuple(level: Level, keys: string[], i: number, id: string): boolean {
    const entry = level.entries.get(keys[i])
    if (!entry) return false
    const emptied =
      entry.child instanceof Set
        ? entry.child.delete(id) && entry.child.size === 0
        : this.removeTuple(entry.child, keys, i + 1, id)
    if (emptied) {
      level.entries.delete(keys[i])
      const r = rangeValue(entry.value)
      if (level.sorted && r) {
        const at = search(level.sorted, r, false)
        if (level.sorted[at]?.key === keys[i]) level.sorted.splice(at, 1)
      }
    }
    return level.entries.size === 0
  }

  /** Ids stored under exactly this key tuple. */
  idsAt(keys: string[]): ReadonlySet<string> | undefined {
    let level = this.root
    for (let i = 0; i < keys.length; i++) {
      const entry = level.entries.get(keys[i])
      if (!entry) return undefined
      if (entry.child instanceof Set) return entry.child
      level = entry.child
    }
    return undefined
  }

  /** Ids of documents that may match constraints on a prefix of the index fields (a superset). */
  lookup(constraints: FieldConstraint[]): Set<string> {
    const out = new Set<string>()
    this.collect(this.root, constraints, 0, out)
    return out
  }

  private collect(
    node: Level | Set<string>,
    constraints: FieldConstraint[],
    depth: number,
    out: Set<string>,
  ): void {
    if (node instanceof Set) {
      for (const id of node) out.add(id)
      return
    }
    if (depth >= constraints.length) {
      for (const entry of node.entries.values()) this.collect(entry.child, constraints, depth + 1, out)
      return
    }
    const c = constraints[depth]
    if ('eq' in c) {
      for (const v of c.eq) {
        const entry = node.entries.get(valueKey(v))
        if (entry) this.collect(entry.child, constraints, depth + 1, out)
      }
      return
    }
    const lower = c.lower && rangeValue(c.lower.value)
    const upper = c.upper && rangeValue(c.upper.value)
    const t = lower?.t ?? upper?.t
    if (t === undefined || (lower && upper && lower.t !== upper.t)) return
    const sorted = this.sortedKeys(node)
    let i = lower
      ? search(sorted, lower, !c.lower!.inclusive)
      : search(sorted, { t, v: t === 2 ? '' : -Infinity }, false)
    for (; i < sorted.length && sorted[i].t === t; i++) {
      if (upper) {
        const d = cmp(sorted[i], upper)
        if (d > 0 || (d === 0 && !c.upper!.inclusive)) break
      }
      this.collect(node.entries.get(sorted[i].key)!.child, constraints, depth + 1, out)
    }
  }

  private sortedKeys(level: Level): SortedKey[] {
    if (!level.sorted) {
      const sorted: SortedKey[] = []
      for (const [key, entry] of level.entries) {
        const r = rangeValue(entry.value)
        if (r) sorted.push({ key, ...r })
      }
      level.sorted = sorted.sort(cmp)
    }
    return level.sorted
  }
}
