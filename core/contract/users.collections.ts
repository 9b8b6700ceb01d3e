import type { Team, UserRecord } from '../domain'
import { collection } from './collection'

export const users = collection<UserRecord>()({
  name: 'users',
  description: 'One record per WeChat user; _id is the OPENID. Roles are grants on units.',
  indexes: [{ name: 'grants_unit', keys: { 'grants.unitId': 1 } }],
})

export const teams = collection<Team>()({
  name: 'teams',
  description: 'Volunteer service teams (志愿服务队), each belonging to a unit.',
  indexes: [{ name: 'unit', keys: { unitId: 1 } }],
})
