import type * as WxCloud from 'wx-server-sdk'
import type { Role, RoleGrant, UserRecord } from '../core/domain'

/** The wx-server-sdk module, as a function entry passes it in (handlers never import it). */
export type Cloud = typeof WxCloud
export type Db = ReturnType<Cloud['database']>
export type Command = Db['command']

export interface Caller {
  openid: string
  user: UserRecord
  /** every role the caller holds somewhere, always including 'resident' */
  roles: ReadonlySet<Role>
  grants: readonly RoleGrant[]
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

export interface HandlerContext {
  db: Db
  _: Command
  caller: Caller
  /** the clock; tests pin it */
  now: () => Date
  openapi: OpenApi
  cloud: Cloud
  /** the platform's SOURCE: wx_client, wx_trigger, … */
  source: string
}
