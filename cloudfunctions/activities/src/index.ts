import cloud from 'wx-server-sdk'
import { initCloud } from '../../../core/server/init'
import { createMain } from '../../../core/server/router'
import { uploadCover } from './handlers/cover'
import { get } from './handlers/get'
import { listWeek } from './handlers/list-week'
import { editor, managed } from './handlers/managed'
import { mine } from './handlers/mine'
import { cancel, create, update } from './handlers/publish'
import { register, withdraw } from './handlers/registration'

initCloud(cloud)

export const main = createMain(
  'activities',
  { listWeek, get, register, withdraw, mine, managed, editor, create, update, uploadCover, cancel },
  { cloud },
)
