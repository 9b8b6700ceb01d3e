/**
 * Certificate numbers (证书编号): `ZM` + the issuing year + 12 random characters + 1 check character, in
 * Crockford's base-32 alphabet (no I, L, O, U: nothing to misread on paper), e.g. `ZM2026K7QD3M9XHT2A5`.
 * 60 random bits make the public verification page impossible to walk through by guessing; the check
 * character (a sum mod 32 over everything before it with odd weights 1, 3, 5, …) turns every single-character
 * typo, and every swap of neighbours not 16 apart in the alphabet, into "编号有误" at once,
 * without a database read. Shown grouped (`ZM2026-K7QD-3M9X-HT2A-5`); parsing accepts dashes, spaces and
 * lower case. 19 characters: fits a mini-program code's 32-character scene.
 */
export const NUMBER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const RANDOM_LENGTH = 12

/** The check character of everything before it. */
export function checkChar(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    const v = NUMBER_ALPHABET.indexOf(c)
    // 'Z' and 'M' of the prefix are in the alphabet; anything else does not reach here
    sum = (sum + (v < 0 ? c.charCodeAt(0) : v) * (2 * i + 1)) % 32
  }
  return NUMBER_ALPHABET[sum]!
}

/** A new number for `year`; `randomBytes(n)` supplies the randomness (crypto on the server). */
export function newCertificateNumber(year: number, randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(RANDOM_LENGTH)
  let random = ''
  for (let i = 0; i < RANDOM_LENGTH; i++) random += NUMBER_ALPHABET[bytes[i]! & 31]
  const body = `ZM${year}${random}`
  return body + checkChar(body)
}

/** The canonical number from what a person typed or a QR carried, or null when it cannot be one. */
export function parseCertificateNumber(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  // the prefix is 'ZM', whatever the O → 0 mapping did to the rest
  if (!/^ZM\d{4}[0-9A-HJKMNP-TV-Z]{13}$/.test(s)) return null
  return checkChar(s.slice(0, -1)) === s.slice(-1) ? s : null
}

/** `ZM2026K7QD3M9XHT2A5` → `ZM2026-K7QD-3M9X-HT2A-5` (for print and screens). */
export function formatCertificateNumber(n: string): string {
  return `${n.slice(0, 6)}-${n.slice(6, 10)}-${n.slice(10, 14)}-${n.slice(14, 18)}-${n.slice(18)}`
}
