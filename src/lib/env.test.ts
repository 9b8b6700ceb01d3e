import { ClientEnvError, parseClientEnv, platform, readClientEnv } from './env'

describe('parseClientEnv', () => {
  test('a cloud environment id and a target are read as they are', () => {
    expect(parseClientEnv({ TARO_ENV: 'weapp', TARO_APP_CLOUD_ENV: 'prod-4g2h7x1c9a' })).toEqual({
      platform: 'weapp',
      cloudEnv: 'prod-4g2h7x1c9a',
    })
  })

  test('empty or unset means the default environment (and no target outside a build)', () => {
    expect(parseClientEnv({})).toEqual({ platform: undefined, cloudEnv: undefined })
    expect(parseClientEnv({ TARO_ENV: 'h5', TARO_APP_CLOUD_ENV: '  ' })).toEqual({
      platform: 'h5',
      cloudEnv: undefined,
    })
  })

  test('a bad id is refused with a message naming the variable in Chinese and English', () => {
    expect(() => parseClientEnv({ TARO_APP_CLOUD_ENV: 'prod env/1' })).toThrow(ClientEnvError)
    try {
      parseClientEnv({ TARO_APP_CLOUD_ENV: 'prod env/1', TARO_ENV: 'We App' })
      throw new Error('not refused')
    } catch (error) {
      expect(error).toBeInstanceOf(ClientEnvError)
      const { problems, message } = error as ClientEnvError
      expect(problems).toHaveLength(2)
      expect(message).toContain('TARO_APP_CLOUD_ENV="prod env/1"')
      expect(message).toContain('不是云开发环境 ID')
      expect(message).toContain('not a cloud environment id')
      expect(message).toContain('TARO_ENV="We App"')
    }
  })
})

describe('readClientEnv / platform', () => {
  const env = process.env as Record<string, string | undefined>
  const saved = { ...env }
  afterEach(() => {
    for (const name of ['TARO_ENV', 'TARO_APP_CLOUD_ENV']) {
      if (saved[name] === undefined) Reflect.deleteProperty(env, name)
      else env[name] = saved[name]
    }
  })

  test('read from process.env by name, on every call', () => {
    process.env.TARO_ENV = 'weapp'
    process.env.TARO_APP_CLOUD_ENV = 'test-1'
    expect(readClientEnv()).toEqual({ platform: 'weapp', cloudEnv: 'test-1' })
    process.env.TARO_ENV = 'h5'
    expect(platform()).toBe('h5')
    process.env.TARO_APP_CLOUD_ENV = 'bad id'
    expect(() => readClientEnv()).toThrow(ClientEnvError)
  })
})
