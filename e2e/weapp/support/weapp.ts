/**
 * Boots the built mini-program (dist/) headless: its JavaScript in the logic layer, its WXML compiled by
 * WeChat's wcc and rendered by WeChat's exparser (j-component) in the render layer, joined by setData and
 * events carried as JSON. A page is opened with a query like WeChat opens it (onLoad → onShow → onReady),
 * navigation APIs move a page stack, and the app's cloud calls go to the transport the test gives.
 */
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as realDelay } from 'node:timers/promises'
import jComponent, { type RootComponent } from './j-component'
import { wxmlToJs } from 'miniprogram-compiler'
import { LogicLayer, type MiniConfig } from './logic-layer'
import { reportConsoleError } from './console-guard'
import { WxStub, type WxScenario } from './wx'
import { renderDocument } from './render-layer'
import { ViewNode } from './view-node'

/** the weapp build under test; WEAPP_DIST_DIR points at another copy of a build */
export const DIST_DIR = path.resolve(
  process.env.WEAPP_DIST_DIR ?? path.join(__dirname, '..', '..', '..', 'dist'),
)

/** How a cloud function call is answered: the function's return value (what `result` carries). */
export type CloudTransport = (fn: string, data: unknown) => Promise<unknown>

export interface BootOptions {
  cloud: CloudTransport
  scenario?: Partial<WxScenario>
  /** the app's clock at launch (ms); default the real now */
  now?: number
  /** wx storage carried over from an earlier launch */
  storage?: Map<string, unknown>
  distDir?: string
}

const DEFAULT_SCENARIO: WxScenario = {
  fontSizeSetting: 17,
  location: 'denied',
  privacy: 'agreed',
  subscribeAnswer: 'accept',
}

/** app time moved per wait step; small, so a test's clock stays close to the cloud's */
const STEP_MS = 10
const WAIT_LIMIT_MS = 15_000

type Gwx = (file: string) => unknown
const compiled = new Map<string, { mtimeMs: number; gwx: Gwx }>()

/** WeChat's wcc over the whole dist folder (about 50 ms), once per build. */
function compileTemplates(distDir: string): Gwx {
  const mtimeMs = statSync(path.join(distDir, 'base.wxml')).mtimeMs
  const cached = compiled.get(distDir)
  if (cached && cached.mtimeMs === mtimeMs) return cached.gwx
  // wcc's output is the body of a function that returns $gwx
  const gwx = new Function(wxmlToJs(distDir))() as Gwx
  compiled.set(distDir, { mtimeMs, gwx })
  return gwx
}

let boots = 0

type PageInstance = MiniConfig & { route: string; options: Record<string, string> }

export class WeappPage {
  private unloaded = false

  constructor(
    private readonly app: WeappApp,
    readonly route: string,
    readonly query: Record<string, string>,
    readonly instance: PageInstance,
    readonly view: RootComponent,
  ) {}

  get root(): ViewNode {
    return ViewNode.ofRoot(this.view)
  }

  /** The page's visible text, whitespace collapsed. */
  text(): string {
    return this.root.text()
  }

  has(text: string | RegExp): boolean {
    return this.root.findByText(text) !== null
  }

  /** Waits until the page shows `text`; returns the innermost node holding it. */
  async findText(text: string | RegExp): Promise<ViewNode> {
    return this.app.until(
      () => this.root.findByText(text),
      `"${text}" on ${this.route}`,
      () => this.text(),
    )
  }

  async waitFor<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
    return this.app.until(probe, what, () => this.text())
  }

  /**
   * Waits for a button reading `text` (contains it, or matches the RegExp), then taps it: the tap bubbles
   * up to whatever handles it, as on a phone. (Every tappable thing in the app is a Button.)
   */
  async tap(text: string | RegExp): Promise<void> {
    const matches = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s))
    const node = await this.waitFor(
      () => this.root.findAll((n) => n.tagName === 'button').find((b) => matches(b.text())),
      `"${text}" to tap on ${this.route}`,
    )
    this.app.tapNode(node)
    await this.app.settle()
  }

  /**
   * Types into the form field whose label reads `label` (the field's label line, then its input or
   * textarea), as the keyboard does: an `input` event with the whole value.
   */
  async input(label: string, value: string): Promise<void> {
    const field = await this.waitFor(
      () =>
        this.root
          .findAll((n) => n.text() === label && String(n.attr('class') ?? '').includes('field__label'))
          .map((n) =>
            n.parent?.closest((p) =>
              String(p.attr('class') ?? '')
                .split(' ')
                .includes('field'),
            ),
          )
          .map((f) => f?.find((n) => n.tagName === 'input' || n.tagName === 'textarea'))
          .find(Boolean),
      `the field ${label}`,
    )
    field.dispatch('input', { value, cursor: value.length, keyCode: 0 })
    await this.app.settle()
  }

  find(predicate: (node: ViewNode) => boolean): ViewNode | null {
    return this.root.find(predicate)
  }

  /** Every node whose class list holds `className`, in page order. */
  byClass(className: string): ViewNode[] {
    return this.root.findAll((n) =>
      String(n.attr('class') ?? '')
        .split(' ')
        .includes(className),
    )
  }

  unload(): void {
    if (this.unloaded) return
    this.unloaded = true
    callHook(this.instance, 'onUnload')
    this.view.detach()
  }
}

