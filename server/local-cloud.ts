/**
 * True only on the local cloud: the SDK's admin URL (TCB_CONTEXT_CNFG) points at a loopback address,
 * which WeChat's cloud never does. Development stand-ins for secrets (signin's code secret, people's ID
 * key) are used only then; anywhere else a missing secret fails closed.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

export function isLocalCloud(env: Record<string, string | undefined>): boolean {
  try {
    const url = (JSON.parse(env.TCB_CONTEXT_CNFG ?? '') as { URL?: unknown }).URL
    return typeof url === 'string' && LOOPBACK.has(new URL(url).hostname)
  } catch {
    return false
  }
}
