import cloud from 'wx-server-sdk'
import { credit } from '../../../core/contract/credit'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { board, setBoardVisibility } from './handlers/board'
import { adjust, mine } from './handlers/ledger'
import { rules, saveRule } from './handlers/rules'
import { decideStar, saveStarSettings, starQueue, starSettings } from './handlers/stars'
import { cancel, handOver, items, myRedemptions, redeem, saveItem } from './handlers/shop'
import { creditTimer } from './timer'

initCloud(cloud)

export const main = createMain(
  'credit',
  credit,
  {
    mine,
    adjust,
    board,
    setBoardVisibility,
    starQueue,
    starSettings,
    saveStarSettings,
    decideStar,
    rules,
    saveRule,
    items,
    saveItem,
    redeem,
    myRedemptions,
    cancel,
    handOver,
  },
  { cloud },
  creditTimer,
)
