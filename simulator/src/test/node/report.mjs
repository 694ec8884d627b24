// What the interop scripts share: how an XAPI error is reported, and how a run ends (disconnect,
// then the report as one JSON line on stdout, which the Java test reads).

export const errorOf = error => ({ code: error?.code, params: error?.params, message: String(error?.message) })

export async function finish(xapi, report) {
  try {
    await xapi.disconnect()
  } catch {}
  console.log(JSON.stringify(report))
}
