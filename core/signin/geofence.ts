/**
 * The optional geofence around a station for volunteer sign-in: the phone must be within N metres of
 * the unit's location. Both sides are GCJ-02 (what wx.getLocation returns with type 'gcj02' and what
 * units store), so a plain great-circle distance is right.
 */
import type { GeoPoint } from '../domain'

export interface Position {
  latitude: number
  longitude: number
  /** metres, as getLocation reports it */
  accuracy?: number
}

/** GPS in a building is often off by tens of metres: up to this much of the reported accuracy is forgiven. */
export const MAX_ACCURACY_ALLOWANCE_M = 50
export const GEOFENCE_CHOICES_M = [100, 200, 500, 1000] as const

const EARTH_RADIUS_M = 6_371_008.8

export interface LatLng {
  latitude: number
  longitude: number
}

/**
 * A stored location as a plain latitude/longitude. Seeds write GeoJSON; wx-server-sdk reads a geo field
 * back as its own Point class ({ latitude, longitude }), so both are accepted.
 */
export function latLngOf(location: GeoPoint | LatLng): LatLng {
  if ('coordinates' in location)
    return { latitude: location.coordinates[1], longitude: location.coordinates[0] }
  return { latitude: location.latitude, longitude: location.longitude }
}

export function distanceMeters(a: LatLng, b: GeoPoint | LatLng): number {
  const { latitude: lat2, longitude: lng2 } = latLngOf(b)
  const rad = Math.PI / 180
  const dLat = (lat2 - a.latitude) * rad
  const dLng = (lng2 - a.longitude) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

export type GeofenceCheck =
  | { ok: true; distanceMeters: number | null }
  | { ok: false; reason: 'no_location' }
  | { ok: false; reason: 'too_far'; distanceMeters: number }

export function checkGeofence(args: {
  center: GeoPoint | LatLng
  radiusMeters: number | null | undefined
  position: Position | null | undefined
}): GeofenceCheck {
  const { center, radiusMeters, position } = args
  if (!radiusMeters) return { ok: true, distanceMeters: position ? distanceMeters(position, center) : null }
  if (!position) return { ok: false, reason: 'no_location' }
  const d = distanceMeters(position, center)
  const allowance = Math.min(Math.max(position.accuracy ?? 0, 0), MAX_ACCURACY_ALLOWANCE_M)
  return d <= radiusMeters + allowance
    ? { ok: true, distanceMeters: d }
    : { ok: false, reason: 'too_far', distanceMeters: d }
}
