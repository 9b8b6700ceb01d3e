import { callCloud } from '@/lib/cloud'

/** The stations a reader can choose the weekly list of (the network's first 100, by code). */
export function listStations() {
  return callCloud('stations', 'list', { limit: 100 })
}
