/** The star words (pure; its own module so the pages of one subpackage only carry it). */
const STAR_NAMES = ['', '一星', '二星', '三星', '四星', '五星']

/** "★★☆☆☆ 二星志愿者": the stars drawn and written (never only symbols); '' for none. */
export function starText(level: number): string {
  if (level < 1) return ''
  const n = Math.min(5, Math.floor(level))
  return `${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${STAR_NAMES[n]}志愿者`
}
