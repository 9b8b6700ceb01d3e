/**
 * The posters context's contract (scaffolded by `npm run new:context`): for each action its input schema,
 * the roles allowed and (as a phantom type) what it answers. The client imports types only.
 */
import * as z from 'zod'
import { action, fields } from './define'

/** One posters item as the phone shows it. */
export interface PostersItem {
  _id: string
  unitId: string
  title: string
  /** ms since the epoch */
  createdAt: number
}

export const posters = {
  /** The items of the units the caller manages (a grant reaches the unit's subtree), newest first. */
  weekly: action<{ items: PostersItem[] }>()({
    input: z.object({ limit: fields.limit(100, 20) }),
    roles: ['manager'],
  }),
}
