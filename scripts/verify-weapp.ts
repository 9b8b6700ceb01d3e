/**
 * `npm run verify:weapp` (CI, after build:weapp and build:functions): would WeChat accept what we ship?
 *
 * 1. Every WXML and WXSS file in dist/ compiles with WeChat's own compilers (wcc / wcsc from the
 *    miniprogram-compiler package, the ones WeChat DevTools runs).
 * 2. Every dist/**\/*.js parses as ES5: project.config.json has `es6: false, enhance: false`, so WeChat
 *    neither transpiles nor accepts newer syntax at upload (docs/deploy.md "ES level").
 * 3. app.json: pages and subpackages exist, tabBar pages are in the main package; every privacy API the
 *    mini-program's code calls is declared where WeChat requires (requiredPrivateInfos, permission), named in
 *    the consent card (src/features/privacy/uses.ts) and in docs/deploy.md's privacy guide step, and every
 *    page that can reach one renders PrivacyConsent.
 * 4. Package sizes: main package and each subpackage (WeChat's limit 2 MB each; our goal main ≤ 400 KB).
 * 5. Each cloudfunctions/<fn>/index.js parses at the Node 16 level and uses no global or built-in method
 *    newer than Node 16 (fetch, structuredClone, Array.prototype.findLast, …), and loads with them removed.
 *
 *   npm run verify:weapp                      # dist/, src/, cloudfunctions/, docs/deploy.md
 *   npx tsx scripts/verify-weapp.ts --dist other-dist
 *
 * Exit code 1 with each problem's file, line and rule when anything fails. Each rule is a function below,
 * tested on small fixtures in scripts/verify-weapp.test.ts.
 */
import { parse, type Node as AcornNode } from 'acorn'
import { spawnSync } from 'node:child_process'
import { accessSync, chmodSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { PRIVACY_USES, type PrivacyUse } from '../src/features/privacy/uses'

export const ROOT = path.resolve(__dirname, '..')

export interface Problem {
  rule: string
  /** file relative to the checked folder, with line and column when known */
  where: string
  message: string
}

/* ---------------------------------------------------------------- files */

/** Every file under dir (relative paths, '/' separated), sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(child)
      } else out.push(child)
    }
  }
  walk('')
  return out.sort()
}

/** A short excerpt of one (possibly minified, very long) line around a column. */
function excerpt(source: string, line: number, column: number): string {
  const text = source.split('\n')[line - 1] ?? ''
  const start = Math.max(0, column - 40)
  return `${start > 0 ? '…' : ''}${text.slice(start, column + 40)}${column + 40 < text.length ? '…' : ''}`
}

/* ---------------------------------------------------------------- 1. WeChat's compilers */

function compilerBinary(name: 'wcc' | 'wcsc'): string {
  const dir = path.dirname(require.resolve('miniprogram-compiler/package.json'))
  const platform = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux'
  const file = path.join(dir, 'bin', platform, process.platform === 'win32' ? `${name}.exe` : name)
  try {
    accessSync(file, constants.X_OK)
  } catch {
    // npm installs the package's binaries without the executable bit (the package's own JS chmods them too)
    chmodSync(file, 0o755)
  }
  return file
}

function runCompiler(name: 'wcc' | 'wcsc', dir: string, args: string[]): { ok: boolean; stderr: string } {
  const run = spawnSync(compilerBinary(name), args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 })
  if (run.error) throw run.error
  return { ok: run.status === 0, stderr: run.stderr.toString().trim() }
}

