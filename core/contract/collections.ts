/**
 * Every declared collection, by context. database/<name>.json and the data-model table in docs/ are
 * generated from (and checked against) this list; a new context adds its `*.collections.ts` here.
 */
import * as activities from './activities.collections'
import type { CollectionSpec } from './collection'
import * as codes from './codes.collections'
import * as inbox from './inbox.collections'
import * as network from './network.collections'
import * as notices from './notices.collections'
import * as orders from './orders.collections'
import * as people from './people.collections'
import * as signin from './signin.collections'
import * as stations from './stations.collections'
import * as users from './users.collections'
import * as credit from './credit.collections'
import * as stats from './stats.collections'
import * as integrity from './integrity.collections'
import * as plans from './plans.collections'
import * as certificates from './certificates.collections'
import * as posters from './posters.collections'

export const collectionsByContext: Record<string, Record<string, CollectionSpec<{ _id: string }>>> = {
  activities,
  codes,
  inbox,
  network,
  notices,
  orders,
  people,
  signin,
  stations,
  users,
  credit,
  stats,
  integrity,
  plans,
  certificates,
  posters,
}

export const allCollections: CollectionSpec<{ _id: string }>[] = Object.values(collectionsByContext).flatMap(
  (c) => Object.values(c),
)
