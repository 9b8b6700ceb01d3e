/** A WeChat user as the platform identifies them to a cloud function. */
export interface Identity {
  openid: string
  appid?: string
  unionid?: string
}

/** Who started an invocation and how. The runner turns it into the env the platform injects. */
export interface InvocationContext {
  /** null: no user (timer runs, server-side calls). */
  identity: Identity | null
  /** getWXContext().SOURCE: wx_client, wx_trigger, wx_http, or a chain such as 'wx_client,scf'. */
  source: string
  clientIp?: string
  /** A timer run: the SDK then reads its API token from WX_TRIGGER_API_TOKEN_V0. */
  timer?: boolean
}

export const SOURCE = {
  client: 'wx_client',
  trigger: 'wx_trigger',
  http: 'wx_http',
  /** Appended for each cloud.callFunction hop (WX getWXContext docs: A gets wx_client, B gets wx_client,scf). */
  functionHop: 'scf',
} as const

/**
 * The per-invocation environment. wx-server-sdk's getWXContext() reads the keys listed in
 * WX_CONTEXT_KEYS from process.env (dropping the `WX_` prefix) and SOURCE from TCB_SOURCE, so the
 * event can never forge an identity. WX_API_TOKEN is sent back by the SDK with every admin call
 * (`wxCloudApiToken`), which is how the server knows which invocation made it.
 */
export function contextEnv(
  ctx: InvocationContext,
  defaultAppid: string,
  token: string,
): Record<string, string> {
  const env: Record<string, string> = {}
  if (ctx.identity) {
    env.WX_OPENID = ctx.identity.openid
    env.WX_APPID = ctx.identity.appid ?? defaultAppid
    if (ctx.identity.unionid) env.WX_UNIONID = ctx.identity.unionid
  }
  if (ctx.clientIp) env.WX_CLIENTIP = ctx.clientIp
  env.WX_API_TOKEN = token
  if (ctx.timer) {
    env.TRIGGER_SRC = 'timer'
    env.WX_TRIGGER_API_TOKEN_V0 = token
  }
  env.WX_CONTEXT_KEYS = Object.keys(env)
    .filter((k) => k.startsWith('WX_'))
    .join(',')
  env.TCB_SOURCE = ctx.source
  return env
}