/** wcc/wcsc stop at the first error and name it `file:line:col: message` or `ERR: file(line:col): message`. */
function compilerProblem(rule: string, stderr: string): Problem {
  const first = stderr.split('\n').find((l) => l.trim() && !/^error file count/.test(l)) ?? stderr
  const m =
    /^(?:ERR: )?([^\s:(]+\.(?:wxml|wxss|wxs))(?:[:(](\d+):(\d+)\)?)?:?\s*(.*)$/.exec(first.trim()) ??
    undefined
  return m
    ? { rule, where: `${m[1]}${m[2] ? `:${m[2]}:${m[3]}` : ''}`, message: m[4] || first }
    : { rule, where: '', message: first || `${rule} failed` }
}

/** All WXML (with the WXS modules they import) through wcc, as DevTools compiles them for upload. */
export function compileWxml(dir: string, files = listFiles(dir)): Problem[] {
  const wxml = files.filter((f) => f.endsWith('.wxml'))
  if (wxml.length === 0) return []
  const wxs = files.filter((f) => f.endsWith('.wxs'))
  const res = runCompiler('wcc', dir, ['-d', '-cc', '0', ...wxml, ...wxs, '-gn', '$gwx'])
  return res.ok ? [] : [compilerProblem('wxml', res.stderr)]
}

/** All WXSS through wcsc. */
export function compileWxss(dir: string, files = listFiles(dir)): Problem[] {
  const wxss = files.filter((f) => f.endsWith('.wxss'))
  if (wxss.length === 0) return []
  const res = runCompiler('wcsc', dir, ['-db', '-pc', '0', ...wxss])
  return res.ok ? [] : [compilerProblem('wxss', res.stderr)]
}

/* ---------------------------------------------------------------- 2. ES level */

/**
 * Each .js file parses at `ecmaVersion` (script goal; acorn also checks regular expression syntax, so a
 * lookbehind or named group fails ES5 too).
 */
export function checkEsLevel(dir: string, ecmaVersion: 5 | 2022, files = listFiles(dir)): Problem[] {
  const problems: Problem[] = []
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(path.join(dir, file), 'utf8')
    try {
      parse(source, { ecmaVersion, sourceType: 'script', allowHashBang: true })
    } catch (err) {
      const e = err as SyntaxError & { loc?: { line: number; column: number } }
      const { line, column } = e.loc ?? { line: 0, column: 0 }
      problems.push({
        rule: ecmaVersion === 5 ? 'es5' : 'node16-syntax',
        where: `${file}:${line}:${column + 1}`,
        message: `${e.message.replace(/ \(\d+:\d+\)$/, '')} — not ES${ecmaVersion === 5 ? '5' : '2022'}: ${excerpt(source, line, column)}`,
      })
    }
  }
  return problems
}

/* ---------------------------------------------------------------- 2b. project.config.json */

/**
 * The oldest base library we claim: wx.onNeedPrivacyAuthorization, the agreePrivacyAuthorization button and
 * wx.openPrivacyContract (src/features/privacy) need 2.32.3. project.config.json `libVersion` states it, and
 * the console's 基础库最低版本 is set to it (docs/deploy.md).
 */
export const MIN_LIB_VERSION = '2.32.3'

function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number)
  const b = min.split('.').map(Number)
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0)
  return true
}

/** libVersion states a base library new enough; es6/enhance off, so what ships must already be ES5. */
export function checkProjectConfig(config: {
  libVersion?: string
  miniprogramRoot?: string
  setting?: { es6?: boolean; enhance?: boolean }
}): Problem[] {
  const problems: Problem[] = []
  const where = 'project.config.json'
  if (!config.libVersion || !/^\d+\.\d+\.\d+$/.test(config.libVersion)) {
    problems.push({
      rule: 'project',
      where,
      message: `libVersion must state the oldest base library we claim (${MIN_LIB_VERSION})`,
    })
  } else if (!versionAtLeast(config.libVersion, MIN_LIB_VERSION)) {
    problems.push({
      rule: 'project',
      where,
      message: `libVersion ${config.libVersion} is older than ${MIN_LIB_VERSION}, which the privacy consent APIs need`,
    })
  }
  if (config.setting?.es6 !== false || config.setting?.enhance !== false) {
    problems.push({
      rule: 'project',
      where,
      message:
        'setting.es6 and setting.enhance must be false: the build ships ES5 itself (babel.config.js), checked here',
    })
  }
  return problems
}

/* ---------------------------------------------------------------- 3. app.json */

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
  requiredPrivateInfos?: string[]
  permission?: Record<string, { desc?: string }>
  plugins?: Record<string, unknown>
}

export function readAppJson(dist: string): AppJson {
  return JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson
}

function subPackagesOf(app: AppJson): { root: string; pages: string[] }[] {
  return (app.subPackages ?? app.subpackages ?? []).map((p) => ({
    root: p.root.replace(/\/$/, ''),
    pages: p.pages,
  }))
}

