import cloud from 'wx-server-sdk'
import { orders } from '../../../core/contract/orders'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { accept, cancel, complete, dispatch, escalate, handBack, rate, reject } from './handlers/act'
import { available, figures, get, mine, queue } from './handlers/lists'
import { menu, setMenu } from './handlers/menu'
import { place } from './handlers/place'
import { escalateTimer } from './timer'

initCloud(cloud)

export const main = createMain(
  'orders',
  orders,
  {
    menu,
    setMenu,
    place,
    mine,
    get,
    queue,
    dispatch,
    escalate,
    reject,
    cancel,
    available,
    accept,
    handBack,
    complete,
    rate,
    figures,
  },
  { cloud },
  escalateTimer,
)
