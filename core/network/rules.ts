/**
 * The network's rules (units, invitations, masking), pure so the phone, the function and the tests share
 * them. Messages are Chinese; codes are stable (core/contract/network.ts NETWORK_ERRORS).
 */
import { NEARBY_DEFAULT_RADIUS_M } from '../contract/nearby'
import { UNIT_LEVELS, type UnitLevel } from '../domain'

/** A new unit's 15-minute circle (十五分钟文明实践服务圈) unless the manager sets another: the nearby default. */
export const DEFAULT_SERVICE_RADIUS_M = NEARBY_DEFAULT_RADIUS_M

/** The level a new unit under `parent` gets: one below it; a point (点) has no children. */
export function childLevel(parent: UnitLevel): UnitLevel | null {
  const i = UNIT_LEVELS.indexOf(parent)
  return UNIT_LEVELS[i + 1] ?? null
}

/**
 * China's bounding box (GCJ-02 is only defined inside China): latitude 3.8–53.6 °N, longitude
 * 73.5–135.1 °E. A coarse box, enough to catch swapped coordinates and a point picked abroad.
 */
export const CHINA_BOUNDS = { minLat: 3.8, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 } as const

export function insideChina(latitude: number, longitude: number): boolean {
  const b = CHINA_BOUNDS
  return latitude >= b.minLat && latitude <= b.maxLat && longitude >= b.minLng && longitude <= b.maxLng
}

/** A unit's name as compared for "one name per parent": trimmed, inner whitespace removed. */
export function nameKey(name: string): string {
  return name.replace(/\s+/g, '')
}

/** How long an invitation can be accepted. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** Invitation ids: 24 URL-safe characters (144 random bits), so `i=<id>` is 26 of the scene's 32. */
const INVITATION_ID = /^[A-Za-z0-9_-]{24}$/
export const INVITATION_PAGE = 'network/pages/accept/index'

export function isInvitationId(id: string): boolean {
  return INVITATION_ID.test(id)
}

export function invitationScene(id: string): string {
  if (!isInvitationId(id)) throw new RangeError('not an invitation id')
  return `i=${id}`
}

/** The invitation id inside a scanned scene (`i=<id>`, maybe URL-encoded once or twice), or null. */
export function invitationIdFrom(scene: string | null | undefined): string | null {
  let text = (scene ?? '').trim()
  for (let i = 0; i < 3 && text.includes('%'); i++) {
    try {
      text = decodeURIComponent(text)
    } catch {
      return null
    }
  }
  if (!text.startsWith('i=')) return null
  const id = text.slice(2)
  return isInvitationId(id) ? id : null
}

/** The H5 address an invitation opens: `<base>#/network/pages/accept/index?scene=<scene>`. */
export function invitationUrl(base: string, scene: string): string {
  const root = base.replace(/#.*$/, '').replace(/\/+$/, '')
  return `${root}/#/${INVITATION_PAGE}?scene=${encodeURIComponent(scene)}`
}

export type InvitationState = 'pending' | 'accepted' | 'expired' | 'cancelled'

export function invitationState(
  inv: { status: 'pending' | 'accepted' | 'cancelled'; expiresAt: Date | number },
  now: Date,
): InvitationState {
  if (inv.status !== 'pending') return inv.status
  return new Date(inv.expiresAt).getTime() <= now.getTime() ? 'expired' : 'pending'
}

/** 张*明: the first and last character kept, the middle starred (two characters: 张*). */
export function maskName(name: string | null | undefined): string {
  const chars = [...(name ?? '').trim()]
  if (chars.length === 0) return '未留姓名'
  if (chars.length === 1) return chars[0]!
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** What the old QR code of a retired unit says (the station landing shows it). */
export function retiredMessage(successor: { name: string; address: string } | null): string {
  return successor
    ? `该站点已合并/停用，请前往「${successor.name}」（${successor.address}）`
    : '该站点已合并/停用，请前往附近的其他文明实践站（首页可查看附近站点）'
}
