/** Fixtures the benches share: a seeded random source and the units of a generated network. */
import type { Unit } from '../../core/domain'

/** mulberry32: the same sequence for the same seed, so every run measures the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One unit of a bench network under `parent` (parentId and ancestors follow from it); `extra` overrides. */
export function benchUnit(
  id: string,
  level: Unit['level'],
  parent: Unit | null,
  name: string,
  extra: Partial<Unit> = {},
): Unit {
  return {
    _id: id,
    level,
    name,
    parentId: parent?._id ?? null,
    ancestors: parent ? [...parent.ancestors, parent._id] : [],
    address: `${name}地址`,
    location: { type: 'Point', coordinates: [119.1, 36.7] },
    phone: '0536-0000000',
    hours: '周一至周五',
    code: id,
    ...extra,
  }
}
