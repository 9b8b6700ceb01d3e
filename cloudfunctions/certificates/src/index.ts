import cloud from 'wx-server-sdk'
import { certificates } from '../../../core/contract/certificates'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { list } from './handlers/list'

initCloud(cloud)

export const main = createMain('certificates', certificates, { list }, { cloud })
