/**
 * The router's caller read: a `callerOnDemand` handler of an action anyone may call starts at once, with
 * the caller's record read alongside it (one sequential round for a public read); every other handler
 * runs after the record was read and the role checked. A fake database holds each read until released,
 * so the order is observed, not timed.
 */
import { codes } from '../core/contract/codes'
import { stations } from '../core/contract/stations'
import type { UserRecord } from '../core/domain'
import { AppError } from '../core/errors'
import { callerOnDemand, createMain, type Handler } from './router'
import type { Cloud, OpenApi } from './types'

interface Pending {
  collection: string
  query: unknown
  release(): void
}

/** users only: reads wait for release(); adds land at once. */
function fakeCloud(openid: string, users: UserRecord[] = []) {
  const pending: Pending[] = []
  const log: string[] = []
  const docs = new Map(users.map((u) => [u._id, u]))
  const collection = (name: string) => ({
    where: (query: { _id?: string }) => ({
      limit: () => ({
        get: () =>
          new Promise((resolve) => {
            log.push(`read ${name}`)
            pending.push({
              collection: name,
              query,
              release: () => {
                log.push(`answered ${name}`)
                const doc = query._id ? docs.get(query._id) : undefined
                resolve({ data: doc ? [doc] : [] })
              },
            })
          }),
      }),
    }),
    add: async ({ data }: { data: UserRecord }) => {
      log.push(`add ${name}`)
      docs.set(data._id, data)
      return { _id: data._id }
    },
  })
  const cloud = {
    getWXContext: () => ({ OPENID: openid, SOURCE: 'wx_client' }),
    database: () => ({ collection, command: {} }),
  } as unknown as Cloud
  /** releases reads until none is pending (a read may start another) */
  const drain = async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setImmediate(r))
      const next = pending.shift()
      if (next) next.release()
    }
  }
  return { cloud, pending, log, docs, drain }
}

const openapi = {} as OpenApi
const now = () => new Date('2026-11-25T08:00:00Z')
const idle: Handler<'stations', 'list'> = async () => ({ stations: [], nextCursor: null })
const detail: Handler<'stations', 'get'> = async () => {
  throw new Error('not called')
}

test('a callerOnDemand handler runs at once, before the caller read answers; the read still completes', async () => {
  const fake = fakeCloud('o-resident', [{ _id: 'o-resident', grants: [], createdAt: now() }])
  const main = createMain(
    'stations',
    stations,
    {
      nearby: callerOnDemand<'stations', 'nearby'>(async (_input, { caller }) => {
        fake.log.push(`handler as ${caller.openid}`)
        return { stations: [], radiusMeters: 1000 }
      }),
      list: idle,
      get: detail,
    },
    { cloud: fake.cloud, now, openapi },
  )
  const answer = main({ action: 'nearby', input: { latitude: 36.7, longitude: 119.1 } })
  await fake.drain()
  await expect(answer).resolves.toEqual({ ok: true, data: { stations: [], radiusMeters: 1000 } })
  expect(fake.log).toEqual(['read users', 'handler as o-resident', 'answered users'])
})

test('a plain handler runs only after the caller read answered', async () => {
  const fake = fakeCloud('o-resident', [{ _id: 'o-resident', grants: [], createdAt: now() }])
  const main = createMain(
    'stations',
    stations,
    {
      nearby: async (_input, { caller }) => {
        fake.log.push(`handler as ${caller.user._id}`)
        return { stations: [], radiusMeters: 1000 }
      },
      list: idle,
      get: detail,
    },
    { cloud: fake.cloud, now, openapi },
  )
  const answer = main({ action: 'nearby', input: { latitude: 36.7, longitude: 119.1 } })
  await fake.drain()
  await expect(answer).resolves.toMatchObject({ ok: true })
  expect(fake.log).toEqual(['read users', 'answered users', 'handler as o-resident'])
})

