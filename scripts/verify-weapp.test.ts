/**
 * Each rule of `npm run verify:weapp` on small fixtures: it passes what WeChat accepts and fails each planted
 * defect (newer syntax in dist JS, a WXML/WXSS compile error, a missing page, an undeclared privacy API or a
 * page without consent, a Node 17+ API in a function bundle).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PrivacyUse } from '../src/features/privacy/uses'
import {
  checkAppStructure,
  checkEsLevel,
  checkFunctions,
  checkNode16Source,
  checkPrivacy,
  checkProjectConfig,
  checkSizes,
  compileWxml,
  compileWxss,
  loadWithoutNewerApis,
  packageSizes,
  PACKAGE_LIMIT,
  type AppJson,
} from './verify-weapp'

const made: string[] = []
/** A temporary folder holding `files` (relative path → content). */
function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'verify-weapp-'))
  made.push(dir)
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('ES level of dist JS', () => {
  test('ES5 passes', () => {
    const dir = fixture({ 'a.js': 'var a = { b: 1 }; function f(x) { return x && x.b } f(a);' })
    expect(checkEsLevel(dir, 5)).toEqual([])
  })

  test.each([
    ['optional chaining', 'var a = {}; var c = a?.b;', 1, 23],
    ['nullish coalescing', 'var a = null;\nvar c = a ?? 1;', 2, 12],
    ['const', 'const a = 1;', 1, 1],
    ['arrow function', 'var f = () => 1;', 1, 10],
    ['async function', 'async function f() {}', 1, 7],
    ['regex lookbehind', 'var parts = "a。b".split(/(?<=。)/);', 1, 26],
  ])('%s fails with the file and line', (_what, code, line, column) => {
    const dir = fixture({ 'ok.js': 'var ok = 1;', 'pages/bad.js': code })
    const problems = checkEsLevel(dir, 5)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ rule: 'es5', where: `pages/bad.js:${line}:${column}` })
  })
})

describe('project.config.json', () => {
  const setting = { es6: false, enhance: false }
  test('the oldest claimed base library and ES5 settings pass', () => {
    expect(checkProjectConfig({ libVersion: '2.32.3', setting })).toEqual([])
    expect(checkProjectConfig({ libVersion: '3.0.0', setting })).toEqual([])
  })
  test('a missing or too old libVersion, or ES6 compilation switched on, fails', () => {
    expect(checkProjectConfig({ setting })).toHaveLength(1)
    expect(checkProjectConfig({ libVersion: '2.32.2', setting })[0]!.message).toContain('older than 2.32.3')
    expect(checkProjectConfig({ libVersion: '2.32.3', setting: { es6: true, enhance: false } })).toHaveLength(
      1,
    )
  })
})

describe("WeChat's compilers", () => {
  test('valid WXML and WXSS compile', () => {
    const dir = fixture({
      'index.wxml':
        '<view class="a" wx:if="{{show}}"><text>{{title}}</text></view>\n<import src="./t.wxml"/>',
      't.wxml': '<template name="t"><view>{{x}}</view></template>',
      'utils.wxs': 'module.exports = { a: function (x) { return x } }',
      'index.wxss': '.a { color: #333; font-size: 17px; }',
    })
    expect(compileWxml(dir)).toEqual([])
    expect(compileWxss(dir)).toEqual([])
  })

  test('a WXML tag left open fails, naming the file and line', () => {
    const dir = fixture({
      'ok.wxml': '<view/>',
      'pages/a/index.wxml': '<view>\n<view><text>hi</view>\n</view>',
    })
    const problems = compileWxml(dir)
    expect(problems).toHaveLength(1)
    expect(problems[0]!.rule).toBe('wxml')
    expect(problems[0]!.where).toMatch(/^pages\/a\/index\.wxml:2:\d+$/)
    expect(problems[0]!.message).toMatch(/end-tag/)
  })

  test('a broken WXML expression fails', () => {
    const dir = fixture({ 'a.wxml': '<view>{{ a + }}</view>' })
    expect(compileWxml(dir)[0]).toMatchObject({ rule: 'wxml', where: expect.stringMatching(/^a\.wxml:1:/) })
  })

  test('an unclosed WXSS rule fails, naming the file', () => {
    const dir = fixture({ 'ok.wxss': '.a{color:red}', 'pages/b.wxss': '.b { color: red;\n.c {' })
    const problems = compileWxss(dir)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({
      rule: 'wxss',
      where: expect.stringMatching(/^pages\/b\.wxss:2:\d+$/),
    })
  })
})

