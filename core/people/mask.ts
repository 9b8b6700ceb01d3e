/**
 * Masked forms of personal data for lists (issue 13: phone and ID are visible only to the person and to
 * the managers or leaders who need them; everyone else sees 张*明, 138****5678).
 */

/** 张三明 → 张*明, 张三 → 张*, 欧阳娜娜 → 欧**娜; a single character stays. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('')
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** 13812345678 → 138****5678; anything shorter than 7 digits is fully starred. */
export function maskPhone(phone: string): string {
  const digits = phone.trim()
  if (digits.length < 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`
}

/** 370702199001011234 → 3707**********1234 (first 4 and last 4 kept). */
export function maskIdNumber(id: string): string {
  const s = id.trim()
  if (s.length <= 8) return '*'.repeat(s.length)
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`
}
