/**
 * `npm run new:context <name> [中文标题] [--action <first>]` — scaffolds a bounded context (issue 12), so a
 * new context is its domain code, not plumbing:
 *
 *   core/contract/<name>.ts               the contract: one action (`list` unless --action, managers only)
 *   core/contract/<name>.collections.ts   one collection declaration (`<name_with_underscores>`)
 *   cloudfunctions/<name>/                config.json, package.json, src/index.ts,
 *                                         src/handlers/<action>.ts (reads with `from(db, spec)`), src/<name>.test.ts
 *   src/features/<name>/                  use-<name>.ts (api.<name>.<action> through useQuery), components/<name>-list.tsx
 *   src/manager/pages/<name>/             a manager page stub (subpackage manager/)
 *   database/<collection>.json            the collection's indexes and rules, from the declaration (through
 *                                         `npm run gen:database`, which also updates docs/data-model.md)
 *
 * and registers them by inserting lines: core/contract/index.ts (the contract), core/contract/collections.ts
 * (the collection registry), src/app.config.ts (the manager subpackage's pages) and
 * cloudfunctions/role-matrix.test.ts (a sample input, so the new action enters the role matrix).
 *
 * Everything is checked before anything is written (name, existing files, the registries' anchors), so a
 * refused name leaves the tree untouched. Files are written prettier-formatted. scripts/new-context.test.ts
 * generates into a copy of the tree, typechecks it and runs the generated test.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export const REPO_ROOT = path.resolve(__dirname, '..')
const GEN_DATABASE = 'scripts/gen-database.ts'

export interface ContextNames {
  /** kebab-case: folder, file and cloud function name, the contract's key (`api.<name>` / `api['a-b']`) */
  name: string
  /** camelCase: the contract and collection constants */
  camel: string
  /** PascalCase: type and component names */
  pascal: string
  /** snake_case: the collection's name */
  collection: string
  /** the key as written in an object literal */
  key: string
  /** `api.<name>` or `api['a-b']` */
  apiRef: string
  /** the manager page's Chinese title */
  title: string
  /** the first action (camelCase) and its handler's file name (kebab-case) */
  action: string
  actionFile: string
}

export class ScaffoldError extends Error {
  constructor(
    readonly code: 'BAD_NAME' | 'EXISTS' | 'NO_ANCHOR',
    message: string,
  ) {
    super(message)
  }
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await constructor prototype then'.split(
    ' ',
  ),
)

export function contextNames(name: string, title?: string, action = 'list'): ContextNames {
  const camel = name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase())
  const pascal = camel[0]!.toUpperCase() + camel.slice(1)
  const simple = /^[a-z][a-z0-9]*$/.test(name)
  return {
    name,
    camel,
    pascal,
    collection: name.replace(/-/g, '_'),
    key: simple ? name : `'${name}'`,
    apiRef: simple ? `api.${name}` : `api['${name}']`,
    title: title?.trim() || name,
    action,
    actionFile: action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
  }
}

/** Throws a ScaffoldError unless `action` is a camelCase action name. */
export function validateActionName(action: string): void {
  if (!/^[a-z][a-zA-Z0-9]{0,31}$/.test(action) || RESERVED.has(action)) {
    throw new ScaffoldError(
      'BAD_NAME',
      `new:context: "${action}" is not an action name. Use camelCase, a letter first, e.g. "list" or "listMine".`,
    )
  }
}