describe('app.json structure', () => {
  const page = { 'pages/a/index.js': '', 'pages/a/index.json': '{}', 'pages/a/index.wxml': '<view/>' }
  const sub = {
    'sub/pages/b/index.js': '',
    'sub/pages/b/index.json': '{}',
    'sub/pages/b/index.wxml': '<view/>',
  }
  const app: AppJson = {
    pages: ['pages/a/index'],
    subPackages: [{ root: 'sub', pages: ['pages/b/index'] }],
    tabBar: { list: [{ pagePath: 'pages/a/index' }] },
  }

  test('declared pages and subpackages that exist pass', () => {
    expect(checkAppStructure(fixture({ ...page, ...sub }), app)).toEqual([])
  })

  test('a declared page missing from the build fails', () => {
    const problems = checkAppStructure(fixture({ ...page, 'sub/pages/b/index.json': '{}' }), app)
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toContain('sub/pages/b/index.js')
    expect(problems[0]!.message).toContain('sub/pages/b/index.wxml')
  })

  test('a tabBar page inside a subpackage fails', () => {
    const bad: AppJson = { ...app, tabBar: { list: [{ pagePath: 'sub/pages/b/index' }] } }
    expect(checkAppStructure(fixture({ ...page, ...sub }), bad)).toEqual([
      expect.objectContaining({ rule: 'tabBar' }),
    ])
  })
})

describe('privacy', () => {
  const uses: PrivacyUse[] = [
    { info: '选择的位置信息', apis: ['chooseLocation'], purpose: '选择活动地点' },
    { info: '相册（仅写入）权限', apis: ['saveImageToPhotosAlbum'], purpose: '保存二维码' },
  ]
  const docs = '隐私保护指引：选择的位置信息（选择活动地点）；相册（仅写入）权限（保存二维码）'
  const src = (pageBody: string) =>
    fixture({
      'app.tsx': "import { watch } from './features/privacy/store'\nwatch()",
      'features/privacy/store.ts': 'export function watch() {}',
      'features/privacy/privacy-consent.tsx': 'export function PrivacyConsent() { return null }',
      // the weapp file wins over the plain one; the H5 file never ships to the mini-program
      'features/place/pick.ts': 'export async function pick() {}',
      'features/place/pick.weapp.ts':
        "import Taro from '@tarojs/taro'\nexport async function pick() { return Taro.chooseLocation({}) }",
      'features/place/pick.h5.ts':
        "import Taro from '@tarojs/taro'\nexport async function pick() { return Taro.getLocation({}) }",
      'features/card/save.ts':
        "import Taro from '@tarojs/taro'\nexport const save = (p: string) => Taro.saveImageToPhotosAlbum({ filePath: p })",
      'pages/a/index.tsx': pageBody,
      'pages/b/index.tsx': 'export default function B() { return null }',
    })
  const withConsent = `import { pick } from '@/features/place/pick'
import { PrivacyConsent } from '../../features/privacy/privacy-consent'
export default function A() { void pick(); return <PrivacyConsent /> }`
  const app: AppJson = { pages: ['pages/a/index', 'pages/b/index'], requiredPrivateInfos: ['chooseLocation'] }

  test('declared, named in the card and the docs, consent on the page: passes', () => {
    expect(checkPrivacy({ app, srcDir: src(withConsent), deployDoc: docs, uses })).toEqual([])
  })

  test('an API missing from requiredPrivateInfos fails (H5-only calls do not count)', () => {
    const problems = checkPrivacy({
      app: { ...app, requiredPrivateInfos: [] },
      srcDir: src(withConsent),
      deployDoc: docs,
      uses,
    })
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'privacy',
        where: 'src/features/place/pick.weapp.ts',
        message: expect.stringContaining(
          'chooseLocation is called but not declared in app.json requiredPrivateInfos',
        ),
      }),
    ])
  })

  test('a kind the consent card or the docs do not name fails', () => {
    const problems = checkPrivacy({
      app,
      srcDir: src(withConsent),
      deployDoc: '选择的位置信息',
      uses: uses.slice(1),
    })
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('collects 选择的位置信息, which the consent card does not name'),
    ])
    const noDocs = checkPrivacy({ app, srcDir: src(withConsent), deployDoc: '', uses })
    expect(noDocs).toEqual([expect.objectContaining({ where: 'docs/deploy.md' })])
  })

  test('a page that reaches a privacy API without rendering PrivacyConsent fails', () => {
    const page = `import { save } from '../../features/card/save'
export default function A() { return <button onClick={() => save('x')} /> }`
    const problems = checkPrivacy({ app, srcDir: src(page), deployDoc: docs, uses })
    expect(problems).toEqual([
      expect.objectContaining({
        where: 'src/pages/a/index',
        message: expect.stringContaining(
          'page can call saveImageToPhotosAlbum but renders no <PrivacyConsent />',
        ),
      }),
    ])
  })

  test('getLocation needs its permission description', () => {
    const page = `import Taro from '@tarojs/taro'
import { PrivacyConsent } from '../../features/privacy/privacy-consent'
export default function A() { void Taro.getLocation({ type: 'gcj02' }); return <PrivacyConsent /> }`
    const located: AppJson = { pages: ['pages/a/index'], requiredPrivateInfos: ['getLocation'] }
    const withLocation = [...uses, { info: '位置信息', apis: ['getLocation'], purpose: '附近' }]
    const problems = checkPrivacy({
      app: located,
      srcDir: src(page),
      deployDoc: `${docs}位置信息`,
      uses: withLocation,
    })
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('permission["scope.userLocation"].desc'),
    ])
  })
})

