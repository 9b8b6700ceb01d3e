/**
 * A local cloud in its own process (the CLI under tsx), for benchmarks that must tell the server's cost
 * from the client's: CPU time is read from /proc (Linux), for the server and for each function instance.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { request, type Agent } from 'node:http'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..', '..')

export interface ServerProcess {
  url: string
  pid: number
  /** CPU ms (user + system) of the server process so far. */
  cpuMs(): number
  /** CPU ms of its function instances (child processes) alive now. */
  instancesCpuMs(): number
  stop(): Promise<void>
}

const TICK_MS = 1000 / 100 // USER_HZ is 100 on Linux

/** utime + stime of a process, in ms; 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS
  } catch {
    return 0
  }
}

function childPids(pid: number): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) out.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return out
}

export async function startServerProcess(
  opts: { functionsDir?: string; args?: string[]; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cloud-'))
  const functionsDir = opts.functionsDir ?? join(dir, 'functions')
  mkdirSync(functionsDir, { recursive: true })
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
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
      ...(opts.args ?? []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...opts.env } },
  )
  const url = await new Promise<string>((res, rej) => {
    let out = ''
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /running at (http:\/\/\S+)/.exec(out)
      if (m) res(m[1])
    })
    child.on('exit', (code) => rej(new Error(`local cloud exited (${code}) before it started`)))
  })
  const pid = child.pid!
  return {
    url,
    pid,
    cpuMs: () => processCpuMs(pid),
    instancesCpuMs: () => childPids(pid).reduce((sum, p) => sum + processCpuMs(p), 0),
    async stop() {
      const gone = new Promise((res) => child.once('exit', res))
      child.kill('SIGTERM')
      await gone
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** POSTs a JSON body on a keep-alive agent (the load generator's side) and answers the reply's text. */
export function postJson(agent: Agent, url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => resolve(text))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