/** Throws a ScaffoldError naming what is wrong when `name` cannot be a new context in `root`. */
export function validateContextName(root: string, name: string): void {
  if (!NAME.test(name) || name.length > 32) {
    throw new ScaffoldError(
      'BAD_NAME',
      `new:context: "${name}" is not a context name. Use lower-case kebab-case, a letter first, at most 32 characters, e.g. "orders" or "service-orders".`,
    )
  }
  const n = contextNames(name)
  if (RESERVED.has(n.camel)) {
    throw new ScaffoldError(
      'BAD_NAME',
      `new:context: "${name}" is a JavaScript reserved word; choose another name.`,
    )
  }
  const taken = [
    `cloudfunctions/${name}`,
    `core/contract/${name}.ts`,
    `core/contract/${name}.collections.ts`,
    `src/features/${name}`,
    `src/manager/pages/${name}`,
    `database/${n.collection}.json`,
  ].filter((p) => existsSync(path.join(root, p)))
  const index = readFileSync(path.join(root, 'core/contract/index.ts'), 'utf8')
  const contractLine = /export const contract = \{([^}]*)\}/.exec(index)?.[1] ?? ''
  if (contractLine.split(',').some((k) => k.split(':')[0]!.trim().replace(/'/g, '') === name)) {
    taken.push(`core/contract/index.ts (contract.${name})`)
  }
  if (taken.length) {
    throw new ScaffoldError(
      'EXISTS',
      `new:context: "${name}" already exists (${taken.join(', ')}). Choose a name no function, feature or collection uses.`,
    )
  }
}

// ---------------------------------------------------------------------------------------------------------
// The files

function contractFile(n: ContextNames): string {
  return `/**
 * The ${n.name} context's contract (scaffolded by \`npm run new:context\`): for each action its input schema,
 * the roles allowed and (as a phantom type) what it answers. The client imports types only.
 */
import * as z from 'zod'
import { action, fields } from './define'

/** One ${n.name} item as the phone shows it. */
export interface ${n.pascal}Item {
  _id: string
  unitId: string
  title: string
  /** ms since the epoch */
  createdAt: number
}

export const ${n.camel} = {
  /** The items of the units the caller manages (a grant reaches the unit's subtree), newest first. */
  ${n.action}: action<{ items: ${n.pascal}Item[] }>()({
    input: z.object({ limit: fields.limit(100, 20) }),
    roles: ['manager'],
  }),
}
`
}

function collectionsFile(n: ContextNames): string {
  return `import { collection } from './collection'

/** One stored ${n.name} item. */
export interface ${n.pascal}Record {
  _id: string
  /** the unit it belongs to */
  unitId: string
  /** the unit's ancestors and the unit itself: a manager of any of them sees the item */
  unitPath: string[]
  title: string
  /** ms since the epoch */
  createdAt: number
}

export const ${n.camel} = collection<${n.pascal}Record>()({
  name: '${n.collection}',
  description: 'The ${n.name} context: one document per item, scoped to a unit.',
  indexes: [{ name: 'unitPath_createdAt', keys: { unitPath: 1, createdAt: -1 } }],
})
`
}

function databaseFile(n: ContextNames): string {
  return JSON.stringify({
    collection: n.collection,
    description: `The ${n.name} context: one document per item, scoped to a unit.`,
    indexes: [{ name: 'unitPath_createdAt', keys: { unitPath: 1, createdAt: -1 } }],
    rules: { read: false, write: false },
  })
}

function functionIndex(n: ContextNames): string {
  return `import cloud from 'wx-server-sdk'
import { ${n.camel} } from '../../../core/contract/${n.name}'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { ${n.action} } from './handlers/${n.actionFile}'

initCloud(cloud)

export const main = createMain('${n.name}', ${n.camel}, { ${n.action} }, { cloud })
`
}

function handlerFile(n: ContextNames): string {
  return `import { ${n.camel} } from '../../../../core/contract/${n.name}.collections'
import { grantedUnitIds } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'

/** The items of the units the caller manages (a grant reaches the unit's subtree), newest first. */
export const ${n.action}: Handler<'${n.name}', '${n.action}'> = async (input, { db, _, caller }) => {
  const scope = grantedUnitIds(caller, 'manager')
  const items = await from(db, ${n.camel}).find((q) =>
    q.where({ unitPath: _.in(scope) }).orderBy('createdAt', 'desc').limit(input.limit),
  )
  return { items: items.map(({ _id, unitId, title, createdAt }) => ({ _id, unitId, title, createdAt })) }
}
`
}

function functionTest(n: ContextNames): string {
  return `import { ${n.camel} } from '../../../core/contract/${n.name}.collections'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
  const firstStationPath = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]
  await t.cloud.db.insertMany(${n.camel}.name, [
    { _id: 'scaffold-1', unitId: DEMO_IDS.firstStation, unitPath: firstStationPath, title: '第一条', createdAt: 1 },
    { _id: 'scaffold-2', unitId: DEMO_IDS.firstStation, unitPath: firstStationPath, title: '第二条', createdAt: 2 },
    { _id: 'scaffold-3', unitId: 'u-elsewhere', unitPath: ['u-elsewhere'], title: '别处', createdAt: 3 },
  ])
})
afterAll(async () => {
  await t.stop()
})

describe('${n.name}.${n.action}', () => {
  it("answers the items under the manager's units, newest first", async () => {
    const station = await t.as(DEMO_IDENTITIES.stationManager).ok('${n.name}', '${n.action}', {})
    expect(station.items.map((i) => i.title)).toEqual(['第二条', '第一条'])
    // the center's manager reaches the station through unitPath
    const center = await t.as(DEMO_IDENTITIES.centerAdmin).ok('${n.name}', '${n.action}', { limit: 1 })
    expect(center.items.map((i) => i._id)).toEqual(['scaffold-2'])
  })

  it('refuses a resident', async () => {
    const res = await t.as(DEMO_IDENTITIES.resident).call('${n.name}', '${n.action}', {})
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('rejects a bad limit with a Chinese message', async () => {
    const res = await t.as(DEMO_IDENTITIES.stationManager).call('${n.name}', '${n.action}', { limit: 0 })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '数量至少为 1' })
  })
})
`
}

function featureHook(n: ContextNames): string {
  return `import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** The ${n.name} items the manager sees; loaded again when the page is shown again. */
export function use${n.pascal}List() {
  return useQuery('${n.name}:${n.action}', () => ${n.apiRef}.${n.action}(), { refreshOnShow: true })
}
`
}

function featureList(n: ContextNames): string {
  return `import { View } from '@tarojs/components'
import type { ${n.pascal}Item } from '@core/contract'
import { Card } from '@/components/card'

/** The ${n.name} items, one card each. */
export function ${n.pascal}List({ items }: { items: ${n.pascal}Item[] }) {
  if (items.length === 0) return <View className="field">还没有内容</View>
  return (
    <>
      {items.map((item) => (
        <Card key={item._id} label={item.title}>
          <View className="field">{item.title}</View>
        </Card>
      ))}
    </>
  )
}
`
}

function pageFile(n: ContextNames): string {
  return `import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { ${n.pascal}List } from '@/features/${n.name}/components/${n.name}-list'
import { use${n.pascal}List } from '@/features/${n.name}/use-${n.name}'

/** ${n.title} for managers (subpackage \`manager/\`). */
export default function ${n.pascal}Page() {
  const list = use${n.pascal}List()
  return (
    <Page title="${n.title}">
      <QueryView query={list} loadingText="正在加载…">
        {(data) => <${n.pascal}List items={data.items} />}
      </QueryView>
    </Page>
  )
}
`
}

function pageConfig(n: ContextNames): string {
  return `export default definePageConfig({
  navigationBarTitleText: '${n.title}',
})
`
}

const FUNCTION_CONFIG = JSON.stringify({ timeout: 5, permissions: { openapi: [] } })
const functionPackage = (n: ContextNames) =>
  JSON.stringify({
    name: n.name,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': '4.0.2' },
  })

// ---------------------------------------------------------------------------------------------------------
// The registries: each edit inserts lines at an anchor; a missing anchor refuses before anything is written

function anchor(file: string, found: boolean, what: string): void {
  if (!found)
    throw new ScaffoldError(
      'NO_ANCHOR',
      `new:context: ${file}: cannot find ${what}; add the context by hand.`,
    )
}

function insertAfterLast(text: string, file: string, pattern: RegExp, line: string): string {
  const lines = text.split('\n')
  const at = lines.reduce((last, l, i) => (pattern.test(l) ? i : last), -1)
  anchor(file, at >= 0, `a line matching ${pattern}`)
  lines.splice(at + 1, 0, line)
  return lines.join('\n')
}

/** Inserts `line` before the line closing the `{` that ends the first line matching `opener`. */
function insertBeforeClose(text: string, file: string, opener: RegExp, line: string): string {
  const lines = text.split('\n')
  const start = lines.findIndex((l) => opener.test(l))
  anchor(file, start >= 0, `a line matching ${opener}`)
  const indent = /^\s*/.exec(lines[start]!)![0]
  const close = lines.findIndex((l, i) => i > start && l.startsWith(`${indent}}`))
  anchor(file, close > start, `the end of the block opened by ${opener}`)
  lines.splice(close, 0, line)
  return lines.join('\n')
}

function editContractIndex(text: string, n: ContextNames): string {
  const file = 'core/contract/index.ts'
  let out = insertAfterLast(
    text,
    file,
    /^import .* from '\.\/[\w.-]+'$/,
    `import { ${n.camel} } from './${n.name}'`,
  )
  const entry = n.key === n.camel ? n.camel : `${n.key}: ${n.camel}`
  const re = /export const contract = \{([^}]*)\} as const/
  anchor(file, re.test(out), '`export const contract = { … } as const`')
  out = out.replace(
    re,
    (_m, inner: string) => `export const contract = { ${inner.trim().replace(/,$/, '')}, ${entry} } as const`,
  )
  return insertAfterLast(out, file, /^export \* from '\.\/[\w.-]+'$/, `export * from './${n.name}'`)
}

