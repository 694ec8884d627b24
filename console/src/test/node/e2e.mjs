// The console end to end, in Debian's Chromium with Chromium's virtual WebAuthn authenticator (the
// DevTools WebAuthn domain): alice and bob enrol, alice starts member-failure runs, bob decides
// each gate with his authenticator. Every check that fails throws; the last line printed is a JSON
// summary that the JUnit test reads. Environment: CONSOLE, CREDENTIALS, XAPI, XAPI_PASSWORD,
// MASTER, HOST_UUID, SHOTS, CHROMIUM.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error('environment variable ' + name + ' is missing');
  return v;
};
const CONSOLE = env('CONSOLE');
const SHOTS = env('SHOTS');
const summary = { enrolled: [], refusals: {}, runs: {} };
const log = (...a) => console.error(new Date().toISOString(), ...a);
const check = (ok, what) => { if (!ok) throw new Error('check failed: ' + what); };

const browser = await chromium.launch({ executablePath: env('CHROMIUM'), headless: true, args: ['--no-sandbox'] });
try {
  const alice = await person('alice');
  const bob = await person('bob');
  await enrol(alice, 'alice virtual key');
  await enrol(bob, 'bob virtual key');

  await badInput(bob);

  // A rejection: the run stops at its first gate, nothing done to the pool.
  const first = await start(alice);
  const firstGate = await nextGate(bob, first);
  await phoneFits(bob, first, firstGate.gateId);
  await rejectWithKeyboard(bob, first, firstGate.gateId, 'not now: the DC team is still checking host-2');
  const rejected = await finished(bob, first);
  summary.runs.rejected = { workflowId: first, outcome: rejected.status.result.outcome, gate: firstGate.gateId };
  check(rejected.status.result.outcome !== 'RECOVERED', 'a rejected run does not recover: ' + rejected.status.result.outcome);

  // The same host again, followed to the end.
  const run = await start(alice);
  check(run === first, 'the same host gets the same workflow id');
  let approved = [];
  let lastAssertion = null;
  for (let i = 0; i < 12; i++) {
    const gate = await nextGate(bob, run);
    if (!gate) break;
    if (approved.length === 0) {
      await starterRefused(alice, run, gate);
      lastAssertion = await foreignAssertions(bob, run, gate);
      await shot(bob, 'gate', '#/gate/' + encodeURIComponent(run) + '/' + encodeURIComponent(gate.gateId), '.fingerprint');
      await shot(bob, 'queue', '#/', '.gate-card');
    } else if (lastAssertion) {
      await replayRefused(bob, run, gate, lastAssertion);
      lastAssertion = null;
    }
    if (gate.gateId === 'reset-vms' && !summary.voided) {
      await voidWhileOpen(bob, run, gate);
      approved.push(gate.gateId);
      continue;
    }
    await decide(bob, run, gate.gateId, 'APPROVE', 'checked on the BMC and in the DC: ' + gate.gateId);
    approved.push(gate.gateId);
  }
  const done = await finished(bob, run);
  check(done.status.result.outcome === 'RECOVERED', 'the run recovered: ' + JSON.stringify(done.status.result));
  await bob.page.goto(CONSOLE + '/#/run/' + encodeURIComponent(run));
  await bob.page.waitForSelector('.result.ok');
  await shot(bob, 'run', null, '#operations');
  await shot(bob, 'pool', '#/pool', '#pool-hosts');
  await bob.page.waitForSelector('#truth-hosts');
  const poolText = await bob.page.textContent('#master-view');
  check(poolText.includes('host-1') && poolText.includes('vm-05'), 'the worker read the pool for the page');
  check(!poolText.includes('host-2'), 'the master no longer records the forgotten host-2');
  await screenshot(bob, 'pool'); // again, with the physical truth in
  summary.runs.recovered = { workflowId: run, outcome: done.status.result.outcome, approved };
  await closedRunAndItsAudit(bob, run);
} finally {
  await browser.close();
}
console.log(JSON.stringify(summary));

// ---- steps ----

async function person(name) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => log(name, 'page error', e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
    protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: true,
    isUserVerified: true, automaticPresenceSimulation: true } });
  await page.goto(CONSOLE + '/');
  await page.fill('#person', name);
  return { name, page, cdp, authenticatorId };
}

/** Enrols through the page, then adds the entry to the worker's credentials file, as an administrator does. */
async function enrol(p, label) {
  await p.page.goto(CONSOLE + '/#/enrol');
  await p.page.fill('#person', p.name);
  await p.page.fill('#label', label);
  await p.page.click('button[type=submit]');
  const entry = JSON.parse(await (await p.page.waitForSelector('#entry-json')).textContent());
  check(entry.person === p.name && entry.label === label, 'the entry names ' + p.name);
  const file = env('CREDENTIALS');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  doc.credentials.push(entry);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  summary.enrolled.push({ person: p.name, credentialId: entry.credentialId, algorithm: entry.algorithm });
}

