import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { startLocalCloud, type LocalCloud } from '../index'
import {
  assertPlatformPipeline,
  PLATFORM_EXPRESSION_OPERATORS,
  PLATFORM_QUERY_OPERATORS,
  PLATFORM_STAGES,
} from './aggregate-allowlist'

/** @cloudbase/database as wx-server-sdk resolves it. */
const load = createRequire(__filename)

function sdkDatabaseDir(): string {
  const sdk = load.resolve('wx-server-sdk')
  const nodeSdk = load.resolve('@cloudbase/node-sdk', { paths: [dirname(sdk)] })
  return dirname(load.resolve('@cloudbase/database/package.json', { paths: [dirname(nodeSdk)] }))
}

describe('aggregation allow-list', () => {
  it('matches what @cloudbase/database exposes', () => {
    const dir = join(sdkDatabaseDir(), 'dist', 'commonjs')
    const Aggregation = (load(join(dir, 'aggregate.js')) as { default: { prototype: object } }).default
    const { Command } = load(join(dir, 'command.js')) as {
      Command: { aggregate: Record<string, (p: unknown) => object> } & Record<string, unknown>
    }
    const internal = new Set(['constructor', 'end', 'unwrap', 'done', '_pipe'])
    const stages = Object.getOwnPropertyNames(Aggregation.prototype)
      .filter((m) => !internal.has(m))
      .map((m) => `$${m}`)
    expect(new Set(stages)).toEqual(PLATFORM_STAGES)
    const operators = Object.entries(Command.aggregate)
      .filter(([k]) => k !== 'pipeline')
      .map(([, make]) => Object.keys(make(1))[0])
    expect(new Set(operators)).toEqual(PLATFORM_EXPRESSION_OPERATORS)
    for (const name of [
      'eq',
      'ne',
      'in',
      'nin',
      'all',
      'elemMatch',
      'exists',
      'and',
      'or',
      'nor',
      'not',
      'expr',
    ]) {
      expect(PLATFORM_QUERY_OPERATORS.has(`$${name}`)).toBe(true)
    }
  })

  it('refuses stages and operators the platform does not take, with its error code', () => {
    const refused = [
      [{ $facet: { a: [] } }],
      [{ $unionWith: 'other' }],
      [{ $setWindowFields: { output: {} } }],
      [{ $match: { a: 1 } }, { $addFields: { s: { $toString: '$a' } } }],
      [{ $lookup: { from: 'x', pipeline: [{ $facet: {} }], as: 'y' } }],
      [{ $group: { _id: null, n: { $count: {} } } }],
    ]
    for (const pipeline of refused) {
      expect(() => assertPlatformPipeline(pipeline)).toThrow(
        expect.objectContaining({ code: 'DATABASE_INVALID_OPERRATOR' }),
      )
    }
    expect(() =>
      assertPlatformPipeline([
        {
          $match: {
            station: { $in: ['a', 'b'] },
            at: { $gte: new Date(0) },
            $or: [{ x: 1 }, { y: { $exists: true } }],
          },
        },
        {
          $addFields: {
            day: { $dateToString: { date: '$at', format: '%Y-%m-%d', timezone: 'Asia/Shanghai' } },
          },
        },
        { $group: { _id: '$day', n: { $sum: 1 }, names: { $addToSet: '$name' } } },
        {
          $project: {
            n: 1,
            pos: { $indexOfCP: ['$name', 'a'] },
            w: { $week: '$at' },
            lit: { $literal: { $foo: 1 } },
          },
        },
        { $sort: { n: -1 } },
        {
          $lookup: {
            from: 'x',
            let: { id: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$k', '$$id'] } } }],
            as: 'y',
          },
        },
      ]),
    ).not.toThrow()
  })

  describe('through the real SDK', () => {
    let cloud: LocalCloud
    let restore: Record<string, string | undefined>
    beforeAll(async () => {
      cloud = await startLocalCloud({ quiet: true, functionsDir: join(__dirname, 'no-functions') })
      restore = {}
      for (const [k, v] of Object.entries(cloud.sdkEnv())) {
        restore[k] = process.env[k]
        process.env[k] = v
      }
      await cloud.db.insertMany('memos', [
        { _id: 'a', n: 1 },
        { _id: 'b', n: 2 },
      ])
    })
    afterAll(async () => {
      for (const [k, v] of Object.entries(restore ?? {})) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
      await cloud?.stop()
    })

    it('answers the platform error DATABASE_INVALID_OPERRATOR for an operator the SDK does not expose, and runs the rest', async () => {
      let sdk: typeof import('wx-server-sdk') | undefined
      jest.isolateModules(() => {
        sdk = jest.requireActual<typeof import('wx-server-sdk')>('wx-server-sdk')
      })
      sdk!.init({ env: sdk!.DYNAMIC_CURRENT_ENV as unknown as string })
      const db = sdk!.database()
      const $ = db.command.aggregate
      const ok = await db
        .collection('memos')
        .aggregate()
        .group({ _id: null, total: $.sum('$n') })
        .end()
      expect((ok as { list: unknown[] }).list).toEqual([{ _id: null, total: 3 }])
      // the SDK's typings union the promise with the callback style's void
      const refused = await (
        db
          .collection('memos')
          .aggregate()
          .addFields({ s: { $toString: '$n' } })
          .end() as Promise<unknown>
      ).then(
        () => undefined,
        (err: { code?: string; errCode?: number; errMsg?: string }) => err,
      )
      // what wx-server-sdk surfaces for the platform's DATABASE_INVALID_OPERRATOR (-502002 in its table)
      expect(`${refused?.code} ${refused?.errCode}`).toMatch(/DATABASE_INVALID_OPERRATOR|-502002/)
      expect(refused?.errMsg).toContain("Unrecognized expression '$toString'")
    })
  })
})