/** Every page path of the app (main package first), as `pages/x/index` / `manager/pages/y/index`. */
export function allPages(app: AppJson): string[] {
  return [...app.pages, ...subPackagesOf(app).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}

/** Pages and subpackages exist in dist/ (each page's .js, .json and .wxml), tabBar pages in the main package. */
export function checkAppStructure(dist: string, app: AppJson): Problem[] {
  const problems: Problem[] = []
  if (!Array.isArray(app.pages) || app.pages.length === 0) {
    problems.push({ rule: 'app.json', where: 'app.json', message: 'no pages' })
  }
  for (const page of allPages(app)) {
    const missing = ['.js', '.json', '.wxml'].filter((ext) => !existsSync(path.join(dist, page + ext)))
    if (missing.length) {
      problems.push({
        rule: 'pages',
        where: 'app.json',
        message: `page ${page} is declared but ${missing.map((e) => page + e).join(', ')} missing from the build`,
      })
    }
  }
  const subs = subPackagesOf(app)
  for (const sub of subs) {
    if (!existsSync(path.join(dist, sub.root))) {
      problems.push({
        rule: 'pages',
        where: 'app.json',
        message: `subpackage root ${sub.root}/ missing from the build`,
      })
    }
  }
  for (const tab of app.tabBar?.list ?? []) {
    const inSub = subs.find((s) => tab.pagePath.startsWith(`${s.root}/`))
    if (inSub || !app.pages.includes(tab.pagePath)) {
      problems.push({
        rule: 'tabBar',
        where: 'app.json',
        message: `tabBar page ${tab.pagePath} must be listed in the main package's pages (not in a subpackage)`,
      })
    }
  }
  return problems
}

/* ---------------------------------------------------------------- 3b. privacy */

/**
 * WeChat's privacy-protected APIs (小程序用户隐私保护指引内容介绍): the guide item each one needs, and whether
 * app.json must also list it in `requiredPrivateInfos` and give a `permission` scope description.
 */
export interface PrivacyApi {
  info: string
  requiredPrivateInfos?: true
  scope?: string
}
const LOCATION = { info: '位置信息', requiredPrivateInfos: true, scope: 'scope.userLocation' } as const
export const PRIVACY_APIS: Readonly<Record<string, PrivacyApi>> = {
  getLocation: LOCATION,
  onLocationChange: LOCATION,
  startLocationUpdate: LOCATION,
  startLocationUpdateBackground: { ...LOCATION, scope: 'scope.userLocationBackground' },
  getFuzzyLocation: { ...LOCATION, scope: 'scope.userFuzzyLocation' },
  chooseLocation: { info: '选择的位置信息', requiredPrivateInfos: true },
  choosePoi: { info: '选择的位置信息', requiredPrivateInfos: true },
  chooseAddress: { info: '地址', requiredPrivateInfos: true },
  chooseImage: { info: '选中的照片或视频信息' },
  chooseMedia: { info: '选中的照片或视频信息' },
  chooseVideo: { info: '选中的照片或视频信息' },
  chooseMessageFile: { info: '选中的文件' },
  saveImageToPhotosAlbum: { info: '相册（仅写入）权限' },
  saveVideoToPhotosAlbum: { info: '相册（仅写入）权限' },
  setClipboardData: { info: '剪切板' },
  getClipboardData: { info: '剪切板' },
  startRecord: { info: '麦克风' },
  getRecorderManager: { info: '麦克风' },
  joinVoIPChat: { info: '麦克风' },
  createCameraContext: { info: '摄像头' },
  createVKSession: { info: '摄像头' },
  openBluetoothAdapter: { info: '蓝牙' },
  createBLEPeripheralServer: { info: '蓝牙' },
  addPhoneContact: { info: '通讯录（仅写入）权限' },
  addPhoneCalendar: { info: '日历（仅写入）权限' },
  addPhoneRepeatCalendar: { info: '日历（仅写入）权限' },
  getWeRunData: { info: '微信运动步数' },
  chooseInvoice: { info: '发票信息' },
  chooseInvoiceTitle: { info: '发票信息' },
  chooseLicensePlate: { info: '车牌号' },
  getUserProfile: { info: '用户信息（微信昵称、头像）' },
}
/** `open-type` values of button that are privacy-protected. */
export const PRIVACY_OPEN_TYPES: Readonly<Record<string, PrivacyApi>> = {
  getPhoneNumber: { info: '手机号' },
  getRealtimePhoneNumber: { info: '手机号' },
  chooseAvatar: { info: '用户信息（微信昵称、头像）' },
}
/** Objects whose methods are WeChat APIs in our code. */
const API_OBJECTS = new Set(['Taro', 'wx'])
const SCRIPT_EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js']

/** What one source file imports and which privacy APIs / open-types it uses. */
interface SourceFacts {
  imports: string[]
  apis: string[]
  rendersConsent: boolean
}

export function sourceFacts(file: string, code = readFileSync(file, 'utf8')): SourceFacts {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const imports: string[] = []
  const apis = new Set<string>()
  let rendersConsent = false
  const visit = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) &&
      !node.importClause?.isTypeOnly &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      imports.push(node.moduleSpecifier.text)
    } else if (
      ts.isExportDeclaration(node) &&
      !node.isTypeOnly &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      imports.push(node.moduleSpecifier.text)
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      imports.push(node.arguments[0].text)
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      API_OBJECTS.has(node.expression.text) &&
      node.name.text in PRIVACY_APIS
    ) {
      apis.add(node.name.text)
    } else if (
      ts.isElementAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      API_OBJECTS.has(node.expression.text) &&
      ts.isStringLiteral(node.argumentExpression) &&
      node.argumentExpression.text in PRIVACY_APIS
    ) {
      apis.add(node.argumentExpression.text)
    } else if (
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer &&
      ts.isIdentifier(node.initializer) &&
      API_OBJECTS.has(node.initializer.text)
    ) {
      for (const el of node.name.elements) {
        const name = (el.propertyName ?? el.name).getText(sf)
        if (name in PRIVACY_APIS) apis.add(name)
      }
    } else if (ts.isJsxAttribute(node) && node.name.getText(sf) === 'openType' && node.initializer) {
      const init = node.initializer
      const value = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression)
          ? init.expression.text
          : undefined
      if (value && value in PRIVACY_OPEN_TYPES) apis.add(`open-type=${value}`)
    } else if (
      (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) &&
      node.tagName.getText(sf) === 'PrivacyConsent'
    ) {
      rendersConsent = true
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return { imports, apis: [...apis].sort(), rendersConsent }
}

