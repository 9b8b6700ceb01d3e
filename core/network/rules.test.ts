import {
  childLevel,
  insideChina,
  invitationIdFrom,
  invitationScene,
  invitationState,
  invitationUrl,
  maskName,
  nameKey,
  retiredMessage,
} from './rules'

describe('childLevel', () => {
  it('is one level below, and nothing below a point', () => {
    expect(childLevel('center')).toBe('institute')
    expect(childLevel('institute')).toBe('station')
    expect(childLevel('station')).toBe('point')
    expect(childLevel('point')).toBeNull()
  })
})

describe('insideChina', () => {
  it.each([
    [36.7005, 119.1012, true],
    [39.9042, 116.4074, true],
    [18.25, 109.5, true],
    [48.8566, 2.3522, false],
    [119.1, 36.7, false],
    [0, 0, false],
  ])('%f, %f → %s', (lat, lng, inside) => {
    expect(insideChina(lat, lng)).toBe(inside)
  })
})

describe('invitation scenes', () => {
  const id = 'AbCdEfGhIjKlMnOpQrStUv_-'
  it('fit the 32-character scene and come back from a scan, encoded or not', () => {
    const scene = invitationScene(id)
    expect(scene.length).toBeLessThanOrEqual(32)
    expect(invitationIdFrom(scene)).toBe(id)
    expect(invitationIdFrom(encodeURIComponent(scene))).toBe(id)
    expect(invitationIdFrom(encodeURIComponent(encodeURIComponent(scene)))).toBe(id)
  })
  it('refuses anything else', () => {
    expect(invitationIdFrom('s=QH001')).toBeNull()
    expect(invitationIdFrom('i=short')).toBeNull()
    expect(invitationIdFrom('')).toBeNull()
    expect(invitationIdFrom(undefined)).toBeNull()
    expect(() => invitationScene('bad id')).toThrow(RangeError)
  })
  it('makes the H5 link to the accept page', () => {
    expect(invitationUrl('http://127.0.0.1:8787/#/pages/index/index', `i=${id}`)).toBe(
      `http://127.0.0.1:8787/#/network/pages/accept/index?scene=i%3D${id}`,
    )
  })
})

describe('invitationState', () => {
  const now = new Date('2026-11-26T08:00:00+08:00')
  it('is expired once expiresAt has passed, only while still pending', () => {
    expect(invitationState({ status: 'pending', expiresAt: now.getTime() + 1 }, now)).toBe('pending')
    expect(invitationState({ status: 'pending', expiresAt: now }, now)).toBe('expired')
    expect(invitationState({ status: 'accepted', expiresAt: now.getTime() - 1 }, now)).toBe('accepted')
    expect(invitationState({ status: 'cancelled', expiresAt: now.getTime() + 1 }, now)).toBe('cancelled')
  })
})

describe('maskName and nameKey', () => {
  it('keeps the first and last character', () => {
    expect(maskName('张三明')).toBe('张*明')
    expect(maskName('欧阳娜娜')).toBe('欧**娜')
    expect(maskName('高明')).toBe('高*')
    expect(maskName('')).toBe('未留姓名')
  })
  it('compares names without whitespace', () => {
    expect(nameKey(' 幸福里 社区站 ')).toBe(nameKey('幸福里社区站'))
  })
})

describe('retiredMessage', () => {
  it('names the successor and its address', () => {
    expect(retiredMessage({ name: '南湖村新时代文明实践站', address: '南湖镇南湖村' })).toBe(
      '该站点已合并/停用，请前往「南湖村新时代文明实践站」（南湖镇南湖村）',
    )
    expect(retiredMessage(null)).toMatch(/^该站点已合并\/停用，请前往/)
  })
})
