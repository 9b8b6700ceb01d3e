/** A browser has no scanner: on H5 a code is "scanned" by opening the URL it holds. */
export const CAN_SCAN_IN_APP = false

export async function scanForScene(): Promise<string | null> {
  return null
}
