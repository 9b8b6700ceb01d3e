import { callCloud } from '@/lib/cloud'

export function getUnread() {
  return callCloud('inbox', 'unread', {})
}
