// Drives an XAPI endpoint with Xen Orchestra's xen-api client over JSON-RPC and prints what it saw
// as one JSON object on stdout. Usage: XAPI_USER=root XAPI_PASSWORD=... node interop.mjs <url>
// The password comes from the environment so that it never appears in a process listing.
import { createClient } from 'xen-api'
import { errorOf, finish } from './report.mjs'

const url = process.argv[2]
if (!url) {
  console.error('usage: node interop.mjs <url>')
  process.exit(2)
}

const report = { url }
const xapi = createClient({
  url,
  auth: { user: process.env.XAPI_USER, password: process.env.XAPI_PASSWORD },
  transport: 'json-rpc',
  watchEvents: false,
  allowUnauthorized: true,
})

try {
  await xapi.connect()
  report.connected = true
  report.connectedUrl = `${xapi._url.protocol}//${xapi._url.hostname}:${xapi._url.port}`
  const pools = await xapi.call('pool.get_all_records')
  const [poolRef] = Object.keys(pools)
  report.poolRef = poolRef
  report.masterRef = pools[poolRef].master
  const hosts = await xapi.call('host.get_all_records')
  report.hosts = Object.entries(hosts).map(([ref, h]) => ({ ref, uuid: h.uuid, address: h.address }))
  const member = Object.keys(hosts).find(ref => ref !== report.masterRef)
  report.destroyTarget = member
  report.memberUuid = await xapi.call('host.get_uuid', member)
  try {
    await xapi.call('host.destroy', member)
    report.destroy = { ok: true }
  } catch (error) {
    report.destroy = errorOf(error)
  }
  try {
    await xapi.call('no_such_class.frobnicate')
    report.unknown = { ok: true }
  } catch (error) {
    report.unknown = errorOf(error)
  }
} catch (error) {
  report.connected = report.connected ?? false
  report.failure = errorOf(error)
} finally {
  await finish(xapi, report)
}
