import cloud from 'wx-server-sdk'
import { initCloud } from '../../../core/server/init'
import { createMain } from '../../../core/server/router'
import { stations } from '../../../core/contract/stations'
import { get } from './handlers/get'
import { list } from './handlers/list'
import { nearby } from './handlers/nearby'

initCloud(cloud)

export const main = createMain('stations', stations, { nearby, list, get }, { cloud })
