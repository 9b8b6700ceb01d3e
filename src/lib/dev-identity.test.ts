import { DEFAULT_DEMO_OPENID, isElderIdentity, pickIdentity, presetFromUrl } from './dev-identity'

describe('presetFromUrl', () => {
  test('reads ?as= before the hash', () => {
    expect(presetFromUrl('?as=demo-elder', '#/pages/index/index')).toBe('demo-elder')
  })

  test("reads ?as= in the hash route's own query", () => {
    expect(presetFromUrl('', '#/pages/station/index?id=u1&as=demo-station-manager')).toBe(
      'demo-station-manager',
    )
  })

  test('ignores identities that are not demo ones', () => {
    expect(presetFromUrl('?as=oABC-real-openid', '')).toBeNull()
    expect(presetFromUrl('', '#/pages/index/index')).toBeNull()
  })
})

describe('pickIdentity', () => {
  test('the URL preset wins over the stored choice', () => {
    expect(pickIdentity('demo-volunteer', 'demo-center-admin')).toBe('demo-volunteer')
  })

  test('without a preset the stored choice is used, if it is a demo identity', () => {
    expect(pickIdentity(null, 'demo-center-admin')).toBe('demo-center-admin')
    expect(pickIdentity(null, 'someone-else')).toBe(DEFAULT_DEMO_OPENID)
    expect(pickIdentity(null, null)).toBe('demo-resident')
  })
})

test('only 长辈居民 asks for elder mode', () => {
  expect(isElderIdentity('demo-elder')).toBe(true)
  expect(isElderIdentity('demo-resident')).toBe(false)
})
