import { callCloud } from '@/lib/cloud'

export function listInbox(input: { before?: number } = {}) {
  return callCloud('inbox', 'list', input)
}