function editCollections(text: string, n: ContextNames): string {
  const file = 'core/contract/collections.ts'
  const out = insertAfterLast(
    text,
    file,
    /^import .* from '\.\/[\w.-]+'$/,
    `import * as ${n.camel} from './${n.name}.collections'`,
  )
  const entry = n.key === n.camel ? `  ${n.camel},` : `  ${n.key}: ${n.camel},`
  return insertBeforeClose(out, file, /^export const collectionsByContext\b.*= \{$/, entry)
}

function editAppConfig(text: string, n: ContextNames): string {
  const file = 'src/app.config.ts'
  const root = text.indexOf("root: 'manager'")
  anchor(file, root >= 0, "the subpackage `root: 'manager'`")
  const open = text.indexOf('pages: [', root)
  const close = open >= 0 ? text.indexOf(']', open) : -1
  anchor(file, open >= 0 && close > open, "the manager subpackage's `pages: [ … ]`")
  const inner = text.slice(open + 'pages: ['.length, close).trimEnd()
  const page = `'pages/${n.name}/index'`
  const joined = inner.endsWith(',') ? `${inner}\n${page},\n` : `${inner}, ${page}`
  return text.slice(0, open + 'pages: ['.length) + joined + text.slice(close)
}

function editRoleMatrix(text: string, n: ContextNames): string {
  const file = 'cloudfunctions/role-matrix.test.ts'
  return insertAfterLast(
    text,
    file,
    /^const SAMPLES: Samples = \{$/,
    `  ${n.key}: { ${n.action}: async () => ({}) },`,
  )
}

// ---------------------------------------------------------------------------------------------------------

export interface Scaffold {
  created: string[]
  edited: string[]
}

/** Creates the context `name` in `root` (the repo, or a copy of it). Validates and plans everything first. */
export async function newContext(
  root: string,
  name: string,
  options: { title?: string; action?: string } = {},
): Promise<Scaffold> {
  validateContextName(root, name)
  if (options.action !== undefined) validateActionName(options.action)
  const n = contextNames(name, options.title, options.action)
  const created: Record<string, string> = {
    [`core/contract/${name}.ts`]: contractFile(n),
    [`core/contract/${name}.collections.ts`]: collectionsFile(n),
    [`cloudfunctions/${name}/config.json`]: FUNCTION_CONFIG,
    [`cloudfunctions/${name}/package.json`]: functionPackage(n),
    [`cloudfunctions/${name}/src/index.ts`]: functionIndex(n),
    [`cloudfunctions/${name}/src/handlers/${n.actionFile}.ts`]: handlerFile(n),
    [`cloudfunctions/${name}/src/${name}.test.ts`]: functionTest(n),
    [`src/features/${name}/use-${name}.ts`]: featureHook(n),
    [`src/features/${name}/components/${name}-list.tsx`]: featureList(n),
    [`src/manager/pages/${name}/index.tsx`]: pageFile(n),
    [`src/manager/pages/${name}/index.config.ts`]: pageConfig(n),
  }
  // database/<collection>.json (and the data-model table) come from the declaration through
  // `npm run gen:database` when the tree has it; otherwise the file is written here
  const generator = existsSync(path.join(root, GEN_DATABASE))
  if (!generator) created[`database/${n.collection}.json`] = databaseFile(n)
  const read = (p: string) => readFileSync(path.join(root, p), 'utf8')
  const edited: Record<string, string> = {
    'core/contract/index.ts': editContractIndex(read('core/contract/index.ts'), n),
    'core/contract/collections.ts': editCollections(read('core/contract/collections.ts'), n),
    'src/app.config.ts': editAppConfig(read('src/app.config.ts'), n),
  }
  if (existsSync(path.join(root, 'cloudfunctions/role-matrix.test.ts'))) {
    edited['cloudfunctions/role-matrix.test.ts'] = editRoleMatrix(
      read('cloudfunctions/role-matrix.test.ts'),
      n,
    )
  }
  const all = { ...created, ...edited }
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  // prettier's own CLI (its API loads plugins through dynamic import, which jest's VM refuses)
  execFileSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--log-level', 'warn', '--write', ...Object.keys(all)],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  const result = { created: Object.keys(created), edited: Object.keys(edited) }
  if (generator) {
    execFileSync(process.execPath, [require.resolve('tsx/cli'), GEN_DATABASE], { cwd: root, stdio: 'pipe' })
    result.created.push(`database/${n.collection}.json`)
    result.edited.push('docs/data-model.md')
  }
  return result
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const at = args.indexOf('--action')
  const action = at >= 0 ? args.splice(at, 2)[1] : undefined
  const [name, title] = args
  if (!name || (at >= 0 && !action)) {
    console.error(
      'usage: npm run new:context <name> [中文标题] [--action <firstAction>]   e.g. npm run new:context orders 服务订单',
    )
    process.exit(2)
  }
  newContext(REPO_ROOT, name, { title, action }).then(
    ({ created, edited }) => {
      console.log(`created ${created.length} files:\n  ${created.join('\n  ')}`)
      console.log(`registered in:\n  ${edited.join('\n  ')}`)
      console.log(
        `next: shape the action (core/contract/${name}.ts), the document (core/contract/${name}.collections.ts, ` +
          `then npm run gen:database), the handler and its test, the page; then npm run check`,
      )
    },
    (err: unknown) => {
      console.error(err instanceof ScaffoldError ? err.message : err)
      process.exit(1)
    },
  )
}
