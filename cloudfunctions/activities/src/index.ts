import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { activities } from '../../../core/contract/activities'
import { uploadCover } from './handlers/cover'
import { get } from './handlers/get'
import { listWeek } from './handlers/list-week'
import { editor, managed } from './handlers/managed'
import { mine } from './handlers/mine'
import { cancel, create, update } from './handlers/publish'
import { registrants } from './handlers/registrants'
import { reconcileRegistrations, register, withdraw } from './handlers/registration'
import { tellPending } from './tell'

initCloud(cloud)

export const main = createMain(
  'activities',
  activities,
  {
    listWeek,
    get,
    register,
    withdraw,
    mine,
    managed,
    editor,
    create,
    update,
    uploadCover,
    cancel,
    registrants,
  },
  { cloud },
  // every minute: settle registrations whose call died, and tell registrants what is left to tell
  async (ctx) => ({
    reconciled: await reconcileRegistrations(ctx),
    telling: await tellPending(ctx),
  }),
)