test('load() reads once however often it is awaited, and creates the record on a first call', async () => {
  const fake = fakeCloud('o-new')
  let seen: unknown
  const main = createMain(
    'stations',
    stations,
    {
      nearby: callerOnDemand<'stations', 'nearby'>(async (_input, { caller }) => {
        const [a, b] = await Promise.all([caller.load(), caller.load()])
        seen = { same: a === b, roles: [...a.roles], again: (await caller.load()) === a }
        return { stations: [], radiusMeters: 1000 }
      }),
      list: idle,
      get: detail,
    },
    { cloud: fake.cloud, now, openapi },
  )
  const answer = main({ action: 'nearby', input: { latitude: 36.7, longitude: 119.1 } })
  await fake.drain()
  await expect(answer).resolves.toMatchObject({ ok: true })
  expect(seen).toEqual({ same: true, roles: ['resident'], again: true })
  expect(fake.log.filter((l) => l === 'read users')).toHaveLength(1)
  expect(fake.docs.get('o-new')).toMatchObject({ _id: 'o-new', grants: [] })
})

test('a handler that never asks still has the first-ever record created before the call answers', async () => {
  const fake = fakeCloud('o-first')
  const main = createMain(
    'stations',
    stations,
    {
      nearby: callerOnDemand<'stations', 'nearby'>(async () => ({ stations: [], radiusMeters: 1000 })),
      list: idle,
      get: detail,
    },
    { cloud: fake.cloud, now, openapi },
  )
  const answer = main({ action: 'nearby', input: { latitude: 36.7, longitude: 119.1 } })
  await fake.drain()
  await expect(answer).resolves.toMatchObject({ ok: true })
  expect(fake.docs.has('o-first')).toBe(true)
})

test("a manager action's role is checked before its handler runs, even when marked callerOnDemand", async () => {
  const fake = fakeCloud('o-resident', [{ _id: 'o-resident', grants: [], createdAt: now() }])
  let ran = false
  const main = createMain(
    'codes',
    codes,
    {
      list: callerOnDemand<'codes', 'list'>(async () => {
        ran = true
        return { codes: [] } as never
      }),
      generate: async () => {
        throw new Error('not called')
      },
      image: async () => {
        throw new Error('not called')
      },
    },
    { cloud: fake.cloud, now, openapi },
  )
  const answer = main({ action: 'list', input: {} })
  await fake.drain()
  await expect(answer).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
  expect(ran).toBe(false)
})

test('a failed caller read fails the call as before, even when the handler never asked', async () => {
  const fake = fakeCloud('o-resident')
  const broken = {
    getWXContext: fake.cloud.getWXContext,
    database: () => ({
      command: {},
      collection: () => ({
        where: () => ({ limit: () => ({ get: () => Promise.reject(new Error('database down')) }) }),
      }),
    }),
  } as unknown as Cloud
  const main = createMain(
    'stations',
    stations,
    {
      nearby: callerOnDemand<'stations', 'nearby'>(async () => ({ stations: [], radiusMeters: 1000 })),
      list: idle,
      get: detail,
    },
    { cloud: broken, now, openapi },
  )
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  await expect(
    main({ action: 'nearby', input: { latitude: 36.7, longitude: 119.1 } }),
  ).resolves.toMatchObject({
    ok: false,
    code: 'INTERNAL',
  })
  error.mockRestore()
})

test('a callerOnDemand handler that fails still answers only after the caller read finished', async () => {
  const fake = fakeCloud('o-resident', [{ _id: 'o-resident', grants: [], createdAt: now() }])
  const main = createMain(
    'stations',
    stations,
    {
      nearby: callerOnDemand<'stations', 'nearby'>(async () => {
        throw new AppError('NOT_FOUND', '没有找到')
      }),
      list: idle,
      get: detail,
    },
    { cloud: fake.cloud, now, openapi },
  )
  let answered = false
  const answer = main({ action: 'nearby', input: { latitude: 36.7, longitude: 119.1 } }).then((r) => {
    answered = true
    return r
  })
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
  expect(answered).toBe(false) // the read is still pending
  await fake.drain()
  await expect(answer).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' })
})
