'use strict'
// One cloud function instance: a child process that serves one invocation at a time, like an
// instance on the platform. Plain CommonJS so that it starts without a TypeScript loader.
// Protocol (IPC): parent sends { type: 'invoke', id, event, context, env }, we answer
// { type: 'result', id, ok: true, json } or { type: 'result', id, ok: false, error, fatal? }; fatal: this
// process is about to exit and must not be given another invocation.

const entry = process.argv[2]
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

function send(msg, then) {
  if (!process.connected) return then && then()
  process.send(msg, undefined, undefined, () => then && then())
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
  send({ type: 'result', id, ok: false, error: message, fatal: true }, () => process.exit(1))
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
    const result = await main(msg.event, makeContext(msg.context))
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
