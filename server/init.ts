import type { Cloud } from './types'

/**
 * `cloud.init` with the current environment. The SDK's typings omit the DYNAMIC_CURRENT_ENV symbol that
 * its own docs recommend, hence the cast.
 */
export function initCloud(cloud: Cloud): void {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
}
