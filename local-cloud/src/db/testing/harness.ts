/**
 * Test harness: a Database behind a CloudHttpServer on 127.0.0.1, and the real wx-server-sdk pointed
 * at it. Each jest file gets its own copy of the SDK module (jest isolates module registries).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudHttpServer } from '../../server'
import { Database, type DatabaseOptions } from '../index'

export type WxCloud = typeof import('wx-server-sdk')
export type WxDatabase = ReturnType<WxCloud['database']>
export type WxCollection = ReturnType<WxDatabase['collection']>

/** The part of a wx-server-sdk transaction the tests use (the SDK types it as `any`). */
export interface WxTransaction {
  collection(name: string): WxCollection
  rollback(reason?: unknown): Promise<unknown>
  commit(): Promise<unknown>
}

export interface IndexDeclaration {
  collection: string
  indexes: { name: string; keys: Record<string, 1 | -1 | '2dsphere'>; unique?: boolean }[]
}

export interface Harness {
  db: Database
  cloud: WxCloud
  wx: WxDatabase
  dataDir: string
  indexesDir: string
  logs: string[]
  port: number
  /** Closes the server and the database (keeps the files). */
  stop(): Promise<void>
  /** stop() and delete the files. */
  close(): Promise<void>
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`))
}

export function writeIndexes(dir: string, decls: IndexDeclaration[]): void {
  mkdirSync(dir, { recursive: true })
  for (const d of decls) {
    writeFileSync(
      join(dir, `${d.collection}.json`),
      JSON.stringify({ ...d, rules: { read: false, write: false } }),
    )
  }
}

export async function startHarness(
  opts: { indexes?: IndexDeclaration[]; dataDir?: string } & Partial<Omit<DatabaseOptions, 'dataDir'>> = {},
): Promise<Harness> {
  const root = tempDir('local-db')
  const dataDir = opts.dataDir ?? join(root, 'data')
  const indexesDir = opts.indexesDir ?? join(root, 'database')
  writeIndexes(indexesDir, opts.indexes ?? [])
  const logs: string[] = []
  const db = await Database.open({
    ...opts,
    dataDir,
    indexesDir,
    log: opts.log ?? ((msg) => logs.push(msg)),
  })
  const server = new CloudHttpServer()
  server.handleAdmin('database', db.handle)
  const port = await server.listen(0)
  // Fake credentials and TENCENTCLOUD=true skip the SDK's credential probe (about 5 s).
  process.env.TENCENTCLOUD_SECRETID = 'local-secret-id'
  process.env.TENCENTCLOUD_SECRETKEY = 'local-secret-key'
  process.env.TENCENTCLOUD = 'true'
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the env above is set
  const cloud = require('wx-server-sdk') as WxCloud
  // keepalive: false is what the SDK does inside SCF; its keep-alive agent (outside SCF) caps a process
  // at 100 sockets, and many concurrent transactions in one process would queue behind their own locks.
  // cloud.init only takes effect once per module instance (jest gives each test file its own).
  const init = { env: 'local-test', serviceUrl: `http://127.0.0.1:${port}/admin`, keepalive: false }
  cloud.init(init)
  let stopped = false
  const stop = async (): Promise<void> => {
    if (stopped) return
    stopped = true
    await server.close()
    await db.close()
  }
  return {
    db,
    cloud,
    wx: cloud.database(),
    dataDir,
    indexesDir,
    logs,
    port,
    stop,
    close: async () => {
      await stop()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & { errCode?: number; errMsg?: string }> {
  try {
    await p
  } catch (err) {
    return err as Error & { errCode?: number; errMsg?: string }
  }
  throw new Error('expected the promise to reject')
}

/** wx-server-sdk types its calls as `Promise<T> | void | string` (callback style); tests use promises. */
export function sdk<T>(p: Promise<T> | void | string): Promise<T> {
  if (!(p instanceof Promise)) throw new Error('the SDK did not return a promise')
  return p
}

/**
 * Resolves once `check()` holds, looking again after each turn of the event loop: for states the
 * database reaches (a write waiting for a lock) rather than a guess at how long that takes.
 */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setImmediate(r))
}
