import { callCloud } from '@/lib/cloud'

export function getEditor(id?: string) {
  return callCloud('activities', 'editor', id ? { id } : {})
}
