import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Ledger } from './ledger'

const ROOT = resolve(__dirname, '../../..')

/**
 * POST /__local/subscribe answers "accept" only once the credit's ledger line is written: kill -9 the
 * server in the middle of a burst of grants, reopen the ledger, and every acknowledged credit is there.
 */
it('keeps every acknowledged subscription across kill -9', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'subscribe-durable-'))
  const functionsDir = join(dir, 'functions')
  mkdirSync(functionsDir)
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'local-cloud/src/cli.ts',
      '--port',
      '0',
      '--data',
      join(dir, 'data'),
      '--functions',
      functionsDir,
      '--quiet',
      '--no-timers',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)))
  try {
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const url = await new Promise<string>((res, rej) => {
      let out = ''
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString()
        const m = /running at (http:\/\/\S+)/.exec(out)
        if (m) res(m[1])
      })
      child.on('exit', () => rej(new Error(`server exited: ${stderr}`)))
    })

    const acked: string[] = []
    let next = 0
    let killed = false
    const KILL_AFTER = 1500
    const worker = async (): Promise<void> => {
      while (!killed) {
        const openid = `o-burst-${next++}`
        try {
          const res = await fetch(`${url}/__local/subscribe`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ openid, templateIds: ['TPL_BURST'] }),
          })
          const body = (await res.json()) as { results?: Record<string, string> }
          if (res.status === 200 && body.results?.TPL_BURST === 'accept') acked.push(openid)
        } catch {
          return // the server is gone
        }
        if (acked.length >= KILL_AFTER && !killed) {
          killed = true
          child.kill('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: 32 }, worker))
    expect(await exited).toBe('SIGKILL')
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER)

    const ledger = await Ledger.open(join(dir, 'data', 'openapi', 'ledger.jsonl'))
    const lost = acked.filter((openid) => ledger.creditsFor(openid, 'TPL_BURST') !== 1)
    await ledger.close()
    expect(lost).toEqual([])
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
