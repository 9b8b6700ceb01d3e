import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { codes } from '../../../core/contract/codes'
import { generate, image, list } from './handlers/station-codes'

initCloud(cloud)

export const main = createMain('codes', codes, { list, generate, image }, { cloud })
