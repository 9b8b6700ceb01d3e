import type { InputOf } from '@core/contract'
import { callCloud } from '@/lib/cloud'

/** Publishes a new activity, or saves the edit of an existing one. */
export function saveActivity(
  input:
    | { id: string; draft: Omit<InputOf<'activities', 'update'>, 'id'> }
    | { id: null; draft: InputOf<'activities', 'create'> },
) {
  return input.id === null
    ? callCloud('activities', 'create', input.draft)
    : callCloud('activities', 'update', { ...input.draft, id: input.id })
}
