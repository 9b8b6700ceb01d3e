import type { Unit, UnitLevel } from '../domain'
import * as z from 'zod'
import { action, fields } from './define'
import { NEARBY_DEFAULT_RADIUS_M, NEARBY_MAX_RADIUS_M } from './nearby'

export { NEARBY_DEFAULT_RADIUS_M, NEARBY_MAX_RADIUS_M }

export interface StationSummary {
  _id: string
  name: string
  level: UnitLevel
  address: string
  phone: string
  hours: string
  /** metres from the caller; present on `nearby` only */
  distanceMeters?: number
}

export interface UnitLink {
  _id: string
  name: string
  level: UnitLevel
}

export interface StationDetail {
  unit: Omit<Unit, 'ancestors' | 'retired'>
  /** the parent chain from the center down to the direct parent */
  chain: UnitLink[]
  /** direct children (e.g. the points of a station) */
  children: UnitLink[]
}

export const stations = {
  nearby: action<{ stations: StationSummary[]; radiusMeters: number }>()({
    input: z.object({
      latitude: fields.latitude(),
      longitude: fields.longitude(),
      radiusMeters: z
        .number()
        .min(100, '范围至少 100 米')
        .max(NEARBY_MAX_RADIUS_M, `范围最多 ${NEARBY_MAX_RADIUS_M} 米`)
        .default(NEARBY_DEFAULT_RADIUS_M),
      limit: fields.limit(50, 20),
    }),
    roles: ['resident'],
  }),
  /** The fallback when location is denied: stations of the network by name, a page at a time. */
  list: action<{ stations: StationSummary[]; nextCursor: string | null }>()({
    input: z.object({
      parentId: fields.id('上级单位').optional(),
      cursor: z.string().max(64).optional(),
      limit: fields.limit(100, 50),
    }),
    roles: ['resident'],
  }),
  get: action<StationDetail>()({
    input: z.object({ id: fields.id('站点编号') }),
    roles: ['resident'],
  }),
}