function privacyApi(name: string): PrivacyApi {
  return name.startsWith('open-type=') ? PRIVACY_OPEN_TYPES[name.slice(10)]! : PRIVACY_APIS[name]!
}

/**
 * Resolves an import the way the weapp build does: `@/` → src/, `@core/` → core/, relative paths; a
 * `name.weapp.ts` beside `name.ts` wins (H5-only `name.h5.ts` never ships to the mini-program). Packages → undefined.
 */
export function resolveWeappImport(from: string, spec: string, srcDir: string): string | undefined {
  let base: string
  if (spec.startsWith('@/')) base = path.join(srcDir, spec.slice(2))
  else if (spec.startsWith('@core/')) base = path.join(srcDir, '..', 'core', spec.slice(6))
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec)
  else return undefined
  const candidates = [
    ...SCRIPT_EXTENSIONS.map((ext) => `${base}.weapp${ext}`),
    ...SCRIPT_EXTENSIONS.map((ext) => base + ext),
    ...SCRIPT_EXTENSIONS.map((ext) => path.join(base, `index.weapp${ext}`)),
    ...SCRIPT_EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
  ]
  return candidates.find((c) => existsSync(c) && statSync(c).isFile())
}

export interface PageReach {
  page: string
  /** privacy APIs / open-types reachable from the page's module graph, with one file that calls each */
  apis: Map<string, string>
  rendersConsent: boolean
}

/** For each page (and the app entry), what its weapp module graph calls and whether it renders PrivacyConsent. */
export function reachFromPages(srcDir: string, pages: string[]): PageReach[] {
  const cache = new Map<string, SourceFacts>()
  const facts = (file: string) => {
    let f = cache.get(file)
    if (!f) cache.set(file, (f = sourceFacts(file)))
    return f
  }
  return ['app', ...pages].map((page) => {
    const entry = resolveWeappImport(path.join(srcDir, 'x'), `./${page}`, srcDir)
    const reach: PageReach = { page, apis: new Map(), rendersConsent: false }
    if (!entry) return reach
    const seen = new Set<string>([entry])
    const queue = [entry]
    while (queue.length) {
      const file = queue.shift()!
      const f = facts(file)
      if (f.rendersConsent) reach.rendersConsent = true
      for (const api of f.apis) if (!reach.apis.has(api)) reach.apis.set(api, path.relative(srcDir, file))
      for (const spec of f.imports) {
        const next = resolveWeappImport(file, spec, srcDir)
        if (next && !seen.has(next)) {
          seen.add(next)
          queue.push(next)
        }
      }
    }
    return reach
  })
}

export interface PrivacyInputs {
  app: AppJson
  srcDir: string
  /** docs/deploy.md: its privacy step must name every kind collected */
  deployDoc: string
  uses?: readonly PrivacyUse[]
}

