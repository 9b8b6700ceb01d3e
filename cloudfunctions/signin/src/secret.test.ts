import { isLocalCloud, LOCAL_DEV_SECRET, signinSecret } from './secret'

const local = { TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'http://127.0.0.1:40123/admin' }) }
const remote = { TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'https://tcb-api.tencentcloudapi.com/admin' }) }
const strong = 'x'.repeat(40)

describe('signinSecret', () => {
  it('reads SIGNIN_SECRET wherever it runs', () => {
    expect(signinSecret({ ...remote, SIGNIN_SECRET: strong })).toBe(strong)
    expect(signinSecret({ ...local, SIGNIN_SECRET: strong })).toBe(strong)
  })

  it('refuses a short secret', () => {
    expect(signinSecret({ ...remote, SIGNIN_SECRET: 'short' })).toBeUndefined()
    expect(signinSecret({ ...local, SIGNIN_SECRET: 'short' })).toBeUndefined()
  })

  it('falls back to the development secret on the local cloud only', () => {
    expect(signinSecret(local)).toBe(LOCAL_DEV_SECRET)
    expect(signinSecret(remote)).toBeUndefined()
    expect(signinSecret({})).toBeUndefined()
  })

  it('recognises the local cloud by its loopback admin URL', () => {
    expect(isLocalCloud(local)).toBe(true)
    expect(isLocalCloud({ TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'http://localhost:9/admin' }) })).toBe(true)
    expect(isLocalCloud(remote)).toBe(false)
    expect(isLocalCloud({ TCB_CONTEXT_CNFG: 'not json' })).toBe(false)
  })
})
