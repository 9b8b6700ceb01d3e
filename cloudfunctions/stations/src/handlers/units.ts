import type { StationSummary, UnitLink } from '../../../../core/contract'
import type { Unit } from '../../../../core/domain'

export type UnitDoc = Unit

export function toSummary(u: UnitDoc): StationSummary {
  return { _id: u._id, name: u.name, level: u.level, address: u.address, phone: u.phone, hours: u.hours }
}

export function toLink(u: Pick<UnitDoc, '_id' | 'name' | 'level'>): UnitLink {
  return { _id: u._id, name: u.name, level: u.level }
}
