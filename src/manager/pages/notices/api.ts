import type { InputOf } from '@core/contract'
import { callCloud } from '@/lib/cloud'

export const getMe = () => callCloud('users', 'me', {})
export const getSettings = (centerId?: string) =>
  callCloud('notices', 'getSettings', centerId ? { centerId } : {})
export const saveSettings = (input: InputOf<'notices', 'setSettings'>) =>
  callCloud('notices', 'setSettings', input)
export const getUpcoming = (centerId: string) => callCloud('notices', 'upcoming', { centerId })
export const getJobs = (centerId: string) => callCloud('notices', 'jobStatus', { centerId, limit: 5 })
export const resumeJob = (jobId: string) => callCloud('notices', 'resumeJob', { jobId })
export const startAdhoc = (input: InputOf<'notices', 'startAdhoc'>) =>
  callCloud('notices', 'startAdhoc', input)

/** The stations a manager may notify: every station of a center they manage, or the units they manage. */
export async function adhocStations(managedUnitIds: string[], centerId: string) {
  if (managedUnitIds.includes(centerId)) {
    const { stations } = await callCloud('stations', 'list', { parentId: centerId, limit: 100 })
    return stations.map((s) => ({ value: s._id, label: s.name }))
  }
  const units = await Promise.all(managedUnitIds.map((id) => callCloud('stations', 'get', { id })))
  const out: { value: string; label: string }[] = []
  for (const { unit, children } of units) {
    if (unit.level === 'station' || unit.level === 'point') out.push({ value: unit._id, label: unit.name })
    else for (const c of children) if (c.level === 'station') out.push({ value: c._id, label: c.name })
  }
  return out
}
