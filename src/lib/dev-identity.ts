/**
 * The demo identity the H5 build calls the local cloud as (H5 only: on WeChat the identity is the real
 * OPENID, which only the platform can supply). Chosen in the bar, kept in localStorage, preset by `?as=`.
 */
export const DEMO_IDENTITIES = [
  { openid: 'demo-resident', label: '居民', elder: false },
  { openid: 'demo-elder', label: '长辈居民', elder: true },
  { openid: 'demo-volunteer', label: '志愿者', elder: false },
  { openid: 'demo-station-manager', label: '站点专管员', elder: false },
  { openid: 'demo-center-admin', label: '中心管理员', elder: false },
] as const

export type DemoOpenid = (typeof DEMO_IDENTITIES)[number]['openid']

export const DEFAULT_DEMO_OPENID: DemoOpenid = 'demo-resident'
export const AS_PARAM = 'as'
const STORAGE_KEY = 'wmsj.dev-identity'

export function isDemoOpenid(value: unknown): value is DemoOpenid {
  return DEMO_IDENTITIES.some((identity) => identity.openid === value)
}

export function isElderIdentity(openid: DemoOpenid): boolean {
  return DEMO_IDENTITIES.some((identity) => identity.openid === openid && identity.elder)
}

/** `?as=` from the query before the hash (`/?as=x#/pages/…`) or from the hash route's query (`#/pages/…?as=x`). */
export function presetFromUrl(search: string, hash: string): DemoOpenid | null {
  const hashQuery = hash.includes('?') ? hash.slice(hash.indexOf('?')) : ''
  for (const query of [search, hashQuery]) {
    const value = new URLSearchParams(query).get(AS_PARAM)
    if (isDemoOpenid(value)) return value
  }
  return null
}

/** URL preset, else the stored choice, else a plain resident. */
export function pickIdentity(preset: DemoOpenid | null, stored: string | null): DemoOpenid {
  return preset ?? (isDemoOpenid(stored) ? stored : DEFAULT_DEMO_OPENID)
}

let current: { openid: DemoOpenid; preset: boolean } | undefined

function resolve(): { openid: DemoOpenid; preset: boolean } {
  if (!current) {
    const preset = presetFromUrl(window.location.search, window.location.hash)
    const openid = pickIdentity(preset, window.localStorage.getItem(STORAGE_KEY))
    if (preset) window.localStorage.setItem(STORAGE_KEY, preset)
    current = { openid, preset: preset !== null }
  }
  return current
}

export function currentDevOpenid(): DemoOpenid {
  return resolve().openid
}

/** True when this page load was opened with `?as=` naming an elder identity. */
export function elderPresetFromUrl(): boolean {
  const { openid, preset } = resolve()
  return preset && isElderIdentity(openid)
}

/** Stores the choice and reloads, so every store and query starts again as the new identity. */
export function switchDevIdentity(openid: DemoOpenid): void {
  window.localStorage.setItem(STORAGE_KEY, openid)
  const url = new URL(window.location.href)
  url.searchParams.delete(AS_PARAM)
  const [route, routeQuery = ''] = url.hash.split('?')
  const params = new URLSearchParams(routeQuery)
  params.delete(AS_PARAM)
  const rest = params.toString()
  url.hash = rest ? `${route}?${rest}` : route
  window.history.replaceState(null, '', url.toString())
  window.location.reload()
}
