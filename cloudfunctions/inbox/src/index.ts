import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { inbox } from '../../../core/contract/inbox'
import { list, markRead, unread } from './handlers'

initCloud(cloud)

export const main = createMain('inbox', inbox, { list, unread, markRead }, { cloud })
