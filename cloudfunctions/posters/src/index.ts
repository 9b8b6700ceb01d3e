import cloud from 'wx-server-sdk'
import { posters } from '../../../core/contract/posters'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { weekly } from './handlers/weekly'

initCloud(cloud)

export const main = createMain('posters', posters, { weekly }, { cloud })
