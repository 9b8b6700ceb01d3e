import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'

const HARNESS = join(__dirname, 'harness.cjs')
/** How long loading a function's module (the platform's init phase) may take. */
const INIT_TIMEOUT_MS = 30_000

/** What one invocation produced, before it is mapped to the platform's error shapes. */
export type RawOutcome =
  { ok: true; json: string } | { ok: false; kind: 'error' | 'timeout' | 'crash'; message: string }

export interface InvokeMessage {
  /** The event as JSON text (serialised once, by the runner, where its size and depth are checked). */
  eventJson: string
  context: Record<string, unknown>
  env: Record<string, string>
}

type ResultMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; json: string }
  | { type: 'result'; id: number; ok: false; error: string; fatal?: boolean }

export interface InstanceOptions {
  name: string
  entry: string
  cwd: string
  version: number
  env: Record<string, string>
  /** Receives each line the function prints; undefined discards output. */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void
  /** Freeze the process once main returns, until its next invocation (see harness.cjs). */
  freeze?: boolean
}

/** One child process running one function; serves one invocation at a time. */
export class FunctionInstance {
  readonly name: string
  readonly version: number
  busy = false
  lastUsed = Date.now()
  private readonly child: ChildProcess
  private exited = false
  private killed = false
  private nextId = 1
  /** Blocked in harness.cjs's freeze(): must be thawed before it can take the next invocation. */
  private frozen = false
  private readonly freezes: boolean
  private pending?: { id: number; finish: (o: RawOutcome) => void; timer?: NodeJS.Timeout }
  private readonly ready: Promise<void>
  private markReady!: () => void

  constructor(opts: InstanceOptions) {
    this.name = opts.name
    this.version = opts.version
    this.ready = new Promise((resolve) => {
      this.markReady = resolve
    })
    const piped = opts.onOutput !== undefined
    this.freezes = opts.freeze ?? false
    this.child = fork(HARNESS, this.freezes ? [opts.entry, 'freeze'] : [opts.entry], {
      cwd: opts.cwd,
      // types/ declares app-build variables (TARO_ENV) as always present; a function instance has none.
      env: opts.env as NodeJS.ProcessEnv,
      // The parent may run under tsx or jest; a function instance is plain Node like on the platform.
      execArgv: [],
      // fd 4: results from the instance, written synchronously, and the invocation that thaws a frozen one.
      stdio: piped
        ? ['ignore', 'pipe', 'pipe', 'ipc', 'pipe']
        : ['ignore', 'ignore', 'ignore', 'ipc', 'pipe'],
      serialization: 'json',
    })
    if (opts.onOutput) {
      const onOutput = opts.onOutput
      const forward = (stream: Readable | null, kind: 'stdout' | 'stderr'): void => {
        if (stream) createInterface({ input: stream }).on('line', (line) => onOutput(line, kind))
      }
      forward(this.child.stdout, 'stdout')
      forward(this.child.stderr, 'stderr')
    }
    const channel = this.child.stdio[4] as Readable | null
    if (channel) {
      // the parent end also carries the thaw byte; errors surface as the process closing
      channel.on('error', () => undefined)
      createInterface({ input: channel, crlfDelay: Infinity }).on('line', (line) => this.onMessage(line))
    }
    // 'close' (not 'exit'): by then every IPC message the process sent has been delivered.
    this.child.on('close', (code, signal) => {
      this.exited = true
      this.markReady()
      const how = signal ? `signal ${signal}` : `code ${code}`
      this.settle({ ok: false, kind: 'crash', message: `Process exited before completing request (${how})` })
    })
    this.child.on('error', (err) => {
      this.settle({
        ok: false,
        kind: 'crash',
        message: `Could not run the function instance: ${err.message}`,
      })
    })
  }

  private onMessage(line: string): void {
    let msg: ResultMessage
    try {
      msg = JSON.parse(line) as ResultMessage
    } catch {
      return
    }
    if (msg.type === 'ready') return this.markReady()
    if (msg.type !== 'result') return
    if (msg.ok || !msg.fatal) this.frozen = this.freezes
    if (this.pending?.id !== msg.id) return
    if (!msg.ok && msg.fatal) this.killed = true
    this.settle(msg.ok ? { ok: true, json: msg.json } : { ok: false, kind: 'error', message: msg.error })
  }

  get alive(): boolean {
    return !this.exited && !this.killed
  }

  /** Runs one invocation; past `timeoutMs` the process is killed, as the platform does. */
  run(msg: InvokeMessage, timeoutMs: number): Promise<RawOutcome> {
    if (this.pending) throw new Error('a function instance serves one request at a time')
    if (!this.alive)
      return Promise.resolve({
        ok: false,
        kind: 'crash',
        message: 'Process exited before completing request',
      })
    const id = this.nextId++
    return new Promise<RawOutcome>((resolve) => {
      const timeout = (message: string): void => {
        this.settle({ ok: false, kind: 'timeout', message })
        this.kill()
      }
      const pending: NonNullable<FunctionInstance['pending']> = {
        id,
        finish: resolve,
        timer: setTimeout(() => timeout('Function initialization timed out'), INIT_TIMEOUT_MS),
      }
      this.pending = pending
      void this.ready.then(() => {
        if (this.pending !== pending) return
        clearTimeout(pending.timer)
        pending.timer = setTimeout(
          () => timeout(`Invoking task timed out after ${timeoutMs / 1000} seconds`),
          timeoutMs,
        )
        const unreachable = (err: Error): void =>
          this.settle({
            ok: false,
            kind: 'crash',
            message: `Could not reach the function instance: ${err.message}`,
          })
        try {
          const invoke = { type: 'invoke', id, ...msg }
          if (this.frozen) {
            // a frozen instance reads its next invocation from fd 4 (see harness.cjs)
            this.frozen = false
            ;(this.child.stdio[4] as NodeJS.WritableStream).write(`${JSON.stringify(invoke)}\n`)
          } else {
            this.child.send(invoke, (err) => err && unreachable(err))
          }
        } catch (err) {
          unreachable(err as Error)
        }
      })
    })
  }

  kill(): void {
    if (this.exited || this.killed) return
    this.killed = true
    this.child.kill('SIGKILL')
  }

  /** Resolves once the process is gone (kills it first). */
  async stop(): Promise<void> {
    if (this.exited) return
    const gone = new Promise<void>((resolve) => this.child.once('close', () => resolve()))
    this.child.kill('SIGKILL')
    await gone
  }

  private settle(outcome: RawOutcome): void {
    const pending = this.pending
    if (!pending) return
    this.pending = undefined
    clearTimeout(pending.timer)
    this.lastUsed = Date.now()
    pending.finish(outcome)
  }
}
