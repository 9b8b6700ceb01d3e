import type { RoleGrant } from '../domain'
import * as z from 'zod'
import { action } from './define'

export interface Me {
  openid: string
  name: string | null
  grants: RoleGrant[]
  homeUnitId: string | null
  /** ids of the units the caller manages (each reaching its subtree) */
  managedUnitIds: string[]
}

export const users = {
  me: action<Me>()({ input: z.object({}).default({}), roles: ['resident'] }),
}
