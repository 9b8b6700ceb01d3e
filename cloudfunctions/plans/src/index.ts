import cloud from 'wx-server-sdk'
import { plans } from '../../../core/contract/plans'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { get } from './handlers/get'

initCloud(cloud)

export const main = createMain('plans', plans, { get }, { cloud })
