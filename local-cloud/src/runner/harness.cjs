'use strict'
// One cloud function instance: a child process that serves one invocation at a time, like an
// instance on the platform. Plain CommonJS so that it starts without a TypeScript loader.
//
// Protocol. Parent → child over IPC: { type: 'invoke', id, eventJson, context, env }. Child → parent as
// JSON lines on fd 4 (written synchronously): { type: 'ready' } once the module is loaded, then per
// invocation { type: 'result', id, ok: true, json } or { type: 'result', id, ok: false, error, fatal? };
// fatal: this process is about to exit and must not be given another invocation.
//
// Freeze (argv[3] === 'freeze'): once an invocation's result is written, the process blocks in a
// synchronous read of fd 4 until the parent writes the next invocation there (a JSON line, instead of
// the IPC message). While blocked no JavaScript runs: timers, un-awaited promises and requests not yet sent
// wait, as on the platform, which freezes an instance as soon as main returns. They go on when the
// instance is thawed for its next invocation, or never if it is reclaimed first.

const fs = require('node:fs')

const CHANNEL = 4
const entry = process.argv[2]
const FREEZE = process.argv[3] === 'freeze'
let main
let current
let contextKeys = []

function describe(err) {
  if (err instanceof Error) return err.stack || `${err.name}: ${err.message}`
  if (typeof err === 'string') return err
  try {
    return JSON.stringify(err)
  } catch {
    return String(err)
  }
}

function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** Writes one message synchronously: when this returns the parent can read all of it. */
function send(msg) {
  const line = Buffer.from(JSON.stringify(msg) + '\n')
  let off = 0
  while (off < line.length) {
    try {
      off += fs.writeSync(CHANNEL, line, off, line.length - off)
    } catch (err) {
      if (err.code === 'EAGAIN') pause(1)
      else if (err.code === 'EPIPE' || err.code === 'EBADF') process.exit(0)
      else throw err
    }
  }
}

/**
 * Blocks until the parent thaws this instance by writing the next invocation, one JSON line, on fd 4
 * (one write instead of a thaw byte plus an IPC message); returns that invocation. Exits when the
 * parent is gone.
 */
function freeze() {
  const chunks = []
  const buf = Buffer.alloc(64 * 1024)
  for (;;) {
    let n
    try {
      n = fs.readSync(CHANNEL, buf, 0, buf.length, null)
    } catch (err) {
      if (err.code === 'EAGAIN' || err.code === 'EINTR') {
        pause(1)
        continue
      }
      process.exit(0)
    }
    if (n === 0) process.exit(0)
    const nl = buf.indexOf(10, 0)
    if (nl === -1 || nl >= n) {
      chunks.push(Buffer.from(buf.subarray(0, n)))
      continue
    }
    chunks.push(buf.subarray(0, nl))
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  }
}

// An error nobody awaited leaves the instance in an unknown state: answer the pending caller, then
// exit so that the parent discards this instance.
function crash(kind, err) {
  const message = `${kind}: ${describe(err)}`
  if (current === undefined) {
    process.stderr.write(message + '\n')
    process.exit(1)
  }
  const id = current
  current = undefined
  send({ type: 'result', id, ok: false, error: message, fatal: true })
  process.exit(1)
}
process.on('uncaughtException', (err) => crash('Uncaught exception', err))
process.on('unhandledRejection', (reason) => crash('Unhandled promise rejection', reason))

function makeContext(ctx) {
  const deadline = Date.now() + ctx.time_limit_in_ms
  return { ...ctx, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) }
}

async function invoke(msg) {
  current = msg.id
  for (const key of contextKeys) delete process.env[key]
  contextKeys = Object.keys(msg.env)
  Object.assign(process.env, msg.env)
  let reply
  try {
    if (!main) throw loadError
    const result = await main(JSON.parse(msg.eventJson), makeContext(msg.context))
    reply = {
      type: 'result',
      id: msg.id,
      ok: true,
      json: JSON.stringify(result === undefined ? null : result),
    }
  } catch (err) {
    reply = { type: 'result', id: msg.id, ok: false, error: describe(err) }
  }
  if (current !== msg.id) return
  current = undefined
  send(reply)
  if (FREEZE) {
    const next = freeze()
    // back in the event loop before the next invocation starts
    setImmediate(() => void invoke(next))
  }
}

// The platform loads the module in an init phase that the function's timeout does not cover; so do we,
// then tell the parent we are ready for invocations.
let loadError
try {
  const mod = require(entry)
  main = mod && typeof mod.main === 'function' ? mod.main : undefined
  if (!main)
    loadError = new Error(
      `${entry} does not export a main function (exports.main = async (event, context) => …)`,
    )
} catch (err) {
  loadError = err
}
send({ type: 'ready' })

process.on('message', (msg) => {
  if (msg && msg.type === 'invoke') void invoke(msg)
})
process.on('disconnect', () => process.exit(0))
