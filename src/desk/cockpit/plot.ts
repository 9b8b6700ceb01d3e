/**
 * The cockpit's map without map tiles: units drawn by latitude/longitude on a plain plot. An
 * equirectangular projection (longitude scaled by the cosine of the mean latitude, so a county keeps
 * its shape), fitted into a width × height box with a margin. Pure: tested in plot.test.ts.
 */
import type { UnitLevel } from '@core/domain'

export interface PlotUnit {
  _id: string
  name: string
  level: UnitLevel
  latitude: number
  longitude: number
}

export interface PlottedUnit extends PlotUnit {
  x: number
  y: number
}

/** Level colours (legend and dots): each ≥ 3:1 against white, as WCAG 1.4.11 asks of graphics. */
export const LEVEL_COLOURS: Record<UnitLevel, string> = {
  center: '#b3261e',
  institute: '#a15c00',
  station: '#1c5fa8',
  point: '#2e7d32',
}

/** Dot radius by level: the center largest. */
export const LEVEL_RADIUS: Record<UnitLevel, number> = { center: 11, institute: 8, station: 6, point: 4 }

/**
 * Places each unit in a width × height box (y grows downwards, north at the top). Units with no usable
 * position (not finite, or 0/0) are left out. One unit, or units all at one spot, land in the middle.
 */
export function plotUnits<T extends PlotUnit>(
  list: readonly T[],
  width: number,
  height: number,
  margin = 24,
): Array<T & { x: number; y: number }> {
  const usable = list.filter(
    (u) =>
      Number.isFinite(u.latitude) && Number.isFinite(u.longitude) && !(u.latitude === 0 && u.longitude === 0),
  )
  if (!usable.length) return []
  const lats = usable.map((u) => u.latitude)
  const lons = usable.map((u) => u.longitude)
  const minLat = Math.min(...lats)
  const maxLat = Math.max(...lats)
  const minLon = Math.min(...lons)
  const maxLon = Math.max(...lons)
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const spanX = (maxLon - minLon) * k
  const spanY = maxLat - minLat
  const innerW = width - 2 * margin
  const innerH = height - 2 * margin
  const scale = Math.min(spanX > 0 ? innerW / spanX : Infinity, spanY > 0 ? innerH / spanY : Infinity)
  const s = Number.isFinite(scale) ? scale : 0
  // centre the drawing in the box
  const offX = margin + (innerW - spanX * s) / 2
  const offY = margin + (innerH - spanY * s) / 2
  const round = (n: number) => Math.round(n * 10) / 10
  return usable.map((u) => ({
    ...u,
    x: round(offX + (u.longitude - minLon) * k * s),
    y: round(offY + (maxLat - u.latitude) * s),
  }))
}
