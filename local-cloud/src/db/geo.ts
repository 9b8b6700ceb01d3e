/**
 * Geo queries mingo does not have: $nearSphere/$near, $geoWithin, $geoIntersects and the $geoNear
 * stage. Distances are great-circle (haversine) in metres, as MongoDB's 2dsphere gives them;
 * containment tests are planar on longitude/latitude, which is close enough for city-sized shapes.
 */
import { CloudError } from '../errors'
import { getPath, isPlainObject } from './values'

/** MongoDB's radius for spherical distances (metres). */
export const EARTH_RADIUS_M = 6378100

export type LngLat = [number, number]

export function haversine([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLng = (lng2 - lng1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** A GeoJSON Point or a legacy [lng, lat] pair. */
export function toLngLat(v: unknown): LngLat | undefined {
  if (isPlainObject(v) && v.type === 'Point' && Array.isArray(v.coordinates)) return toLngLat(v.coordinates)
  if (Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') {
    return [v[0], v[1]]
  }
  return undefined
}

/** All vertices of a GeoJSON geometry. */
function vertices(geometry: unknown): LngLat[] {
  if (!isPlainObject(geometry) || !Array.isArray(geometry.coordinates)) {
    const p = toLngLat(geometry)
    return p ? [p] : []
  }
  const out: LngLat[] = []
  const walk = (c: unknown): void => {
    const p = toLngLat(c)
    if (p) out.push(p)
    else if (Array.isArray(c)) c.forEach(walk)
  }
  walk(geometry.coordinates)
  return out
}

function ringContains(ring: unknown, [x, y]: LngLat): boolean {
  if (!Array.isArray(ring)) return false
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = toLngLat(ring[i])
    const b = toLngLat(ring[j])
    if (!a || !b) continue
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/** Polygon rings: the first is the shell, the others are holes. */
function polygonContains(rings: unknown, p: LngLat): boolean {
  if (!Array.isArray(rings) || rings.length === 0) return false
  if (!ringContains(rings[0], p)) return false
  return !rings.slice(1).some((hole) => ringContains(hole, p))
}

function geometryContains(geometry: unknown, p: LngLat): boolean {
  if (!isPlainObject(geometry)) return false
  if (geometry.type === 'Polygon') return polygonContains(geometry.coordinates, p)
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
    return geometry.coordinates.some((poly) => polygonContains(poly, p))
  }
  return false
}

function samePoint(a: LngLat, b: LngLat): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

export interface NearSpec {
  point: LngLat
  minDistance?: number
  maxDistance?: number
}

/** `{ $geometry, $minDistance, $maxDistance }` as the SDK encodes `_.geoNear(...)`. */
export function parseNear(value: unknown): NearSpec {
  const spec = isPlainObject(value) ? value : {}
  const point = toLngLat(spec.$geometry ?? value)
  if (!point)
    throw new CloudError('DATABASE_REQUEST_FAILED', '$nearSphere/$near needs a GeoJSON Point ($geometry)')
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)
  return { point, minDistance: num(spec.$minDistance), maxDistance: num(spec.$maxDistance) }
}

export function withinDistance(d: number, spec: NearSpec): boolean {
  return (
    (spec.minDistance === undefined || d >= spec.minDistance) &&
    (spec.maxDistance === undefined || d <= spec.maxDistance)
  )
}

function geoWithin(field: unknown, spec: unknown): boolean {
  if (!isPlainObject(spec)) return false
  const pts = vertices(field)
  if (pts.length === 0) return false
  if (Array.isArray(spec.$centerSphere)) {
    const center = toLngLat(spec.$centerSphere[0])
    const radians = spec.$centerSphere[1]
    if (!center || typeof radians !== 'number') return false
    return pts.every((p) => haversine(center, p) <= radians * EARTH_RADIUS_M)
  }
  if (isPlainObject(spec.$geometry)) return pts.every((p) => geometryContains(spec.$geometry, p))
  if (Array.isArray(spec.$box) && spec.$box.length === 2) {
    const a = toLngLat(spec.$box[0])
    const b = toLngLat(spec.$box[1])
    if (!a || !b) return false
    return pts.every(
      ([x, y]) =>
        x >= Math.min(a[0], b[0]) &&
        x <= Math.max(a[0], b[0]) &&
        y >= Math.min(a[1], b[1]) &&
        y <= Math.max(a[1], b[1]),
    )
  }
  if (Array.isArray(spec.$polygon)) return pts.every((p) => ringContains(spec.$polygon, p))
  return false
}

function geoIntersects(field: unknown, spec: unknown): boolean {
  if (!isPlainObject(spec) || !isPlainObject(spec.$geometry)) return false
  const query = spec.$geometry
  const fieldPts = vertices(field)
  const queryPts = vertices(query)
  if (fieldPts.some((p) => geometryContains(query, p))) return true
  if (queryPts.some((p) => geometryContains(field, p))) return true
  return fieldPts.some((p) => queryPts.some((q) => samePoint(p, q)))
}

type Predicate = (obj: Record<string, unknown>) => boolean

/** mingo query operators (selector, operand) => predicate. */
export const geoQueryOps = {
  $geoWithin:
    (selector: string, value: unknown): Predicate =>
    (obj) =>
      geoWithin(getPath(obj, selector), value),
  $geoIntersects:
    (selector: string, value: unknown): Predicate =>
    (obj) =>
      geoIntersects(getPath(obj, selector), value),
  $nearSphere: (selector: string, value: unknown): Predicate => nearPredicate(selector, value),
  $near: (selector: string, value: unknown): Predicate => nearPredicate(selector, value),
}

function nearPredicate(selector: string, value: unknown): Predicate {
  const spec = parseNear(value)
  return (obj) => {
    const p = toLngLat(getPath(obj, selector))
    return p !== undefined && withinDistance(haversine(spec.point, p), spec)
  }
}

/** Documents sorted by distance from the point, with their distance; those without a point are left out. */
export function sortByDistance<T extends Record<string, unknown>>(
  docs: Iterable<T>,
  field: string,
  spec: NearSpec,
): { doc: T; distance: number }[] {
  const out: { doc: T; distance: number }[] = []
  for (const doc of docs) {
    const p = toLngLat(getPath(doc, field))
    if (!p) continue
    const distance = haversine(spec.point, p)
    if (withinDistance(distance, spec)) out.push({ doc, distance })
  }
  return out.sort((a, b) => a.distance - b.distance)
}
