import cloud from 'wx-server-sdk'
import { integrity } from '../../../core/contract/integrity'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { list } from './handlers/list'

initCloud(cloud)

export const main = createMain('integrity', integrity, { list }, { cloud })
