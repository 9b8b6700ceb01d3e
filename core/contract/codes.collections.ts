/** The codes context's collection: each unit's printed mini-program code. */
import { collection } from './collection'

/** One per unit, `_id` = unitId: the code is generated once and kept (wxacode: 5000 calls/minute). */
export interface StationCodeDoc {
  _id: string
  unitCode: string
  scene: string
  fileID: string
  generatedAt: Date
  generatedBy: string
  version: number
}

export const stationCodes = collection<StationCodeDoc>()({
  name: 'station_codes',
  description:
    "Each unit's printed mini-program code (_id = unitId): the scene and the cloud-storage fileID, generated once.",
  indexes: [],
  id: (unitId: string): string => unitId,
})
