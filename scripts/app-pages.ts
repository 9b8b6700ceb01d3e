/**
 * The mini-program's pages as WeChat knows them (main package and subpackages), read from
 * src/app.config.ts. The local cloud checks subscribe-message and wxacode pages against this list.
 */
import path from 'node:path'

interface AppConfig {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
}

export function appPages(): string[] {
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }
  g.defineAppConfig ??= (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- app.config.ts is Taro's config module, loaded at run time
  const mod = require(path.join(__dirname, '..', 'src', 'app.config')) as { default: AppConfig }
  const config = mod.default
  return [
    ...config.pages,
    ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
  ]
}