async function start(p) {
  await p.page.goto(CONSOLE + '/#/start');
  await p.page.fill('#person', p.name);
  await p.page.waitForSelector('#procedure');
  await p.page.selectOption('#procedure', 'member-failure');
  await p.page.fill('[name=f-poolAddress]', env('MASTER'));
  await p.page.fill('[name=f-hostUuid]', env('HOST_UUID'));
  await p.page.selectOption('[name=f-mode]', 'FORGET');
  await p.page.click('form.start button[type=submit]');
  await p.page.waitForFunction(() => location.hash.startsWith('#/run/'), null, { timeout: 30000 });
  const id = decodeURIComponent(await p.page.evaluate(() => location.hash.slice('#/run/'.length)));
  log('started', id);
  return id;
}

/** The oldest open gate of the run, as the queue page shows it; null once the run has closed. */
async function nextGate(p, run) {
  for (let i = 0; i < 240; i++) {
    const gates = await api(p, '/api/gates');
    const mine = gates.filter((g) => g.workflowId === run || g.workflowId.startsWith(run + '/'));
    if (mine.length) return { ...mine[0].gate, workflowId: mine[0].workflowId };
    const view = await api(p, '/api/runs/' + encodeURIComponent(run));
    if (view.closed) return null;
    await sleep(500);
  }
  throw new Error('no gate opened on ' + run + ' within 120 s');
}

/** Opens the gate page, types the reason and presses the button: what a person does. */
async function decide(p, run, gateId, decision, reason) {
  const page = p.page;
  await page.goto(CONSOLE + '/#/gate/' + encodeURIComponent(run) + '/' + encodeURIComponent(gateId));
  await page.fill('#person', p.name);
  await page.waitForSelector('form.decide');
  await page.fill('#reason', reason);
  await page.click(decision === 'APPROVE' ? 'button.approve' : 'button.reject');
  const text = await (await page.waitForSelector('#notice p')).textContent();
  check(text.startsWith(decision + ' recorded on gate ' + gateId + ' by ' + p.name), 'decision recorded: ' + text);
  log(decision, gateId, 'by', p.name);
}

/** The keyboard alone: Tab from the reason to Approve, then to Reject, and Enter. */
async function rejectWithKeyboard(p, run, gateId, reason) {
  const page = p.page;
  await page.goto(CONSOLE + '/#/gate/' + encodeURIComponent(run) + '/' + encodeURIComponent(gateId));
  await page.waitForSelector('form.decide');
  await page.focus('#reason');
  await page.keyboard.type(reason);
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.className) === 'approve', 'Tab reaches Approve');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.className) === 'reject', 'Tab reaches Reject');
  await page.keyboard.press('Enter');
  const text = await (await page.waitForSelector('#notice p')).textContent();
  check(text.startsWith('REJECT recorded on gate ' + gateId + ' by ' + p.name), 'rejected with the keyboard: ' + text);
  summary.keyboard = true;
}

/** A phone's width: the gate page wraps, nothing scrolls sideways. */
async function phoneFits(p, run, gateId) {
  const page = p.page;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(CONSOLE + '/#/gate/' + encodeURIComponent(run) + '/' + encodeURIComponent(gateId));
  await page.waitForSelector('.fingerprint');
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  check(widths.page <= widths.view, 'the gate page fits a phone: ' + JSON.stringify(widths));
  await screenshot(p, 'gate-phone');
  await page.setViewportSize({ width: 1100, height: 900 });
  summary.phone = widths;
}

async function starterRefused(p, run, gate) {
  const page = p.page;
  await page.goto(CONSOLE + '/#/gate/' + encodeURIComponent(run) + '/' + encodeURIComponent(gate.gateId));
  await page.fill('#person', p.name);
  await page.waitForSelector('form.decide');
  await page.fill('#reason', 'I started it, I approve it');
  await page.click('button.approve');
  const text = await (await page.waitForSelector('#notice p.error')).textContent();
  check(text.includes('started this run and may not approve it'), 'the starter is refused: ' + text);
  summary.refusals.starter = text;
}

/**
 * Assertions made for another text: the same gate at another fingerprint, and another gate id. The
 * authenticator really signs them; the workflow must refuse both. Returns a good assertion for this
 * gate that is never sent, to replay at the next gate.
 */