export function checkPrivacy({ app, srcDir, deployDoc, uses = PRIVACY_USES }: PrivacyInputs): Problem[] {
  const problems: Problem[] = []
  const reach = reachFromPages(srcDir, allPages(app))
  const used = new Map<string, string>()
  for (const r of reach) for (const [api, file] of r.apis) if (!used.has(api)) used.set(api, file)

  for (const [api, file] of used) {
    const spec = privacyApi(api)
    const where = `src/${file}`
    if (spec.requiredPrivateInfos && !(app.requiredPrivateInfos ?? []).includes(api)) {
      problems.push({
        rule: 'privacy',
        where,
        message: `${api} is called but not declared in app.json requiredPrivateInfos (src/app.config.ts)`,
      })
    }
    if (spec.scope) {
      const desc = app.permission?.[spec.scope]?.desc
      if (!desc) {
        problems.push({
          rule: 'privacy',
          where,
          message: `${api} needs app.json permission["${spec.scope}"].desc`,
        })
      } else if ([...desc].length > 30) {
        problems.push({
          rule: 'privacy',
          where: 'app.json',
          message: `permission["${spec.scope}"].desc is over 30 characters`,
        })
      }
    }
    const use = uses.find((u) => u.info === spec.info)
    if (!use) {
      problems.push({
        rule: 'privacy',
        where,
        message: `${api} collects ${spec.info}, which the consent card does not name (src/features/privacy/uses.ts)`,
      })
    } else if (!api.startsWith('open-type=') && !use.apis.includes(api)) {
      problems.push({
        rule: 'privacy',
        where,
        message: `${api} is not listed under ${spec.info} in src/features/privacy/uses.ts (the card names the asking API's use)`,
      })
    }
    if (!deployDoc.includes(spec.info)) {
      problems.push({
        rule: 'privacy',
        where: 'docs/deploy.md',
        message: `${api} collects ${spec.info}: the privacy guide step must declare it`,
      })
    }
  }
  const declared = app.requiredPrivateInfos ?? []
  if (declared.includes('getLocation') && declared.includes('getFuzzyLocation')) {
    problems.push({
      rule: 'privacy',
      where: 'app.json',
      message: 'requiredPrivateInfos may list getLocation or getFuzzyLocation, not both',
    })
  }
  for (const r of reach) {
    if (r.page === 'app' || r.apis.size === 0 || r.rendersConsent) continue
    problems.push({
      rule: 'privacy',
      where: `src/${r.page}`,
      message: `page can call ${[...r.apis.keys()].join(', ')} but renders no <PrivacyConsent /> (the first call would hang)`,
    })
  }
  return problems
}

/** Declared but never called: not an upload error, but WeChat review asks why; printed as a note. */
export function unusedPrivacyDeclarations(app: AppJson, srcDir: string): string[] {
  const used = new Set(reachFromPages(srcDir, allPages(app)).flatMap((r) => [...r.apis.keys()]))
  return (app.requiredPrivateInfos ?? []).filter((api) => !used.has(api))
}

/* ---------------------------------------------------------------- 4. sizes */

export const PACKAGE_LIMIT = 2 * 1024 * 1024
export const MAIN_GOAL = 400 * 1024

export interface PackageSize {
  name: string
  bytes: number
}

/** Main package = everything outside the subpackage roots (project.config.json is not uploaded as code). */
export function packageSizes(dist: string, app: AppJson, files = listFiles(dist)): PackageSize[] {
  const subs = subPackagesOf(app)
  const sizes = new Map<string, number>([['main', 0], ...subs.map((s) => [s.root, 0] as [string, number])])
  for (const file of files) {
    if (file === 'project.config.json' || file === 'project.private.config.json') continue
    const sub = subs.find((s) => file.startsWith(`${s.root}/`))
    const key = sub ? sub.root : 'main'
    sizes.set(key, sizes.get(key)! + statSync(path.join(dist, file)).size)
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes }))
}

export function checkSizes(sizes: PackageSize[]): Problem[] {
  return sizes
    .filter((s) => s.bytes > PACKAGE_LIMIT)
    .map((s) => ({
      rule: 'size',
      where: s.name === 'main' ? 'main package' : `subpackage ${s.name}/`,
      message: `${kb(s.bytes)} is over WeChat's 2 MB limit per package`,
    }))
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

/* ---------------------------------------------------------------- 5. cloud functions at Node 16 */

/** Globals Node 16 lacks (added in 17+); a reference to one throws ReferenceError on the platform. */
export const NODE17_GLOBALS = [
  'fetch',
  'structuredClone',
  'Headers',
  'Request',
  'Response',
  'FormData',
  'Blob',
  'File',
  'BroadcastChannel',
  'DOMException',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'CompressionStream',
  'DecompressionStream',
  'CustomEvent',
  'WebSocket',
  'navigator',
  'crypto',
  'Iterator',
] as const
/** Built-in methods newer than Node 16: `object.method` for statics, `.method` for prototype methods. */
export const NODE17_METHODS = [
  '.findLast',
  '.findLastIndex',
  '.toSorted',
  '.toReversed',
  '.toSpliced',
  '.isWellFormed',
  '.toWellFormed',
  'Object.groupBy',
  'Map.groupBy',
  'Array.fromAsync',
  'Promise.withResolvers',
  'AbortSignal.timeout',
  'AbortSignal.any',
] as const

interface AnyNode extends AcornNode {
  [key: string]: unknown
}

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = []
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'range') continue
    const value = node[key]
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof (v as AnyNode).type === 'string') out.push(v as AnyNode)
    } else if (value && typeof (value as AnyNode).type === 'string') out.push(value as AnyNode)
  }
  return out
}