function callHook(instance: PageInstance, hook: string, ...args: unknown[]): void {
  const fn = instance[hook]
  if (typeof fn === 'function') fn.apply(instance, args)
}

export class WeappApp {
  readonly wx: WxStub
  readonly logic: LogicLayer
  readonly stack: WeappPage[] = []
  private readonly distDir: string
  private readonly gwx: Gwx
  private readonly boot = ++boots
  private readonly pageConfigs = new Map<string, MiniConfig>()
  private readonly pageViews = new Map<string, string>()
  private loadingRoute: string | null = null
  private appConfig: MiniConfig | null = null
  private appInstance: MiniConfig | null = null
  private compId = ''
  private tapDepth = 0
  private closed = false

  constructor(private readonly options: BootOptions) {
    this.distDir = options.distDir ?? DIST_DIR
    if (!existsSync(path.join(this.distDir, 'app.js'))) {
      throw new Error(`No weapp build in ${this.distDir}: run \`npm run build:weapp\` first.`)
    }
    this.gwx = compileTemplates(this.distDir)
    const scenario = { ...DEFAULT_SCENARIO, ...options.scenario }
    let logic: LogicLayer | null = null
    this.wx = new WxStub(scenario, {
      callFunction: (fn, data) => this.options.cloud(fn, JSON.parse(JSON.stringify(data ?? null))),
      navigate: (kind, url) => this.navigate(kind, url),
      navigateBack: (delta) => this.navigateBack(delta),
      insideTap: () => this.tapDepth > 0,
      toApp: (value) => (logic ? logic.toApp(value) : value),
    })
    if (options.storage) for (const [k, v] of options.storage) this.wx.storage.set(k, v)
    logic = new LogicLayer(
      this.distDir,
      {
        wx: this.wx.api,
        App: (config) => {
          this.appConfig = config
        },
        Page: (config) => {
          if (!this.loadingRoute) throw new Error('Page() called outside a page module')
          this.pageConfigs.set(this.loadingRoute, config)
        },
        Component: (config) => this.registerComp(config),
        getApp: () => this.appInstance,
        getCurrentPages: () => this.stack.map((p) => p.instance),
        onConsole: (level, args) => {
          if (level === 'error') {
            reportConsoleError('weapp logic layer', args)
            console.warn('[weapp logic layer] console.error:', ...args)
          }
        },
      },
      options.now ?? Date.now(),
    )
    this.logic = logic
  }

  /** Loads app.js and runs onLaunch / onShow, as WeChat does before the first page. */
  launch(path: string, query: Record<string, string> = {}): void {
    this.logic.require('app')
    if (!this.appConfig) throw new Error('dist/app.js did not call App()')
    this.appInstance = this.appConfig
    const options = this.logic.toApp({ path, query, scene: 1001, referrerInfo: {} })
    for (const hook of ['onLaunch', 'onShow']) {
      const fn = this.appConfig[hook]
      if (typeof fn === 'function') fn.call(this.appConfig, options)
    }
  }

  get page(): WeappPage {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('no page is open')
    return top
  }

  /** Opens a page as the first page of a launch (reLaunch semantics: the stack holds only it). */
  async open(route: string, query: Record<string, string> = {}): Promise<WeappPage> {
    if (!this.appInstance) this.launch(route, query)
    while (this.stack.length > 0) this.stack.pop()!.unload()
    const page = this.openPage(route, query)
    await this.settle()
    return page
  }

  private openPage(route: string, query: Record<string, string>): WeappPage {
    const config = this.pageConfig(route)
    const viewId = this.pageView(route, config)
    const view = jComponent.create(viewId)
    view.attach(renderDocument.body)
    const instance: PageInstance = Object.assign(Object.create(null) as object, config, {
      route,
      __route__: route,
      options: query,
      data: view.data,
      setData: (data: Record<string, unknown>, callback?: () => void) => {
        view.setData(JSON.parse(JSON.stringify(data)) as Record<string, unknown>)
        if (typeof callback === 'function') queueMicrotask(callback)
      },
    })
    const page = new WeappPage(this, route, query, instance, view)
    this.stack.push(page)
    callHook(instance, 'onLoad', this.logic.toApp(query))
    callHook(instance, 'onShow')
    callHook(instance, 'onReady')
    return page
  }

  private pageConfig(route: string): MiniConfig {
    let config = this.pageConfigs.get(route)
    if (!config) {
      this.loadingRoute = route
      try {
        this.logic.require(route)
      } finally {
        this.loadingRoute = null
      }
      config = this.pageConfigs.get(route)
      if (!config) throw new Error(`dist/${route}.js did not call Page()`)
    }
    return config
  }

