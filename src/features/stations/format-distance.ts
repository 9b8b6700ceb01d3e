/** Distance as a person says it: "约 350 米", "约 1.2 公里". */
export function formatDistance(meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return ''
  if (meters < 100) return '不到 100 米'
  const tens = Math.round(meters / 10) * 10
  if (tens < 1000) return `约 ${tens} 米`
  const tenthsKm = Math.round(meters / 100) / 10
  if (tenthsKm < 10) return `约 ${tenthsKm} 公里`
  return `约 ${Math.round(meters / 1000)} 公里`
}

/** A search radius: "1 公里", "500 米". */
export function formatRadius(meters: number): string {
  return meters >= 1000 ? `${Math.round(meters / 100) / 10} 公里` : `${Math.round(meters)} 米`
}
