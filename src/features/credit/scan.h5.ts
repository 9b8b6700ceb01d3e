/** A browser has no scanner: on H5 the manager types the code. */
export const CAN_SCAN = false

export async function scanPickupCode(): Promise<string | null> {
  return null
}
