/**
 * H5 (the local demo): the browser's geolocation. It answers WGS-84, which in China lies a few hundred
 * metres from GCJ-02; acceptable for a demo run (tests set the browser position to the seeded coordinates).
 */
import type { LocateResult } from './location-result'

export type { LocateResult } from './location-result'

export const CAN_OPEN_LOCATION_SETTINGS = false

const TIMEOUT_MS = 10_000

export function locate(): Promise<LocateResult> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) {
    return Promise.resolve({ ok: false, reason: 'unavailable' })
  }
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ ok: true, latitude: coords.latitude, longitude: coords.longitude }),
      (error) =>
        resolve({ ok: false, reason: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { timeout: TIMEOUT_MS, maximumAge: 60_000 },
    )
  })
}

export async function openLocationSettings(): Promise<void> {}
