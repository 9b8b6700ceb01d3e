import { callCloud } from '@/lib/cloud'

/** Who I am: used by 我的 to offer the manager's pages to managers only. */
export function getMyAccount() {
  return callCloud('users', 'me', {})
}