describe('package sizes', () => {
  test('main and subpackages are counted apart, project.config.json left out', () => {
    const dir = fixture({
      'app.js': 'x'.repeat(1000),
      'project.config.json': 'y'.repeat(5000),
      'sub/pages/b/index.js': 'z'.repeat(300),
    })
    const app: AppJson = { pages: [], subPackages: [{ root: 'sub/', pages: ['pages/b/index'] }] }
    expect(packageSizes(dir, app)).toEqual([
      { name: 'main', bytes: 1000 },
      { name: 'sub', bytes: 300 },
    ])
  })

  test('a package over 2 MB fails', () => {
    expect(checkSizes([{ name: 'main', bytes: PACKAGE_LIMIT }])).toEqual([])
    expect(checkSizes([{ name: 'manager', bytes: PACKAGE_LIMIT + 1 }])).toEqual([
      expect.objectContaining({ rule: 'size', where: 'subpackage manager/' }),
    ])
  })
})

describe('cloud function bundles at Node 16', () => {
  test('a bundle using only Node 16 passes, including guarded feature tests and a local named fetch', () => {
    const code = `"use strict";
class A { #x = 1; static y = 2; get x() { return this.#x } }
var fetch = function () { return 1 };
var g = typeof structuredClone < "u" && structuredClone({});
var h = typeof navigator !== "undefined" ? navigator.userAgent : "";
exports.main = async (e) => ({ a: new A().x, f: fetch(), at: [1].at(-1), own: Object.hasOwn(e || {}, "a") });`
    expect(checkNode16Source('ok/index.js', code)).toEqual([])
  })

  test.each([
    ['structuredClone', 'exports.main = async (e) => structuredClone(e);', 'global structuredClone'],
    ['fetch', 'exports.main = async () => (await fetch("http://127.0.0.1/")).json();', 'global fetch'],
    ['Array.prototype.findLast', 'exports.main = async (e) => e.list.findLast((x) => x > 1);', '.findLast()'],
    ['Object.groupBy', 'exports.main = async (e) => Object.groupBy(e.list, (x) => x);', 'Object.groupBy'],
  ])('a planted %s fails with its line', (_what, body, what) => {
    const problems = checkNode16Source('users/index.js', `"use strict";\n${body}`)
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'node16', where: expect.stringMatching(/^users\/index\.js:2:\d+$/) }),
    ])
    expect(problems[0]!.message).toContain(`${what} is not in Node 16`)
  })

  test('syntax newer than Node 16 fails', () => {
    expect(checkNode16Source('a.js', 'using x = null;')).toEqual([
      expect.objectContaining({ rule: 'node16', message: expect.stringContaining('not Node 16 syntax') }),
    ])
  })

  test('module load fails when top-level code needs a Node 17+ global', () => {
    const dir = fixture({
      'ok/index.js': 'exports.main = async () => 1',
      'bad/index.js': 'const copy = structuredClone({ a: 1 }); exports.main = async () => copy',
    })
    expect(loadWithoutNewerApis(path.join(dir, 'ok/index.js'))).toEqual([])
    expect(loadWithoutNewerApis(path.join(dir, 'bad/index.js'))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('structuredClone is not defined') }),
    ])
  })

  test('checkFunctions flags the one bundle with a planted structuredClone', () => {
    const dir = fixture({
      'users/index.js': 'exports.main = async (e) => JSON.parse(JSON.stringify(e))',
      'notices/index.js': 'exports.main = async (e) => structuredClone(e)',
      'notices/config.json': '{}',
    })
    expect(checkFunctions(dir)).toEqual([
      expect.objectContaining({ rule: 'node16', where: expect.stringMatching(/^notices\/index\.js:1:\d+$/) }),
    ])
  })
})