function patternNames(node: AnyNode | null | undefined, out: Set<string>): void {
  if (!node) return
  switch (node.type) {
    case 'Identifier':
      out.add(node.name as string)
      break
    case 'ObjectPattern':
      for (const p of node.properties as AnyNode[])
        patternNames(p.type === 'RestElement' ? p : (p.value as AnyNode), out)
      break
    case 'ArrayPattern':
      for (const el of node.elements as (AnyNode | null)[]) patternNames(el, out)
      break
    case 'RestElement':
      patternNames(node.argument as AnyNode, out)
      break
    case 'AssignmentPattern':
      patternNames(node.left as AnyNode, out)
      break
  }
}

/** Names the file declares anywhere (a local `fetch` is not the global). */
function declaredNames(root: AnyNode): Set<string> {
  const names = new Set<string>()
  const walk = (node: AnyNode) => {
    if (node.type === 'VariableDeclarator') patternNames(node.id as AnyNode, names)
    if (/Function/.test(node.type)) {
      if (node.id) patternNames(node.id as AnyNode, names)
      for (const p of node.params as AnyNode[]) patternNames(p, names)
    }
    if (node.type === 'ClassDeclaration' && node.id) patternNames(node.id as AnyNode, names)
    if (node.type === 'CatchClause') patternNames(node.param as AnyNode | null, names)
    children(node).forEach(walk)
  }
  walk(root)
  return names
}

/**
 * Library code known to name a newer global without a `typeof` guard, where our code cannot reach it. Each entry
 * matches the minified text around the reference, so the same global used anywhere else still fails.
 */
