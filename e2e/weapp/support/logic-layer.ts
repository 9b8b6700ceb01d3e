/**
 * The logic layer: the built app's JavaScript (dist/*.js) in a V8 context of its own, as in WeChat's app
 * service thread — no window, no document, only `wx`, the App/Page/Component constructors, getApp,
 * getCurrentPages, a console and timers. The context's timers and Date are faked (@jest/fake-timers on
 * that context only), so the app's clock moves only when the harness advances it; the local cloud and
 * the render layer keep the real clock.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { ModernFakeTimers } from '@jest/fake-timers'
import type { Config } from '@jest/types'

/** A constructor's config as the app passed it (App, Page, Component): functions and plain data. */
export type MiniConfig = Record<string, unknown>

export interface LogicHost {
  wx: Record<string, unknown>
  App(config: MiniConfig): void
  Page(config: MiniConfig): void
  Component(config: MiniConfig): void
  getApp(): unknown
  getCurrentPages(): unknown[]
  /** console.error and console.warn from the app */
  onConsole(level: 'error' | 'warn', args: unknown[]): void
}

export class LogicLayer {
  readonly context: vm.Context
  readonly clock: ModernFakeTimers
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly json: JSON

  constructor(
    private readonly distDir: string,
    host: LogicHost,
    now: number,
  ) {
    const quiet = () => undefined
    const sandbox: Record<string, unknown> = {
      wx: host.wx,
      App: (config: MiniConfig) => host.App(config),
      Page: (config: MiniConfig) => host.Page(config),
      Component: (config: MiniConfig) => host.Component(config),
      getApp: () => host.getApp(),
      getCurrentPages: () => host.getCurrentPages(),
      console: {
        log: quiet,
        info: quiet,
        debug: quiet,
        warn: (...args: unknown[]) => host.onConsole('warn', args),
        error: (...args: unknown[]) => host.onConsole('error', args),
      },
      // replaced by fakes below; the real ones let the fake-timer library find and restore them
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
    }
    this.context = vm.createContext(sandbox, { name: 'weapp logic layer' })
    this.json = vm.runInContext('JSON', this.context) as JSON
    this.clock = new ModernFakeTimers({
      global: vm.runInContext('globalThis', this.context) as typeof globalThis,
      config: { fakeTimers: {} } as Config.ProjectConfig,
    })
    this.clock.useFakeTimers({
      now,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
      ],
    })
  }

  /** WeChat's module system: `require` relative to the requiring file, paths without `.js`. */
  require(file: string): unknown {
    const absolute = path.resolve(this.distDir, file.endsWith('.js') ? file : `${file}.js`)
    const cached = this.modules.get(absolute)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.modules.set(absolute, module)
    const source = readFileSync(absolute, 'utf8')
    const wrapper = vm.runInContext(`(function (module, exports, require) {${source}\n})`, this.context, {
      filename: absolute,
    }) as (m: typeof module, e: unknown, r: (p: string) => unknown) => void
    wrapper(module, module.exports, (request) =>
      this.require(path.relative(this.distDir, path.resolve(path.dirname(absolute), request))),
    )
    return module.exports
  }

  /** A value handed to the app, as WeChat hands values across threads: JSON, made in the app's realm. */
  toApp<T>(value: T): T {
    return value === undefined ? value : (this.json.parse(JSON.stringify(value)) as T)
  }

  dispose(): void {
    this.clock.dispose()
  }
}
