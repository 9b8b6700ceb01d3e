import { randomBytes } from 'node:crypto'
import { decryptIdNumber, encryptIdNumber, idNumberKey } from './id-crypto'

const LOCAL = { TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'http://127.0.0.1:8787/admin' }) }
const REMOTE = { TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'https://tcb-api.tencentcloudapi.com/admin' }) }
const ID = '37070219900101123X'

describe('ID number encryption', () => {
  it('round-trips with a configured key, with a fresh IV each time', () => {
    const env = { ...REMOTE, PEOPLE_ID_KEY: randomBytes(32).toString('hex') }
    const a = encryptIdNumber(ID, env)
    const b = encryptIdNumber(ID, env)
    expect(a).not.toBe(b)
    expect(a).not.toContain(ID)
    expect(decryptIdNumber(a, env)).toBe(ID)
  })

  it('accepts a base64 key and refuses one that is not 32 bytes', () => {
    expect(idNumberKey({ ...REMOTE, PEOPLE_ID_KEY: randomBytes(32).toString('base64') })).toHaveLength(32)
    expect(idNumberKey({ ...REMOTE, PEOPLE_ID_KEY: 'short' })).toBeUndefined()
  })

  it('refuses to store an ID number without a key outside the local cloud', () => {
    expect(() => encryptIdNumber(ID, REMOTE)).toThrow(expect.objectContaining({ code: 'ID_KEY_MISSING' }))
    expect(idNumberKey(LOCAL)).toHaveLength(32)
  })

  it('detects tampering and a wrong key', () => {
    const env = { ...REMOTE, PEOPLE_ID_KEY: randomBytes(32).toString('hex') }
    const stored = encryptIdNumber(ID, env)
    const parts = stored.split(':')
    const body = Buffer.from(parts[3]!, 'base64')
    body[0] = body[0]! ^ 1
    expect(() => decryptIdNumber([...parts.slice(0, 3), body.toString('base64')].join(':'), env)).toThrow()
    expect(() =>
      decryptIdNumber(stored, { ...REMOTE, PEOPLE_ID_KEY: randomBytes(32).toString('hex') }),
    ).toThrow()
  })
})
