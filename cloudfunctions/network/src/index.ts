import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { network } from '../../../core/contract/network'
import { audit, holders, revoke } from './handlers/grants'
import { accept, cancelInvitation, invitation, invite } from './handlers/invitations'
import { createUnit, retireUnit, tree, updateUnit } from './handlers/units'

initCloud(cloud)

export const main = createMain(
  'network',
  network,
  {
    tree,
    createUnit,
    updateUnit,
    retireUnit,
    holders,
    invite,
    cancelInvitation,
    invitation,
    accept,
    revoke,
    audit,
  },
  { cloud },
)