async function foreignAssertions(p, run, gate) {
  const base = '/api/runs/' + encodeURIComponent(run) + '/gates/' + encodeURIComponent(gate.gateId);
  const intent = { approver: p.name, decision: 'APPROVE', reason: 'looks fine' };
  const c = await api(p, base + '/challenge', intent);
  const otherFingerprint = c.text.replace(/^fingerprint .*$/m, 'fingerprint sha256:' + '0'.repeat(64));
  const otherGate = c.text.replace(/^gate-id .*$/m, 'gate-id forget-host');
  for (const [what, text] of [['fingerprint', otherFingerprint], ['gate', otherGate]]) {
    check(text !== c.text, 'the text changed for ' + what);
    const webauthn = await signText(p, text);
    const r = await post(p, base + '/decide', { ...intent, signedAt: c.signedAt, webauthn });
    check(r.status === 400 && r.body.error.includes('another text'), 'an assertion for another ' + what + ' is refused: ' + JSON.stringify(r));
    summary.refusals[what] = r.body.error;
  }
  const view = await api(p, '/api/runs/' + encodeURIComponent(run));
  check(view.status.gates.find((g) => g.gateId === gate.gateId).decisions.length === 0, 'the refusals changed nothing');
  return { intent, signedAt: c.signedAt, webauthn: await signText(p, c.text) };
}

/** A good assertion, made for the previous gate, sent for this one. */
async function replayRefused(p, run, gate, old) {
  const base = '/api/runs/' + encodeURIComponent(run) + '/gates/' + encodeURIComponent(gate.gateId);
  const r = await post(p, base + '/decide', { ...old.intent, signedAt: old.signedAt, webauthn: old.webauthn });
  check(r.status === 400, 'a replayed assertion is refused: ' + JSON.stringify(r));
  summary.refusals.replayed = r.body.error;
}

