/**
 * The units of a manager's subtree for the map, from network.tree (the same data the 单位与专管员 pages
 * read; no second source): the root's tree, then level by level the tree of every child that has units
 * below it (network.tree's `below` counts say which), in parallel. One call per unit that has children:
 * for the demo county 1 + 3 + (stations with points). Retired units are left out.
 */
import type { UnitNode, UnitTree } from '@core/contract'

/** Stop after this many units (the map and its table stay readable; the page says so). */
export const SUBTREE_MAX = 3000

export interface Subtree {
  units: UnitNode[]
  truncated: boolean
  /** network.tree calls made */
  calls: number
}

/** At most this many network.tree calls in flight. */
const PARALLEL = 8

async function inBatches<T, R>(list: readonly T[], run: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < list.length; i += PARALLEL)
    out.push(...(await Promise.all(list.slice(i, i + PARALLEL).map(run))))
  return out
}

const hasBelow = (u: UnitNode) => Object.values(u.below).some((n) => (n ?? 0) > 0)

export async function loadSubtree(
  rootId: string,
  tree: (unitId: string) => Promise<UnitTree>,
): Promise<Subtree> {
  const root = await tree(rootId)
  let calls = 1
  const units: UnitNode[] = [root.unit]
  let frontier = root.children.filter((c) => !c.retired)
  while (frontier.length) {
    const room = SUBTREE_MAX - units.length
    if (frontier.length > room) {
      units.push(...frontier.slice(0, room))
      return { units, truncated: true, calls }
    }
    units.push(...frontier)
    const open = frontier.filter((u) => u.level !== 'point' && hasBelow(u))
    const trees = await inBatches(open, (u) => tree(u._id))
    calls += open.length
    frontier = trees.flatMap((t) => t.children.filter((c) => !c.retired))
  }
  return { units, truncated: false, calls }
}