  /** The page's template, as a component of the render layer whose only method forwards events. */
  private pageView(route: string, config: MiniConfig): string {
    const known = this.pageViews.get(route)
    if (known) return known
    if (!this.compId) this.logic.require('comp')
    const forward = this.forwardTo(() => this.stack.find((p) => p.route === route)?.instance)
    const id = jComponent.register({
      id: `weapp${this.boot}-${route.replace(/\//g, '-')}`,
      template: this.gwx(`${route}.wxml`),
      usingComponents: { comp: this.compId },
      data: JSON.parse(JSON.stringify(config.data ?? {})) as Record<string, unknown>,
      methods: { eh: forward },
    })
    this.pageViews.set(route, id)
    return id
  }

  /** Taro's recursive `comp` (deep subtrees), with its properties and its event handler. */
  private registerComp(config: MiniConfig): void {
    const properties: Record<string, { type: unknown; value: unknown }> = {}
    const declared = (config.properties ?? {}) as Record<
      string,
      { type?: { name?: string }; value?: unknown }
    >
    const types: Record<string, unknown> = { Object, String, Number, Boolean, Array }
    for (const [name, prop] of Object.entries(declared)) {
      properties[name] = {
        type: types[prop.type?.name ?? ''] ?? null,
        value: JSON.parse(JSON.stringify(prop.value ?? null)) as unknown,
      }
    }
    const methods = (config.methods ?? {}) as Record<string, (event: unknown) => void>
    const id = `weapp${this.boot}-comp`
    this.compId = id
    jComponent.register({
      id,
      template: this.gwx('comp.wxml'),
      usingComponents: { comp: id },
      properties,
      options: (config.options ?? {}) as Record<string, unknown>,
      methods: { eh: this.forwardTo(() => methods as unknown as MiniConfig) },
    })
  }

  /** A render-layer event, as JSON, to the logic layer's handler `eh`. */
  private forwardTo(target: () => MiniConfig | undefined) {
    return (event: unknown) => {
      const handler = target()?.eh
      if (typeof handler !== 'function') return
      handler.call(target(), this.logic.toApp(JSON.parse(JSON.stringify(event))))
    }
  }

  /** A tap, as the phone sends it: the handlers of the node and its ancestors run inside the tap. */
  tapNode(node: ViewNode): void {
    this.tapDepth++
    try {
      node.dispatch('tap', { x: 0, y: 0 })
      // WeChat's agreePrivacyAuthorization button reports the tap through its own event
      if (node.closest((n) => n.attr('open-type') === 'agreePrivacyAuthorization')) {
        const button = node.closest((n) => n.attr('open-type') === 'agreePrivacyAuthorization')!
        this.wx.agreeButtonTapped(button.id)
        button.dispatch('agreeprivacyauthorization', {})
      }
    } finally {
      this.tapDepth--
    }
  }

  private async navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab', url: string) {
    const [pathPart, queryPart = ''] = url.split('?')
    const route = pathPart!.replace(/^\//, '')
    const query = Object.fromEntries(
      queryPart
        .split('&')
        .filter(Boolean)
        .map((pair) => {
          const [k, v = ''] = pair.split('=')
          return [k!, v]
        }),
    )
    if (!existsSync(path.join(this.distDir, `${route}.js`)))
      throw { errMsg: `${kind}:fail page "${route}" is not found` }
    if (kind === 'navigateTo') {
      const current = this.stack[this.stack.length - 1]
      if (current) callHook(current.instance, 'onHide')
    } else if (kind === 'redirectTo') {
      this.stack.pop()?.unload()
    } else {
      while (this.stack.length > 0) this.stack.pop()!.unload()
    }
    this.openPage(route, query)
  }

  /** The navigation bar's back button: the top page unloads, the one under it shows again. */
  async back(): Promise<WeappPage> {
    await this.navigateBack(1)
    await this.settle()
    return this.page
  }

  private async navigateBack(delta: number) {
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.stack.pop()!.unload()
    callHook(this.page.instance, 'onShow')
  }

  /** Lets the app run: due timers fire and pending promises and cloud answers settle. */
  async settle(): Promise<void> {
    await this.logic.clock.advanceTimersByTimeAsync(0)
    await realDelay(0)
  }

  /**
   * Polls `probe` while the app runs (its clock advancing in small steps, real I/O in between) until it
   * answers; fails with what the page shows after WAIT_LIMIT_MS of real time. No fixed sleeps.
   */
  async until<T>(
    probe: () => T | null | undefined | false,
    what: string,
    describe: () => string = () => '',
  ): Promise<T> {
    const deadline = Date.now() + WAIT_LIMIT_MS
    for (;;) {
      await this.settle()
      const found = probe()
      if (found) return found
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${what}. The page shows: ${describe()}`)
      }
      await this.logic.clock.advanceTimersByTimeAsync(STEP_MS)
      await realDelay(2)
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    while (this.stack.length > 0) this.stack.pop()!.unload()
    this.logic.dispose()
  }
}
