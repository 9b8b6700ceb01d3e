import { orderFixture } from './fixture'
import { isRefusal, plan, type Command, type Who } from './machine'
import { ORDER_EVENTS, ORDER_STATES, type OrderActor, type OrderEvent, type OrderState } from './model'

const ACTORS: OrderActor[] = ['owner', 'manager', 'teamMember', 'holder', 'timer']

/** Written out by hand (not derived from RULES): event → state it may happen in → who may do it → next state. */
const ALLOWED: Array<[OrderEvent, OrderState, OrderActor, OrderState]> = [
  ['dispatch', 'submitted', 'manager', 'dispatched'],
  ['escalate', 'submitted', 'manager', 'submitted'],
  ['escalate', 'submitted', 'timer', 'submitted'],
  ['reject', 'submitted', 'manager', 'rejected'],
  ['reject', 'dispatched', 'manager', 'rejected'],
  ['cancel', 'submitted', 'owner', 'cancelled'],
  ['cancel', 'submitted', 'manager', 'cancelled'],
  ['cancel', 'dispatched', 'owner', 'cancelled'],
  ['cancel', 'dispatched', 'manager', 'cancelled'],
  ['cancel', 'accepted', 'owner', 'cancelled'],
  ['cancel', 'accepted', 'manager', 'cancelled'],
  ['accept', 'dispatched', 'teamMember', 'accepted'],
  ['handBack', 'accepted', 'holder', 'dispatched'],
  ['complete', 'accepted', 'holder', 'done'],
  ['rate', 'done', 'owner', 'rated'],
  ['rerate', 'rated', 'owner', 'rated'],
]

function command(event: OrderEvent): Command {
  switch (event) {
    case 'dispatch':
      return { event, team: { _id: 't2', name: '红马甲队' } }
    case 'escalate':
      return { event, escalateAfterMs: 3_600_000, parentName: '城关所' }
    case 'reject':
    case 'cancel':
    case 'handBack':
      return { event, reason: '临时有事' }
    case 'accept':
      return { event }
    case 'complete':
      return { event, note: '已理发', minutes: 45, photoFileId: null }
    case 'rate':
    case 'rerate':
      return { event, stars: 5, comment: '很好' }
  }
}

const at = new Date('2026-11-21T02:00:00Z')
const cases = ORDER_EVENTS.flatMap((e) => ORDER_STATES.flatMap((s) => ACTORS.map((a) => [e, s, a] as const)))

it.each(cases)('%s in %s by %s: allowed exactly as the table says', (event, state, actor) => {
  const who: Who = { openid: actor === 'timer' ? null : `${actor}-id`, name: actor, as: actor }
  const order = orderFixture(state)
  const result = plan(order, command(event), who, at)
  const allowed = ALLOWED.find(([e, s, a]) => e === event && s === state && a === actor)
  if (allowed) {
    expect(isRefusal(result) ? result : 'planned').toBe('planned')
    if (isRefusal(result)) return
    expect(result.to).toBe(allowed[3])
    expect(result.set.state).toBe(allowed[3])
    // the write is conditional on the version and state that were read, and bumps the version
    expect(result.where).toEqual({ _id: order._id, state, version: order.version })
    expect(result.set.version).toBe(order.version + 1)
    expect(result.entry).toMatchObject({ event, from: state, to: allowed[3], by: who.openid, as: actor })
  } else {
    expect(isRefusal(result) ? result.code : 'planned').not.toBe('planned')
  }
})

