/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character computed from them (ISO 7064
 * MOD 11-2). A typo in any one digit fails the check, so a person is told at once.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function isValidIdNumber(raw: string): boolean {
  const id = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i]!
  return CHECK[sum % 11] === id[17]
}

/** Builds a valid number from 17 digits (tests and the seed). */
export function withCheckDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return `${first17}${CHECK[sum % 11]}`
}
