import { api } from '@/lib/api'

/** The stations a manager may notify: every station of a center they manage, or the units they manage. */
export async function adhocStations(managedUnitIds: string[], centerId: string) {
  if (managedUnitIds.includes(centerId)) {
    const { stations } = await api.stations.list({ parentId: centerId, limit: 100 })
    return stations.map((s) => ({ value: s._id, label: s.name }))
  }
  const units = await Promise.all(managedUnitIds.map((id) => api.stations.get({ id })))
  const out: { value: string; label: string }[] = []
  for (const { unit, children } of units) {
    if (unit.level === 'station' || unit.level === 'point') out.push({ value: unit._id, label: unit.name })
    else for (const c of children) if (c.level === 'station') out.push({ value: c._id, label: c.name })
  }
  return out
}