/** Bad input from the browser: each refused with a clear message, and nothing changes. */
async function badInput(p) {
  const tampered = await post(p, '/api/starts/challenge', { procedure: 'member-failure', requestedBy: p.name,
    request: { poolAddress: env('MASTER'), hostUuid: env('HOST_UUID'), mode: 'FORGET', forceEverything: true } });
  check(tampered.status === 400 && tampered.body.error.includes('forceEverything'), 'an unknown field is refused: ' + JSON.stringify(tampered));
  const missing = await post(p, '/api/starts/challenge', { procedure: 'member-failure', requestedBy: p.name,
    request: { poolAddress: env('MASTER'), mode: 'FORGET' } });
  check(missing.status === 400 && missing.body.error.includes('hostUuid'), 'a missing field is refused: ' + JSON.stringify(missing));
  const noReason = await post(p, '/api/runs/none/gates/fence-host/challenge', { approver: p.name, decision: 'APPROVE', reason: ' ' });
  check(noReason.status === 400 && noReason.body.error.includes('reason is required'), 'a missing reason is refused: ' + JSON.stringify(noReason));
  const big = await post(p, '/api/starts/challenge', { procedure: 'member-failure', requestedBy: p.name, request: { poolAddress: 'x'.repeat(100000) } });
  check(big.status === 413, 'an oversized body is refused: ' + JSON.stringify(big));
  const unsigned = await post(p, '/api/starts', { procedure: 'member-failure', requestedBy: p.name, workflowId: 'member-failure-x',
    request: { poolAddress: env('MASTER'), hostUuid: env('HOST_UUID'), mode: 'FORGET' }, signedAt: new Date().toISOString() });
  check(unsigned.status === 400 && unsigned.body.error.includes('signed starts only'), 'an unsigned start is refused: ' + JSON.stringify(unsigned));
  // what a form on another site can post without the console's consent: plain text, refused
  const plain = await p.page.evaluate(async (body) => {
    const r = await fetch('/api/starts/challenge', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
    return { status: r.status, body: await r.json() };
  }, JSON.stringify({ procedure: 'member-failure', requestedBy: p.name, request: {} }));
  check(plain.status === 415 && plain.body.error.includes('application/json'), 'a text/plain body is refused: ' + JSON.stringify(plain));
  const runs = await api(p, '/api/runs');
  check(runs.length === 0, 'no run was started by bad input: ' + JSON.stringify(runs));
  Object.assign(summary.refusals, { tampered: tampered.body.error, missing: missing.body.error, noReason: noReason.body.error,
    oversized: big.body.error, unsigned: unsigned.body.error, plainText: plain.body.error });
}

/**
 * Someone resets one of the gate's VMs by hand (over XAPI) while bob has the gate open; bob approves,
 * the run finds the pool changed, voids the gate and asks again: the page bob has open says so and
 * links the new gate, which he approves.
 */
async function voidWhileOpen(p, run, gate) {
  const page = p.page;
  await page.goto(CONSOLE + '/#/gate/' + encodeURIComponent(run) + '/' + encodeURIComponent(gate.gateId));
  await page.waitForSelector('form.decide');
  await xapiReset(gate.targets[0]);
  await page.fill('#reason', 'the VMs are down with their host');
  await page.click('button.approve');
  await page.waitForSelector('#notice p:not(.error)');
  const link = await page.waitForSelector('a[href*="' + encodeURIComponent(gate.gateId + '#2') + '"]', { timeout: 60000 });
  const state = await page.textContent('.state-VOIDED');
  check(state === 'VOIDED', 'the open page shows the gate voided');
  summary.voided = { gate: gate.gateId, again: gate.gateId + '#2', resetByHand: gate.targets[0] };
  await link.click();
  await page.waitForSelector('form.decide');
  await page.fill('#reason', 'asked again without ' + gate.targets[0] + ': fine');
  await page.click('button.approve');
  const text = await (await page.waitForSelector('#notice p')).textContent();
  check(text.startsWith('APPROVE recorded on gate ' + gate.gateId + '#2'), 'the new gate is approved: ' + text);
}

/** The runs page lists the closed run; its audit report verifies the browser's signatures. */
async function closedRunAndItsAudit(p, run) {
  await p.page.goto(CONSOLE + '/#/runs');
  const row = await p.page.waitForSelector('#closed-runs tr:has-text("' + run + '")');
  check((await row.textContent()).includes('COMPLETED'), 'the closed run is listed COMPLETED');
  const audit = await p.page.evaluate(async (url) => { const r = await fetch(url); return { status: r.status, text: await r.text() }; },
    '/runs/' + encodeURIComponent(run) + '/audit');
  check(audit.status === 200 && audit.text.includes('with WebAuthn credential'), 'the audit report verifies the WebAuthn signatures');
  summary.audit = true;
}

async function finished(p, run) {
  for (let i = 0; i < 240; i++) {
    const view = await api(p, '/api/runs/' + encodeURIComponent(run));
    if (view.closed && view.status.result) return view;
    await sleep(500);
  }
  throw new Error(run + ' did not finish within 120 s');
}

async function screenshot(p, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await p.page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
}

async function shot(p, name, hash, selector) {
  if (hash) {
    await p.page.goto(CONSOLE + '/' + hash);
    await p.page.reload(); // a fresh page: no notice left from an earlier step
  }
  await p.page.waitForSelector(selector);
  await screenshot(p, name);
}

// ---- the browser's own calls ----

async function post(p, url, body) {
  return p.page.evaluate(async ({ url, body }) => {
    const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const t = await r.text();
    let parsed = null;
    try { parsed = JSON.parse(t); } catch (e) { parsed = { error: t }; }
    return { status: r.status, body: parsed };
  }, { url, body });
}

async function api(p, url, body) {
  const r = body === undefined ? await p.page.evaluate(async (url) => {
    const x = await fetch(url);
    return { status: x.status, body: await x.json() };
  }, url) : await post(p, url, body);
  if (r.status >= 300) throw new Error(url + ' answered ' + r.status + ': ' + JSON.stringify(r.body));
  return r.body;
}

/** The person's authenticator signs the SHA-256 of a text: what the console's pages do with a challenge. */
async function signText(p, text) {
  return p.page.evaluate(async ({ text, who }) => {
    const cfg = await (await fetch('/api/config')).json();
    const mine = cfg.signers.filter((s) => s.person === who);
    const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    const unb64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const cred = await navigator.credentials.get({ publicKey: { challenge: hash, rpId: cfg.rpId,
      allowCredentials: mine.map((s) => ({ type: 'public-key', id: unb64(s.credentialId) })) } });
    return { credentialId: cred.id, authenticatorData: b64(cred.response.authenticatorData),
      clientDataJSON: b64(cred.response.clientDataJSON), signature: b64(cred.response.signature) };
  }, { text, who: p.name });
}

/** VM.power_state_reset over the pool's own JSON-RPC, as someone at a shell would with xe. */
async function xapiReset(vmUuid) {
  const call = async (method, params) => {
    const r = await fetch(env('XAPI') + '/jsonrpc', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    const doc = await r.json();
    if (doc.error) throw new Error(method + ': ' + JSON.stringify(doc.error));
    return doc.result;
  };
  const session = await call('session.login_with_password', ['root', env('XAPI_PASSWORD'), '1.0', 'console-e2e']);
  const vm = await call('VM.get_by_uuid', [session, vmUuid]);
  await call('VM.power_state_reset', [session, vm]);
  await call('session.logout', [session]);
  log('reset by hand', vmUuid);
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
