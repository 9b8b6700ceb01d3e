import cloud from 'wx-server-sdk'
import { stats } from '../../../core/contract/stats'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { exportExcel } from './handlers/export'
import { report } from './handlers/report'
import { statsTimer } from './repair'

initCloud(cloud)

export const main = createMain('stats', stats, { report, export: exportExcel }, { cloud }, statsTimer)
