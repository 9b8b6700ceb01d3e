import { callCloud } from '@/lib/cloud'

export function confirmHours(recordId: string) {
  return callCloud('signin', 'confirmHours', { recordId })
}
