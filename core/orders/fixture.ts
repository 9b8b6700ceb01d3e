/** A stored order for tests of the machine and the views (pure). */
import type { OrderDoc, OrderState } from './model'

export function orderFixture(state: OrderState, over: Partial<OrderDoc> = {}): OrderDoc {
  const t0 = new Date('2026-11-20T01:00:00Z')
  const after = (min: number) => new Date(t0.getTime() + min * 60_000)
  const reached = (s: OrderState) =>
    ['submitted', 'dispatched', 'accepted', 'done', 'rated'].indexOf(state) >=
    ['submitted', 'dispatched', 'accepted', 'done', 'rated'].indexOf(s)
  return {
    _id: 'o-test',
    state,
    version: 3,
    centerId: 'c',
    category: '理发',
    unitId: 's',
    unitName: '幸福里站',
    unitPath: ['c', 'i', 's'],
    queueUnitId: 's',
    queueUnitName: '幸福里站',
    queuePath: ['c', 'i', 's'],
    escalateAt: state === 'submitted' ? after(120) : null,
    residentId: 'r',
    residentName: '李桂兰',
    placedBy: 'r',
    placedByRole: 'self',
    wantedAt: after(24 * 60),
    where: 'home',
    address: '幸福里 3 号楼 2 单元 501',
    phone: '13800000000',
    note: '',
    noteCheck: 'none',
    teamId: reached('dispatched') ? 't' : null,
    teamName: reached('dispatched') ? '邻里守望队' : null,
    holder: reached('accepted') ? 'v' : null,
    holderName: reached('accepted') ? '赵志强' : null,
    reason: null,
    doneNote: null,
    donePhotoFileId: null,
    minutes: reached('done') ? 60 : null,
    rating: state === 'rated' ? { stars: 4, comment: '', at: after(300), changes: 0 } : null,
    month: '2026-11',
    submittedAt: t0,
    dispatchedAt: reached('dispatched') ? after(30) : null,
    acceptedAt: reached('accepted') ? after(60) : null,
    doneAt: reached('done') ? after(240) : null,
    closedAt: null,
    updatedAt: t0,
    history: [],
    ...over,
  }
}
