import type { UserRecord } from '../domain'
import { collection } from './collection'

export const users = collection<UserRecord>()({
  name: 'users',
  description: 'One record per WeChat user; _id is the OPENID. Roles are grants on units.',
  indexes: [
    { name: 'grants_unit', keys: { 'grants.unitId': 1 } },
    // a team's member list (people context): membership is users.teamIds
    { name: 'teamIds_id', keys: { teamIds: 1, _id: 1 } },
  ],
})
