import type { StationSummary, UnitLink } from '../../../../core/contract'
import type { Unit } from '../../../../core/domain'

export function toSummary(u: Unit): StationSummary {
  return { _id: u._id, name: u.name, level: u.level, address: u.address, phone: u.phone, hours: u.hours }
}

export function toLink(u: Pick<Unit, '_id' | 'name' | 'level'>): UnitLink {
  return { _id: u._id, name: u.name, level: u.level }
}
