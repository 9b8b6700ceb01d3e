import cloud from 'wx-server-sdk'
import { plans } from '../../../core/contract/plans'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { setMonth, setThemes } from './handlers/edit'
import { get } from './handlers/get'
import { month, themes } from './handlers/read'

initCloud(cloud)

export const main = createMain('plans', plans, { get, setMonth, setThemes, themes, month }, { cloud })
