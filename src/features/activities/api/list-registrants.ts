import { callCloud } from '@/lib/cloud'

export function listRegistrants(id: string) {
  return callCloud('activities', 'registrants', { id })
}
