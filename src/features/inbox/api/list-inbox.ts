import { callCloud } from '@/lib/cloud'

export function listInbox(input: { before?: number; beforeId?: string } = {}) {
  return callCloud('inbox', 'list', input)
}
