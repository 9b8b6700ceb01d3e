/**
 * The scaffold (`npm run new:context`): refuses bad or taken names without writing anything; generates a
 * context into a temporary copy of the committed tree (never the checkout), which then typechecks with tsc, lints
 * clean against the repo's boundary rules, and whose generated function test passes under jest.
 */
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { ESLint } from 'eslint'
import {
  contextNames,
  newContext,
  REPO_ROOT,
  ScaffoldError,
  validateActionName,
  validateContextName,
} from './new-context'

const run = promisify(execFile)
const NAME = 'scaffold-probe'

/** The parts of the tree a context touches or its test needs. */
const COPIED = [
  'core',
  'server',
  'testing',
  'local-cloud',
  'cloudfunctions',
  'scripts',
  'src',
  'database',
  'docs/data-model.md',
  'types',
  'tsconfig.json',
  'jest.config.js',
  'package.json',
  '.prettierrc.json',
  '.prettierignore',
]

/**
 * A copy of the committed tree (HEAD, so edits in progress in the shared checkout cannot break the run),
 * with the checkout's node_modules linked in.
 */
function copyTree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'new-context-'))
  let tar: Buffer | undefined
  try {
    tar = execFileSync('git', ['archive', '--format=tar', 'HEAD', '--', ...COPIED], {
      cwd: REPO_ROOT,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch {
    // not a git checkout (an exported tree): copy the files as they are, without build output
    for (const entry of COPIED.filter((e) => existsSync(path.join(REPO_ROOT, e)))) {
      cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), {
        recursive: true,
        filter: (src) =>
          !/[\\/](node_modules|\.local-cloud-data)$|[\\/]cloudfunctions[\\/][^\\/]+[\\/]index\.js(\.map)?$/.test(
            src,
          ),
      })
    }
  }
  if (tar) execFileSync('tar', ['-x', '-C', dir], { input: tar })
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  return dir
}

