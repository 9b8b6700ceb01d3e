/**
 * database/*.json and the collections table in docs/data-model.md are what the declarations
 * (core/contract/*.collections.ts) produce: `npm run gen:database` writes them, this test fails when
 * they are out of step or a database file has no declaration.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { collectionsByContext } from '../core/contract/collections'
import { collection } from '../core/contract/collection'
import {
  collectionsTable,
  DATA_MODEL_DOC,
  databaseJson,
  problems,
  REPO_ROOT,
  type Declarations,
} from './gen-database'

it('database/*.json and the data-model table are generated from the declarations, nothing undeclared', () => {
  expect(problems()).toEqual([])
})

it('every declared collection is in database/ and in the docs table, with its indexes', () => {
  const table = collectionsTable(collectionsByContext)
  const specs = Object.values(collectionsByContext).flatMap((c) => Object.values(c))
  expect(specs.length).toBeGreaterThan(10)
  for (const spec of specs) {
    expect(table).toContain(`| \`${spec.name}\` |`)
    expect(JSON.parse(databaseJson(spec))).toMatchObject({ collection: spec.name, indexes: spec.indexes })
  }
  // unique and geo indexes are named as such
  expect(table).toMatch(/`code` \(unique\)/)
  expect(table).toMatch(/`location` \(2dsphere\)/)
})

describe('in a copy of the tree', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'gen-database-test-'))
    cpSync(path.join(REPO_ROOT, 'database'), path.join(root, 'database'), { recursive: true })
    cpSync(path.join(REPO_ROOT, 'docs'), path.join(root, 'docs'), { recursive: true })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('notices a declaration that changed: its database file and the docs table', () => {
    const changed: Declarations = {
      ...collectionsByContext,
      inbox: {
        ...collectionsByContext.inbox,
        inbox: {
          ...collectionsByContext.inbox!.inbox!,
          indexes: [{ name: 'x', keys: { x: 1 }, unique: true }],
        },
      },
    }
    expect(problems(changed, root)).toEqual([
      'database/inbox.json differs from the declarations (run npm run gen:database)',
      `${DATA_MODEL_DOC} differs from the declarations (run npm run gen:database)`,
    ])
  })

  it('notices a database file without a declaration, and a declaration without its file', () => {
    writeFileSync(path.join(root, 'database', 'stray.json'), '{}\n')
    const extra: Declarations = {
      ...collectionsByContext,
      more: { fresh: collection<{ _id: string }>()({ name: 'fresh_things', description: 'New.' }) },
    }
    const found = problems(extra, root)
    expect(found).toContain('database/stray.json has no declaration in core/contract/*.collections.ts')
    expect(found).toContain('database/fresh_things.json is missing (run npm run gen:database)')
  })
})
