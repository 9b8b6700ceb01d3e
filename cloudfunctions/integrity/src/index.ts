import cloud from 'wx-server-sdk'
import { integrity } from '../../../core/contract/integrity'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { get, list, resolve } from './handlers/queue'
import { integrityTimer } from './scan'

initCloud(cloud)

export const main = createMain('integrity', integrity, { list, get, resolve }, { cloud }, integrityTimer)
