import { callCloud } from '@/lib/cloud'

export function markRead(input: { ids: string[] } | { all: true }) {
  return callCloud('inbox', 'markRead', input)
}