export const NODE16_ALLOWED: readonly { global: string; context: RegExp; why: string }[] = [
  {
    global: 'File',
    context: /instanceof Map\?"map":\w+ instanceof File\?"file"/,
    why: "zod's getSizableOrigin: only for size checks on Set/Map/File schemas, which the contract has none of",
  },
  {
    global: 'File',
    context: /instanceof File\|\|\w+\.issues\.push\(\{expected:"file"/,
    why: "zod's z.file() check: the contract has no z.file()",
  },
  // JSZip inside exceljs (the stats function's Excel export): Blob is feature-detected in a try (absent →
  // support.blob = false) and used only for blob input or output, which exceljs's writeBuffer never asks for
  {
    global: 'Blob',
    context: /\w+\.blob=new Blob\(\[\w+\],\{type:"application\/zip"\}\)\.size/,
    why: "JSZip's support detection, inside try/catch",
  },
  {
    global: 'Blob',
    context: /checkSupport\("blob"\);try\{return new Blob\(/,
    why: 'JSZip makes a Blob only for blob output, after checkSupport("blob") throws without it',
  },
  {
    global: 'Blob',
    context: /\w+\.blob&&\(\w+ instanceof Blob\|\|/,
    why: 'JSZip tests for Blob input only when support.blob is true',
  },
  {
    global: 'Blob',
    context: /return \w+\?typeof Blob\.prototype\.arrayBuffer/,
    why: 'JSZip reads a Blob input only when the support.blob test above passed',
  },
  // resvg-wasm's initWasm (the posters function): it fetches only a string or URL argument; the function
  // hands it the wasm file's bytes (cloudfunctions/posters/src/render.ts)
  {
    global: 'fetch',
    context: /instanceof URL\)&&\(\w+=fetch\(\w+\)\);let\{instance:/,
    why: "resvg-wasm's initWasm fetches only a URL; posters passes the bytes",
  },
]

/** Does `test` contain `typeof name`? */
function hasTypeofOf(test: AnyNode | undefined, name: string): boolean {
  if (!test) return false
  if (
    test.type === 'UnaryExpression' &&
    test.operator === 'typeof' &&
    (test.argument as AnyNode).type === 'Identifier' &&
    (test.argument as AnyNode).name === name
  ) {
    return true
  }
  return children(test).some((c) => hasTypeofOf(c, name))
}

/** Is the reference inside `typeof X … && <here>`, `typeof X … ? <here> : …` or `if (typeof X …) <here>`? */
function guardedByTypeof(name: string, path: { node: AnyNode; key: string | undefined }[]): boolean {
  for (let i = path.length - 1; i > 0; i--) {
    const parent = path[i - 1]!.node
    const key = path[i]!.key
    if (parent.type === 'LogicalExpression' && parent.operator === '&&' && key === 'right') {
      if (hasTypeofOf(parent.left as AnyNode, name)) return true
    }
    if ((parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') && key === 'consequent') {
      if (hasTypeofOf(parent.test as AnyNode, name)) return true
    }
  }
  return false
}

/** Static check of one bundle: parses at ES2022 (Node 16.13 = V8 9.4) and uses nothing newer than Node 16. */
export function checkNode16Source(file: string, source: string): Problem[] {
  let ast: AnyNode
  try {
    ast = parse(source, {
      ecmaVersion: 2022,
      sourceType: 'script',
      allowHashBang: true,
      locations: true,
    }) as unknown as AnyNode
  } catch (err) {
    const e = err as SyntaxError & { loc?: { line: number; column: number } }
    const { line, column } = e.loc ?? { line: 0, column: 0 }
    return [
      {
        rule: 'node16',
        where: `${file}:${line}:${column + 1}`,
        message: `${e.message} — not Node 16 syntax`,
      },
    ]
  }
  const declared = declaredNames(ast)
  const globals = new Set<string>(NODE17_GLOBALS.filter((g) => !declared.has(g)))
  const lines = source.split('\n')
  const problems: Problem[] = []
  const report = (node: AnyNode, what: string, global?: string) => {
    const loc = node.loc as { start: { line: number; column: number } }
    const around = (lines[loc.start.line - 1] ?? '').slice(
      Math.max(0, loc.start.column - 80),
      loc.start.column + 80,
    )
    if (global && NODE16_ALLOWED.some((a) => a.global === global && a.context.test(around))) return
    problems.push({
      rule: 'node16',
      where: `${file}:${loc.start.line}:${loc.start.column + 1}`,
      message: `${what} is not in Node 16 (the cloud function runtime): ${excerpt(source, loc.start.line, loc.start.column)}`,
    })
  }
  const stack: { node: AnyNode; key: string | undefined }[] = []
  const walk = (node: AnyNode, key: string | undefined) => {
    stack.push({ node, key })
    const parent = stack[stack.length - 2]?.node
    if (node.type === 'Identifier' && globals.has(node.name as string)) {
      const name = node.name as string
      const isProperty =
        (parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
        (parent?.type === 'Property' && key === 'key' && !parent.computed && !parent.shorthand) ||
        (parent?.type === 'MethodDefinition' && key === 'key') ||
        (parent?.type === 'PropertyDefinition' && key === 'key')
      const isTypeof = parent?.type === 'UnaryExpression' && parent.operator === 'typeof'
      if (!isProperty && !isTypeof && !guardedByTypeof(name, stack)) report(node, `global ${name}`, name)
    }
    if (node.type === 'MemberExpression' && !node.computed) {
      const prop = (node.property as AnyNode).name as string
      const obj = node.object as AnyNode
      const qualified = obj.type === 'Identifier' ? `${obj.name as string}.${prop}` : undefined
      if ((NODE17_METHODS as readonly string[]).includes(`.${prop}`)) report(node, `.${prop}()`)
      else if (qualified && (NODE17_METHODS as readonly string[]).includes(qualified)) report(node, qualified)
    }
    for (const k of Object.keys(node)) {
      if (k === 'loc') continue
      const value = node[k]
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof (v as AnyNode).type === 'string') walk(v as AnyNode, k)
      } else if (value && typeof (value as AnyNode).type === 'string') walk(value as AnyNode, k)
    }
    stack.pop()
  }
  walk(ast, undefined)
  return problems
}

/**
 * The bundle's module load (the platform's init phase) with every newer global removed. Built-in methods stay:
 * node's own modules use some of them (Node 20's http calls `toSorted`), so those are only checked statically.
 */
export function loadWithoutNewerApis(file: string): Problem[] {
  const strip = NODE17_GLOBALS.map((g) => `delete globalThis[${JSON.stringify(g)}];`).join('')
  const run = spawnSync(process.execPath, ['-e', `${strip}require(process.argv[1])`, file], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    // wx-server-sdk comes from the repository's node_modules, as the platform installs it beside the function
    env: { ...process.env, TENCENTCLOUD: 'true', NODE_PATH: path.join(ROOT, 'node_modules') },
    timeout: 30_000,
  })
  if (run.status === 0) return []
  const first =
    (run.stderr || run.error?.message || '').split('\n').find((l) => /Error/.test(l)) ?? run.stderr
  return [
    { rule: 'node16', where: file, message: `module load fails without Node 17+ globals: ${first.trim()}` },
  ]
}

export function functionBundles(functionsDir: string): string[] {
  if (!existsSync(functionsDir)) return []
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(functionsDir, d.name, 'index.js')))
    .map((d) => path.join(functionsDir, d.name, 'index.js'))
    .sort()
}

export function checkFunctions(functionsDir: string, options: { load?: boolean } = {}): Problem[] {
  const problems: Problem[] = []
  for (const file of functionBundles(functionsDir)) {
    const rel = path.relative(functionsDir, file)
    const found = checkNode16Source(rel, readFileSync(file, 'utf8'))
    problems.push(...found)
    if (found.length === 0 && options.load !== false) {
      problems.push(...loadWithoutNewerApis(file).map((p) => ({ ...p, where: rel })))
    }
  }
  return problems
}

/* ---------------------------------------------------------------- the whole gate */

export interface VerifyOptions {
  dist: string
  srcDir: string
  functionsDir: string
  deployDocFile: string
  /** default: the repository's project.config.json */
  projectConfigFile?: string
  log?: (line: string) => void
}

export function verify(options: VerifyOptions): Problem[] {
  const log = options.log ?? (() => undefined)
  const { dist } = options
  if (!existsSync(path.join(dist, 'app.json'))) {
    return [{ rule: 'build', where: dist, message: 'no app.json: run `npm run build:weapp` first' }]
  }
  const files = listFiles(dist)
  const app = readAppJson(dist)
  const problems: Problem[] = []
  const step = (name: string, found: Problem[]) => {
    log(`${found.length ? '✗' : '✓'} ${name}`)
    problems.push(...found)
  }
  step(
    `WXML compiles with wcc (${files.filter((f) => f.endsWith('.wxml')).length} files)`,
    compileWxml(dist, files),
  )
  step(
    `WXSS compiles with wcsc (${files.filter((f) => f.endsWith('.wxss')).length} files)`,
    compileWxss(dist, files),
  )
  step(`JS is ES5 (${files.filter((f) => f.endsWith('.js')).length} files)`, checkEsLevel(dist, 5, files))
  const projectFile = options.projectConfigFile ?? path.join(ROOT, 'project.config.json')
  step(
    'project.config.json: libVersion and ES5 settings',
    checkProjectConfig(
      JSON.parse(readFileSync(projectFile, 'utf8')) as Parameters<typeof checkProjectConfig>[0],
    ),
  )
  step(`pages and subpackages exist (${allPages(app).length} pages)`, checkAppStructure(dist, app))
  const deployDoc = existsSync(options.deployDocFile) ? readFileSync(options.deployDocFile, 'utf8') : ''
  step(
    'privacy APIs declared, named and consented on every page',
    checkPrivacy({ app, srcDir: options.srcDir, deployDoc }),
  )
  for (const api of unusedPrivacyDeclarations(app, options.srcDir)) {
    log(`  note: requiredPrivateInfos lists ${api}, which no page calls`)
  }
  const sizes = packageSizes(dist, app, files)
  step('package sizes within 2 MB', checkSizes(sizes))
  for (const s of sizes) {
    const goal =
      s.name === 'main'
        ? ` (goal ≤ ${kb(MAIN_GOAL)}${s.bytes > MAIN_GOAL ? ': OVER, move code to a subpackage' : ''})`
        : ''
    log(`  ${s.name === 'main' ? 'main package' : `subpackage ${s.name}/`}: ${kb(s.bytes)}${goal}`)
  }
  const bundles = functionBundles(options.functionsDir)
  if (bundles.length === 0) {
    problems.push({
      rule: 'build',
      where: options.functionsDir,
      message: 'no built functions: run `npm run build:functions` first',
    })
  }
  step(`cloud functions run on Node 16 (${bundles.length} bundles)`, checkFunctions(options.functionsDir))
  return problems
}

function main(argv: string[]): number {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(name)
    return path.resolve(i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback)
  }
  const problems = verify({
    dist: arg('--dist', path.join(ROOT, 'dist')),
    srcDir: arg('--src', path.join(ROOT, 'src')),
    functionsDir: arg('--functions', path.join(ROOT, 'cloudfunctions')),
    deployDocFile: arg('--deploy-doc', path.join(ROOT, 'docs', 'deploy.md')),
    log: (line) => console.log(line),
  })
  if (problems.length === 0) {
    console.log('verify:weapp: the mini-program and the cloud functions pass')
    return 0
  }
  console.error(`\nverify:weapp: ${problems.length} problem(s)`)
  for (const p of problems) console.error(`  [${p.rule}] ${p.where ? `${p.where}: ` : ''}${p.message}`)
  return 1
}

if (require.main === module) process.exit(main(process.argv.slice(2)))
