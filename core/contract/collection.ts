/*
 * How a bounded context declares its collections. Pure (no zod, no SDK): the phone, the functions, the
 * seed and the tests all read the same declaration.
 */
/** One index of a collection, as database/<name>.json and the console's index settings take it. */
export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1 | '2dsphere'>
  unique?: boolean
}

/** Who may read and write a collection from the phone directly (never: every access goes through a function). */
export interface CollectionRules {
  read: boolean
  write: boolean
}

/**
 * A collection as its context declares it: name, what a document is (a phantom type), its indexes, and
 * any builders for composite `_id`s. `database/<name>.json`, typed database access on the server and
 * the data-model table in docs/ all come from this one declaration.
 */
export type CollectionSpec<D extends { _id: string }, N extends string = string> = {
  readonly name: N
  readonly description: string
  readonly indexes: readonly IndexSpec[]
  readonly rules: CollectionRules
  /** phantom: never set at runtime, carries the document type */
  readonly __doc?: D
}

/** The document type of a declared collection. */
export type DocOf<C> = C extends CollectionSpec<infer D> ? D : never

const CLOSED: CollectionRules = { read: false, write: false }

/**
 * `collection<Doc>()({ name, description, indexes, ...idBuilders })` — curried so the document type is
 * given and the rest inferred. Extra members (functions building composite `_id`s) stay on the spec.
 */
export function collection<D extends { _id: string }>() {
  return <N extends string, X extends Record<string, unknown> = Record<never, never>>(
    spec: { name: N; description: string; indexes?: readonly IndexSpec[]; rules?: CollectionRules } & X,
  ): CollectionSpec<D, N> & X =>
    ({ ...spec, indexes: spec.indexes ?? [], rules: spec.rules ?? CLOSED }) as CollectionSpec<D, N> & X
}