describe('names', () => {
  test.each(['Orders', 'service_orders', '1orders', 'orders-', '-orders', 'a--b', '', 'x'.repeat(33), 'new'])(
    'refuses %p with BAD_NAME',
    (name) => {
      expect(() => validateContextName(REPO_ROOT, name)).toThrow(ScaffoldError)
      try {
        validateContextName(REPO_ROOT, name)
      } catch (err) {
        expect((err as ScaffoldError).code).toBe('BAD_NAME')
        expect((err as Error).message).toMatch(/^new:context: /)
      }
    },
  )

  test('refuses an existing function, naming what exists', () => {
    expect(() => validateContextName(REPO_ROOT, 'stations')).toThrow(
      /already exists \(cloudfunctions\/stations/,
    )
  })

  test('accepts a new kebab-case name and derives the other spellings', () => {
    expect(() => validateContextName(REPO_ROOT, 'service-orders')).not.toThrow()
    expect(contextNames('service-orders', '服务订单')).toEqual({
      name: 'service-orders',
      camel: 'serviceOrders',
      pascal: 'ServiceOrders',
      collection: 'service_orders',
      key: "'service-orders'",
      apiRef: "api['service-orders']",
      title: '服务订单',
      action: 'list',
      actionFile: 'list',
    })
    expect(contextNames('credit', undefined, 'listMine')).toMatchObject({
      title: 'credit',
      actionFile: 'list-mine',
    })
  })

  test.each(['List', 'list-mine', '1list', 'delete', ''])('refuses the action name %p', (action) => {
    expect(() => validateActionName(action)).toThrow(/is not an action name/)
  })
})

describe('a generated context, in a copy of the tree', () => {
  let dir: string
  let created: string[]
  let edited: string[]
  const before = new Map<string, string>()

  beforeAll(async () => {
    dir = copyTree()
    for (const f of ['core/contract/index.ts', 'core/contract/collections.ts', 'src/app.config.ts']) {
      before.set(f, readFileSync(path.join(dir, f), 'utf8'))
    }
    ;({ created, edited } = await newContext(dir, NAME, { title: '探针', action: 'listMine' }))
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  test('creates the contract, collection, function, feature, page and database file', () => {
    expect(created.sort()).toEqual(
      [
        `core/contract/${NAME}.ts`,
        `core/contract/${NAME}.collections.ts`,
        `cloudfunctions/${NAME}/config.json`,
        `cloudfunctions/${NAME}/package.json`,
        `cloudfunctions/${NAME}/src/index.ts`,
        `cloudfunctions/${NAME}/src/handlers/list-mine.ts`,
        `cloudfunctions/${NAME}/src/${NAME}.test.ts`,
        `src/features/${NAME}/use-${NAME}.ts`,
        `src/features/${NAME}/components/${NAME}-list.tsx`,
        `src/manager/pages/${NAME}/index.tsx`,
        `src/manager/pages/${NAME}/index.config.ts`,
        'database/scaffold_probe.json',
      ].sort(),
    )
    for (const f of created) expect(existsSync(path.join(dir, f))).toBe(true)
    expect(existsSync(path.join(REPO_ROOT, `cloudfunctions/${NAME}`))).toBe(false) // the checkout is untouched
    // through npm run gen:database: the data-model table lists the new collection too
    expect(edited).toContain('docs/data-model.md')
    expect(readFileSync(path.join(dir, 'docs/data-model.md'), 'utf8')).toMatch(
      /\| `scaffold_probe` +\| scaffold-probe +\|/,
    )
    expect(JSON.parse(readFileSync(path.join(dir, 'database/scaffold_probe.json'), 'utf8'))).toMatchObject({
      collection: 'scaffold_probe',
      indexes: [{ name: 'unitPath_createdAt', keys: { unitPath: 1, createdAt: -1 } }],
    })
  })

  test('registers by inserting lines, leaving every existing line in place', () => {
    expect(edited).toEqual(
      expect.arrayContaining(['core/contract/index.ts', 'core/contract/collections.ts', 'src/app.config.ts']),
    )
    for (const [file, old] of before) {
      const now = readFileSync(path.join(dir, file), 'utf8')
      const kept = new Set(now.split('\n'))
      // the contract's one-line object may be re-wrapped by prettier; every other line stays as it was
      const missing = old
        .split('\n')
        .filter((l) => !kept.has(l) && !/contract = \{|^\s+\w+,$|as const$/.test(l))
      expect({ file, missing }).toEqual({ file, missing: [] })
    }
    expect(readFileSync(path.join(dir, 'core/contract/index.ts'), 'utf8')).toContain(
      "'scaffold-probe': scaffoldProbe",
    )
    expect(readFileSync(path.join(dir, 'src/app.config.ts'), 'utf8')).toContain(`'pages/${NAME}/index'`)
    expect(readFileSync(path.join(dir, `cloudfunctions/${NAME}/src/index.ts`), 'utf8')).toContain(
      `createMain('${NAME}', scaffoldProbe, { listMine }, { cloud })`,
    )
  })

  test('refuses the same name a second time, writing nothing', async () => {
    const index = readFileSync(path.join(dir, 'core/contract/index.ts'), 'utf8')
    await expect(newContext(dir, NAME)).rejects.toThrow(/already exists/)
    expect(readFileSync(path.join(dir, 'core/contract/index.ts'), 'utf8')).toBe(index)
  })

  test('typechecks (the new files and every registry they were added to)', async () => {
    const config = path.join(dir, 'tsconfig.scaffold.json')
    writeFileSync(
      config,
      JSON.stringify({
        extends: './tsconfig.json',
        // ambient declarations (types/, local-cloud's mingo-core.d.ts) plus what was written
        include: ['types', '*/**/*.d.ts', ...[...created, ...edited].filter((f) => /\.tsx?$/.test(f))],
      }),
    )
    const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc')
    const res = await run(process.execPath, [tsc, '-p', config, '--noEmit'], { cwd: dir }).catch(
      (err: { stdout?: string; stderr?: string }) => ({
        stdout: err.stdout ?? '',
        stderr: err.stderr ?? 'tsc failed',
      }),
    )
    expect(`${res.stdout}${res.stderr}`.trim()).toBe('')
  }, 180_000)

  test('lints clean under the repo rules, boundaries included', async () => {
    const eslint = new ESLint({ cwd: REPO_ROOT })
    const problems: string[] = []
    for (const f of [...created, ...edited].filter((p) => /\.tsx?$/.test(p))) {
      const text = readFileSync(path.join(dir, f), 'utf8')
      // linted as if it sat in the checkout, so the checkout's config (and its zones) apply
      const [res] = await eslint.lintText(text, { filePath: path.join(REPO_ROOT, f) })
      for (const m of res?.messages ?? []) problems.push(`${f}:${m.line} ${m.ruleId} ${m.message}`)
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('its generated function test passes', async () => {
    const jest = path.join(REPO_ROOT, 'node_modules/jest/bin/jest.js')
    const res = await run(
      process.execPath,
      [
        jest,
        '--config',
        path.join(dir, 'jest.config.js'),
        '--rootDir',
        dir,
        '--ci',
        `cloudfunctions/${NAME}/src`,
      ],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
    ).catch((err: { stdout?: string; stderr?: string }) => ({
      stdout: err.stdout ?? '',
      stderr: `FAILED\n${err.stderr}`,
    }))
    expect(res.stderr).toMatch(/Tests:\s+3 passed, 3 total/)
    expect(res.stderr).not.toMatch(/FAILED/)
  }, 300_000)
})
