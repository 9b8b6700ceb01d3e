import { randomBytes } from 'node:crypto'
import { checkChar, formatCertificateNumber, newCertificateNumber, parseCertificateNumber } from './number'
import { groupService, hoursText } from './service'

test('a new number parses back, grouped or not, in any case', () => {
  for (let i = 0; i < 200; i++) {
    const n = newCertificateNumber(2026, (k) => randomBytes(k))
    expect(n).toMatch(/^ZM2026[0-9A-HJKMNP-TV-Z]{13}$/)
    expect(n.length).toBeLessThanOrEqual(32)
    expect(parseCertificateNumber(n)).toBe(n)
    expect(parseCertificateNumber(formatCertificateNumber(n).toLowerCase())).toBe(n)
  }
})

test('numbers are random: 1000 draws, no repeats', () => {
  const seen = new Set(Array.from({ length: 1000 }, () => newCertificateNumber(2026, (k) => randomBytes(k))))
  expect(seen.size).toBe(1000)
})

test('every single-character typo and every swap of neighbours (unless 16 apart) is caught by the check character', () => {
  const n = newCertificateNumber(2026, () => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  for (let i = 6; i < n.length; i++) {
    for (const c of alphabet) {
      if (c === n[i]) continue
      expect(parseCertificateNumber(n.slice(0, i) + c + n.slice(i + 1))).toBeNull()
    }
  }
  for (let i = 6; i < n.length - 1; i++) {
    const apart = Math.abs(alphabet.indexOf(n[i]!) - alphabet.indexOf(n[i + 1]!))
    if (apart === 0 || apart === 16) continue
    expect(parseCertificateNumber(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2))).toBeNull()
  }
  expect(parseCertificateNumber('')).toBeNull()
  expect(parseCertificateNumber('ZM2026')).toBeNull()
  expect(parseCertificateNumber(`XX2026${n.slice(6)}`)).toBeNull()
  expect(checkChar(n.slice(0, -1))).toBe(n.slice(-1))
})

test('service lines group by month with totals, dropping empty ones', () => {
  const line = (date: string, minutes: number, title = '活动') =>
    ({ title, unitName: '站', date, minutes, kind: 'activity' }) as const
  const { groups, minutes } = groupService([
    line('2026-03-02', 90),
    line('2026-01-05', 60, '一月'),
    line('2026-03-01', 30, '三月初'),
    line('2026-02-01', 0),
  ])
  expect(minutes).toBe(180)
  expect(groups.map((g) => [g.month, g.minutes, g.lines.map((l) => l.title)])).toEqual([
    ['2026-01', 60, ['一月']],
    ['2026-03', 120, ['三月初', '活动']],
  ])
  expect(hoursText(90)).toBe('1.5')
  expect(hoursText(100)).toBe('1.67')
  expect(hoursText(120)).toBe('2')
})