it('refusals carry a stable code and a Chinese message', () => {
  const by = (as: OrderActor): Who => ({ openid: 'x', name: 'x', as })
  const r = (s: OrderState, e: OrderEvent, a: OrderActor) => plan(orderFixture(s), command(e), by(a), at)
  expect(r('accepted', 'accept', 'teamMember')).toMatchObject({ code: 'ORDER_TAKEN' })
  expect(r('accepted', 'rate', 'owner')).toMatchObject({ code: 'ORDER_NOT_DONE' })
  expect(r('dispatched', 'rate', 'owner')).toMatchObject({ code: 'ORDER_NOT_DONE' })
  expect(r('rated', 'rate', 'owner')).toMatchObject({ code: 'ALREADY_RATED' })
  expect(r('cancelled', 'dispatch', 'manager')).toMatchObject({ code: 'ORDER_CLOSED' })
  expect(r('submitted', 'accept', 'owner')).toMatchObject({ code: 'FORBIDDEN' })
  for (const s of ORDER_STATES)
    for (const e of ORDER_EVENTS) {
      const res = plan(orderFixture(s), command(e), by('manager'), at)
      if (isRefusal(res)) expect(res.message).toMatch(/[\u4e00-\u9fa5]/)
    }
})

it('a rating changes once, within 7 days', () => {
  const owner: Who = { openid: 'r', name: '李桂兰', as: 'owner' }
  const rated = orderFixture('rated')
  const first = plan(rated, { event: 'rerate', stars: 2, comment: '' }, owner, at)
  expect(isRefusal(first) ? first : first.set.rating).toMatchObject({ stars: 2, changes: 1 })
  if (!isRefusal(first)) expect(first.stats).toEqual({ ratingSum: 2 - 4 })
  const changed = orderFixture('rated', {
    rating: { stars: 2, comment: '', at: rated.rating!.at, changes: 1 },
  })
  expect(plan(changed, { event: 'rerate', stars: 5, comment: '' }, owner, at)).toMatchObject({
    code: 'RATING_LOCKED',
  })
  const late = new Date(rated.rating!.at.getTime() + 7 * 86_400_000 + 1)
  expect(plan(rated, { event: 'rerate', stars: 5, comment: '' }, owner, late)).toMatchObject({
    code: 'RATING_LOCKED',
  })
})

it('escalation walks the queue up to the center and stops there', () => {
  const timer: Who = { openid: null, name: '系统', as: 'timer' }
  const cmd: Command = { event: 'escalate', escalateAfterMs: 3_600_000, parentName: '城关所' }
  const once = plan(orderFixture('submitted'), cmd, timer, at)
  if (isRefusal(once)) throw new Error(once.message)
  expect(once.set).toMatchObject({ queueUnitId: 'i', queuePath: ['c', 'i'], queueUnitName: '城关所' })
  expect(once.set.escalateAt).toEqual(new Date(at.getTime() + 3_600_000))
  const twice = plan(orderFixture('submitted', { queuePath: ['c', 'i'], queueUnitId: 'i' }), cmd, timer, at)
  if (isRefusal(twice)) throw new Error(twice.message)
  expect(twice.set).toMatchObject({ queueUnitId: 'c', queuePath: ['c'], escalateAt: null })
  const top = plan(orderFixture('submitted', { queuePath: ['c'], queueUnitId: 'c' }), cmd, timer, at)
  expect(top).toMatchObject({ code: 'ORDER_TOP' })
})

it('figures: state counts move and durations count once', () => {
  const manager: Who = { openid: 'm', name: '刘建国', as: 'manager' }
  const d = plan(orderFixture('submitted'), command('dispatch'), manager, at)
  if (isRefusal(d)) throw new Error(d.message)
  expect(d.stats).toEqual({
    'n.submitted': -1,
    'n.dispatched': 1,
    dispatchMs: at.getTime() - orderFixture('submitted').submittedAt.getTime(),
    dispatchCount: 1,
  })
  // accepted again after a hand-back: the time to accept is not counted a second time
  const volunteer: Who = { openid: 'v2', name: '王芳', as: 'teamMember' }
  const again = plan(
    orderFixture('dispatched', { acceptedAt: new Date(0) }),
    command('accept'),
    volunteer,
    at,
  )
  if (isRefusal(again)) throw new Error(again.message)
  expect(again.stats).toEqual({ 'n.dispatched': -1, 'n.accepted': 1 })
  expect(again.set).toMatchObject({ holder: 'v2', holderName: '王芳' })
})
