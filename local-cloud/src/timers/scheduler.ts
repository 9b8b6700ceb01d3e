import { SOURCE } from '../runner/context'
import type { TimerTrigger } from '../runner/function-config'
import type { FunctionRunner } from '../runner/runner'
import { nextFireTime, parseCron, type ParsedCron } from './cron'

export interface TimerInfo {
  fn: string
  trigger: string
  cron: string
  /** null: never fires again, or the cron is invalid (see error). */
  next: Date | null
  error?: string
  lastRun?: { at: Date; ok: boolean; message: string }
}

interface Armed {
  trigger: TimerTrigger
  parsed?: ParsedCron
  error?: string
  next: Date | null
  handle?: NodeJS.Timeout
}

/** setTimeout accepts at most 2^31-1 ms (~24.8 days); longer waits re-arm on the way. */
const MAX_DELAY_MS = 2 ** 31 - 1
const RESCAN_MS = 5_000

/**
 * Fires the timer triggers declared in each function's config.json. A timer run has no user
 * (no OPENID) and SOURCE wx_trigger; its event is { Type: 'Timer', TriggerName, Time, Message }.
 */
export class TimerScheduler {
  private readonly armed = new Map<string, Armed>()
  private readonly lastRuns = new Map<string, TimerInfo['lastRun']>()
  private rescan?: NodeJS.Timeout
  private running = false

  constructor(
    private readonly runner: FunctionRunner,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Starts firing triggers on schedule; picks up config.json changes every few seconds. */
  start(): void {
    if (this.running) return
    this.running = true
    this.refresh()
    this.rescan = setInterval(() => this.refresh(), RESCAN_MS)
    this.rescan.unref()
  }

  stop(): void {
    this.running = false
    if (this.rescan) clearInterval(this.rescan)
    for (const a of this.armed.values()) if (a.handle) clearTimeout(a.handle)
    this.armed.clear()
  }

  /** Every declared timer with its next fire time (computed even when the scheduler is not running). */
  list(now = new Date()): TimerInfo[] {
    return this.declared().map(({ fn, trigger }) => {
      const armed = this.running ? this.armed.get(fn) : undefined
      let next: Date | null = armed?.next ?? null
      let error = armed?.error
      if (!armed) {
        try {
          next = nextFireTime(trigger.config, now)
        } catch (err) {
          error = (err as Error).message
        }
      }
      return { fn, trigger: trigger.name, cron: trigger.config, next, error, lastRun: this.lastRuns.get(fn) }
    })
  }

  /** Runs the function's timer trigger now, as the platform would; resolves to its result's JSON. */
  async fire(fn: string): Promise<string> {
    const trigger = this.runner.catalog.config(fn).triggers[0]
    if (!trigger) throw new Error(`cloud function "${fn}" has no timer trigger in its config.json`)
    const event = {
      Type: 'Timer',
      TriggerName: trigger.name,
      Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Message: '',
    }
    try {
      const json = await this.runner.invoke(fn, event, {
        identity: null,
        source: SOURCE.trigger,
        timer: true,
      })
      this.lastRuns.set(fn, {
        at: new Date(),
        ok: true,
        message: json.length > 200 ? `${json.slice(0, 200)}…` : json,
      })
      return json
    } catch (err) {
      this.lastRuns.set(fn, { at: new Date(), ok: false, message: (err as Error).message })
      throw err
    }
  }

  private declared(): { fn: string; trigger: TimerTrigger }[] {
    const out: { fn: string; trigger: TimerTrigger }[] = []
    for (const fn of this.runner.catalog.list()) {
      let trigger: TimerTrigger | undefined
      try {
        // The platform allows one trigger per function.
        trigger = this.runner.catalog.config(fn).triggers[0]
      } catch (err) {
        this.log(`[timers] ${fn}/config.json: ${(err as Error).message}`)
      }
      if (trigger) out.push({ fn, trigger })
    }
    return out
  }

  private refresh(): void {
    if (!this.running) return
    const seen = new Set<string>()
    for (const { fn, trigger } of this.declared()) {
      seen.add(fn)
      const current = this.armed.get(fn)
      if (current && current.trigger.config === trigger.config && current.trigger.name === trigger.name)
        continue
      if (current?.handle) clearTimeout(current.handle)
      const armed: Armed = { trigger, next: null }
      try {
        armed.parsed = parseCron(trigger.config)
      } catch (err) {
        armed.error = (err as Error).message
        this.log(`[timers] ${fn}: ${armed.error}`)
      }
      this.armed.set(fn, armed)
      this.arm(fn, armed, new Date())
    }
    for (const [fn, armed] of this.armed) {
      if (seen.has(fn)) continue
      if (armed.handle) clearTimeout(armed.handle)
      this.armed.delete(fn)
    }
  }

  private arm(fn: string, armed: Armed, from: Date): void {
    if (!armed.parsed || !this.running) return
    armed.next = nextFireTime(armed.parsed, from)
    if (!armed.next) return
    const due = armed.next
    const wait = (): void => {
      const delay = due.getTime() - Date.now()
      if (delay > MAX_DELAY_MS) {
        armed.handle = setTimeout(wait, MAX_DELAY_MS)
        return
      }
      armed.handle = setTimeout(
        () => {
          if (this.armed.get(fn) !== armed) return
          this.log(`[timers] ${fn}/${armed.trigger.name} fired (${armed.trigger.config})`)
          this.fire(fn).then(
            () => undefined,
            (err: Error) =>
              this.log(`[timers] ${fn}/${armed.trigger.name} failed: ${err.message.split('\n')[0]}`),
          )
          this.arm(fn, armed, due)
        },
        Math.max(0, delay),
      )
    }
    wait()
  }
}
