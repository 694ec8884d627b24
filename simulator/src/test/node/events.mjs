// Follows a VM through Xen Orchestra's xen-api client with event watching on: starts a halted VM,
// waits until the client's own object cache (fed only by event.from) shows it Running, stops it
// with callAsync (Async.VM.clean_shutdown, watched as a task through events) and waits for
// Halted. Prints what it saw as one JSON object on stdout.
// Usage: XAPI_USER=root XAPI_PASSWORD=... node events.mjs <url>
import { createClient } from 'xen-api'
import { errorOf, finish } from './report.mjs'

const url = process.argv[2]
if (!url) {
  console.error('usage: node events.mjs <url>')
  process.exit(2)
}

const report = { url, powerStatesSeen: [] }
const xapi = createClient({
  url,
  auth: { user: process.env.XAPI_USER, password: process.env.XAPI_PASSWORD },
  transport: 'json-rpc',
  allowUnauthorized: true,
  debounce: 50,
})

// Resolves once the cached record of ref satisfies test; the cache changes only through events.
const cached = (ref, test, what) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20000)
    const check = () => {
      const object = xapi.getObjectByRef(ref, undefined)
      if (object !== undefined && test(object)) {
        clearTimeout(timer)
        xapi.objects.removeListener('add', check)
        xapi.objects.removeListener('update', check)
        resolve(object)
      }
    }
    xapi.objects.on('add', check)
    xapi.objects.on('update', check)
    check()
  })

try {
  await xapi.connect()
  report.connected = true
  await xapi.objectsFetched
  const vm = Object.values(xapi.objects.all).find(
    o => o.$type === 'VM' && !o.is_control_domain && !o.is_a_template && o.power_state === 'Halted'
  )
  report.vm = vm.$ref
  report.vmUuid = vm.uuid
  xapi.objects.on('update', objects => {
    for (const object of Object.values(objects)) {
      if (object.$ref === vm.$ref) {
        report.powerStatesSeen.push(object.power_state)
      }
    }
  })
  await xapi.call('VM.start', vm.$ref, false, false)
  const running = await cached(vm.$ref, o => o.power_state === 'Running', 'Running')
  report.residentOn = running.resident_on
  report.taskResult = await xapi.callAsync('VM.clean_shutdown', vm.$ref)
  const halted = await cached(vm.$ref, o => o.power_state === 'Halted', 'Halted')
  report.haltedResidentOn = halted.resident_on
  report.watchEventsError = xapi.watchEventsError === undefined ? null : errorOf(xapi.watchEventsError)
} catch (error) {
  report.connected = report.connected ?? false
  report.failure = errorOf(error)
} finally {
  await finish(xapi, report)
}
process.exit(0) // a pending event.from must not keep node alive for its timeout
