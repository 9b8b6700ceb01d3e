import type { Unit } from '../domain'
import { collection } from './collection'

/** The four-level network (中心/所/站/点). */
export const units = collection<Unit>()({
  name: 'units',
  description: 'The four-level network: center, institutes, stations, points.',
  indexes: [
    { name: 'location_2dsphere', keys: { location: '2dsphere' } },
    { name: 'code_unique', keys: { code: 1 }, unique: true },
    { name: 'level_code', keys: { level: 1, code: 1 } },
    { name: 'parent_code', keys: { parentId: 1, code: 1 } },
    { name: 'ancestors_level', keys: { ancestors: 1, level: 1 } },
  ],
})
