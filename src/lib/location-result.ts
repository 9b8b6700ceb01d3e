export type LocateResult =
  { ok: true; latitude: number; longitude: number } | { ok: false; reason: 'denied' | 'unavailable' }

/** wx.getLocation's errMsg → why there is no location: the reader said no, or the phone could not tell. */
export function classifyLocationError(errMsg: unknown): 'denied' | 'unavailable' {
  return typeof errMsg === 'string' && /auth|deny|denied|permission|privacy/i.test(errMsg)
    ? 'denied'
    : 'unavailable'
}
