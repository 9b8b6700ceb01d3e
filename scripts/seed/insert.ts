import type { CollectionSpec } from '../../core/contract/collection'

/** The part of the local cloud's database the seed writes through. */
export interface SeedDb {
  insertMany(collection: string, docs: Record<string, unknown>[]): Promise<void>
}

/** Inserts demo documents into a declared collection: the declaration names it and types the documents. */
export function insertDocs<D extends { _id: string }>(
  db: SeedDb,
  spec: CollectionSpec<D>,
  docs: D[],
): Promise<void> {
  return db.insertMany(spec.name, docs as unknown as Record<string, unknown>[])
}
