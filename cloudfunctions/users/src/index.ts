import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { grantedUnitIds } from '../../../server/auth'
import { createMain } from '../../../server/router'
import { users } from '../../../core/contract/users'

initCloud(cloud)

export const main = createMain(
  'users',
  users,
  {
    me: async (_input, { caller }) => ({
      openid: caller.openid,
      name: caller.user.name ?? null,
      grants: [...caller.grants],
      homeUnitId: caller.user.homeUnitId ?? null,
      managedUnitIds: grantedUnitIds(caller, 'manager'),
    }),
  },
  { cloud },
)
