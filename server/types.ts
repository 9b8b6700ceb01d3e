import type * as WxCloud from 'wx-server-sdk'
import type { Role, RoleGrant, UserRecord } from '../core/domain'

/** The wx-server-sdk module, as a function entry passes it in (handlers never import it). */
export type Cloud = typeof WxCloud
export type Db = ReturnType<Cloud['database']>
export type Command = Db['command']

export interface Caller extends CallerRef {
  openid: string
  user: UserRecord
  /** every role the caller holds somewhere, always including 'resident' */
  roles: ReadonlySet<Role>
  grants: readonly RoleGrant[]
}

/**
 * The caller as a `callerOnDemand` handler sees it (an action anyone may call): the openid at once (from
 * getWXContext, no read), the user record on demand. The router starts reading the record when the call
 * arrives, so `await caller.load()` next to the handler's first reads adds no sequential round; a handler
 * that never needs it never waits for it. A `Caller` is one too (its load() answers itself).
 */
export interface CallerRef {
  openid: string
  /** the caller's record and roles (memoised: one read per call; creates the record on a first call) */
  load(): Promise<Caller>
}

/** What a WeChat cloud call (`cloud.openapi.*`) needs; wrapped so handlers stay testable. */
export interface OpenApi {
  sendSubscribeMessage(msg: {
    touser: string
    templateId: string
    page?: string
    data: Record<string, { value: string }>
    miniprogramState?: 'developer' | 'trial' | 'formal'
  }): Promise<void>
  getUnlimitedCode(args: {
    scene: string
    page: string
    width?: number
    checkPath?: boolean
  }): Promise<Buffer>
  /** version-2 content check; answers WeChat's suggestion */
  checkText(args: {
    content: string
    openid: string
    scene: 1 | 2 | 3 | 4
  }): Promise<'pass' | 'risky' | 'review'>
}

/**
 * What a handler receives. `C` is `Caller` (the record, read for the role check before the handler runs)
 * except for a `callerOnDemand` handler, which gets a `CallerRef` (server/router.ts).
 */
export interface HandlerContext<C extends CallerRef = Caller> {
  db: Db
  _: Command
  caller: C
  /** the clock; tests pin it */
  now: () => Date
  openapi: OpenApi
  cloud: Cloud
  /** the platform's SOURCE: wx_client, wx_trigger, … */
  source: string
}
