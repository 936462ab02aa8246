// Herald's local Bluesky server for end-to-end tests: the reference PDS (@atproto/pds) and an
// in-memory did:plc directory (@did-plc/server), listening on 127.0.0.1 only.
//
//   HERALD_PDS_DIR=<folder with node_modules> node tools/pds/start-pds.mjs
//
// Environment:
//   HERALD_PDS_DIR     where `npm install` put the pinned packages (default: current directory)
//   PDS_PORT, PLC_PORT  a port number, or "auto" (default) for a free one
//   PDS_EXIT_ON_STDIN_EOF=1  stop when stdin closes, i.e. when the test process that started us dies
// Prints one line `PDS_READY {"pds": url, "plc": url, "version": ...}` once both servers listen, and
// stops on SIGTERM/SIGINT (printing `PDS_STOPPED`), deleting the data folder it made.
// Nothing in the configuration points off this machine: no AppView, crawlers, e-mail or plc.directory.
import { createRequire } from 'node:module'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

// Servers that listen without naming a host would bind every interface: pin them to loopback.
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  const [first] = args
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (args.length === 1 || typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1')
  } else if (first && typeof first === 'object' && first.port !== undefined && !first.host && !first.path) {
    args[0] = { ...first, host: '127.0.0.1' }
  }
  return listen.apply(this, args)
}

const pkgDir = path.resolve(process.env.HERALD_PDS_DIR || process.cwd())
const require = createRequire(path.join(pkgDir, 'package.json'))
const { PDS, envToCfg, envToSecrets, readEnv } = require('@atproto/pds')
const { PlcServer, Database } = require('@did-plc/server')
const { Secp256k1Keypair } = createRequire(require.resolve('@atproto/pds'))('@atproto/crypto')
const version = require('@atproto/pds/package.json').version

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}
const portOf = async (value) => (!value || value === 'auto' || value === '0' ? freePort() : Number(value))

const plcPort = await portOf(process.env.PLC_PORT)
const plc = PlcServer.create({ db: Database.mock(), port: plcPort })
await plc.start()

const pdsPort = await portOf(process.env.PDS_PORT)
delete process.env.PDS_PORT // readEnv would take "auto" literally
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-pds-'))
const rotationKey = await Secp256k1Keypair.create({ exportable: true })
const env = {
  ...readEnv(),
  port: pdsPort,
  hostname: 'localhost', // public URL http://localhost:PORT, handles end in .test
  dataDirectory: dataDir,
  blobstoreDiskLocation: path.join(dataDir, 'blobs'),
  didPlcUrl: `http://localhost:${plcPort}`,
  devMode: true,
  inviteRequired: false,
  disableSsrfProtection: true,
  jwtSecret: 'herald-e2e-jwt-secret',
  adminPassword: 'herald-e2e-admin',
  serviceHandleDomains: ['.test'],
  version,
  crawlers: [],
  plcRotationKeyK256PrivateKeyHex: Buffer.from(await rotationKey.export()).toString('hex'),
  recoveryDidKey: (await Secp256k1Keypair.create()).did(),
}
const cfg = envToCfg(env)
const pds = await PDS.create(cfg, envToSecrets(env))
await pds.start()
console.log('PDS_READY ' + JSON.stringify({ pds: cfg.service.publicUrl, plc: env.didPlcUrl, version, pid: process.pid }))

let stopping = false
async function stop(reason) {
  if (stopping) return
  stopping = true
  try {
    await pds.destroy()
    await plc.destroy()
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
    console.log(`PDS_STOPPED ${reason}`)
    process.exit(0)
  }
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
if (process.env.PDS_EXIT_ON_STDIN_EOF) {
  process.stdin.on('end', () => stop('stdin closed'))
  process.stdin.on('error', () => stop('stdin error'))
  process.stdin.resume()
}
