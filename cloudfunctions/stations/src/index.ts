import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { stations } from '../../../core/contract/stations'
import { get } from './handlers/get'
import { list } from './handlers/list'
import { nearby } from './handlers/nearby'

initCloud(cloud)

export const main = createMain('stations', stations, { nearby, list, get }, { cloud })
