import type { GeoPoint } from '../domain'
import { checkGeofence, distanceMeters, latLngOf } from './geofence'

const station: GeoPoint = { type: 'Point', coordinates: [119.1012, 36.7005] }
/** A position `north` metres north and `east` metres east of the station. */
const near = (north: number, east: number, accuracy?: number) => ({
  latitude: 36.7005 + north / 111_195,
  longitude: 119.1012 + east / (111_195 * Math.cos((36.7005 * Math.PI) / 180)),
  accuracy,
})

describe('distanceMeters', () => {
  it('measures short distances to within a metre', () => {
    expect(distanceMeters(near(0, 0), station)).toBeCloseTo(0, 5)
    expect(distanceMeters(near(300, 0), station)).toBeCloseTo(300, 0)
    expect(distanceMeters(near(0, -400), station)).toBeCloseTo(400, 0)
    expect(distanceMeters(near(300, 400), station)).toBeCloseTo(500, 0)
  })

  it('reads a location stored as GeoJSON or read back by the SDK as { latitude, longitude }', () => {
    expect(latLngOf(station)).toEqual({ latitude: 36.7005, longitude: 119.1012 })
    const sdkPoint = { latitude: 36.7005, longitude: 119.1012 }
    expect(distanceMeters(near(300, 0), sdkPoint)).toBeCloseTo(300, 0)
  })
})

describe('checkGeofence', () => {
  it('lets anyone through when the activity has no geofence', () => {
    expect(checkGeofence({ center: station, radiusMeters: null, position: null })).toEqual({
      ok: true,
      distanceMeters: null,
    })
  })

  it('needs a location when there is one', () => {
    expect(checkGeofence({ center: station, radiusMeters: 200, position: undefined })).toEqual({
      ok: false,
      reason: 'no_location',
    })
  })

  it('accepts inside the radius and refuses outside it, saying how far', () => {
    expect(checkGeofence({ center: station, radiusMeters: 200, position: near(150, 0) }).ok).toBe(true)
    const far = checkGeofence({ center: station, radiusMeters: 200, position: near(0, 900) })
    expect(far).toMatchObject({ ok: false, reason: 'too_far' })
    if (!far.ok && far.reason === 'too_far') expect(far.distanceMeters).toBeCloseTo(900, -1)
  })

  it('forgives the reported accuracy, up to 50 m', () => {
    expect(checkGeofence({ center: station, radiusMeters: 200, position: near(230, 0, 40) }).ok).toBe(true)
    expect(checkGeofence({ center: station, radiusMeters: 200, position: near(260, 0, 500) }).ok).toBe(false)
  })
})
