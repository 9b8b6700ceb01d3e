/** H5: no map picker; the form takes latitude and longitude typed in. */
export const CAN_PICK_ON_MAP = false

export interface PickedLocation {
  latitude: number
  longitude: number
  address: string
}

export function pickLocation(): Promise<PickedLocation | null> {
  return Promise.resolve(null)
}
