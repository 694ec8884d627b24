'use strict';
// The poolrescue console: hash-routed pages over the console's JSON API. Everything shown is built
// with DOM calls (never HTML strings), so no run, gate or pool text can inject markup.

const $main = () => document.getElementById('main');
let config = { signing: false, signers: [] };
let live = null;
let ageTicker = null;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v); else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return h('time', { datetime: iso, title: d.toISOString().replace('.000', '') + ' (UTC)' }, d.toLocaleString());
}

function age(iso) {
  const s = Math.max(0, Math.round((Date.now() - new Date(iso)) / 1000));
  return s < 90 ? s + ' s' : s < 5400 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h';
}

function notice(text, error) {
  const n = document.getElementById('notice');
  n.replaceChildren(h('p', { class: error ? 'error' : null, role: error ? 'alert' : null }, text));
}

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  let doc = null;
  try { doc = text ? JSON.parse(text) : null; } catch (e) { doc = { error: text }; }
  if (!res.ok) throw new Error((doc && doc.error) || res.status + ' ' + res.statusText);
  return doc;
}

// base64url <-> bytes, as WebAuthn gives and takes them
const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

function person() {
  const p = document.getElementById('person').value.trim();
  if (!p) throw new Error('Type your name in "Signing as" first: the name your credential is listed under.');
  localStorage.setItem('poolrescue.person', p);
  return p;
}

/** The person's assertion over a challenge the console gave: the authenticator signs its hash of the text. */
async function sign(challenge) {
  const who = person();
  const mine = config.signers.filter((s) => s.person.toLowerCase() === who.toLowerCase());
  if (!mine.length) throw new Error('No credential is listed for "' + who + '" in the worker\'s policy: enrol one and ask an administrator to add it.');
  const cred = await navigator.credentials.get({ publicKey: {
    challenge: unb64(challenge.challenge), rpId: config.rpId, userVerification: 'preferred', timeout: 60000,
    allowCredentials: mine.map((s) => ({ type: 'public-key', id: unb64(s.credentialId) })) } });
  return { credentialId: cred.id, authenticatorData: b64(cred.response.authenticatorData),
    clientDataJSON: b64(cred.response.clientDataJSON), signature: b64(cred.response.signature) };
}

/** Leaves the page's live updates: its event stream and its clock. */
function stopLive() {
  if (live) { live.close(); live = null; }
  if (ageTicker) { clearInterval(ageTicker); ageTicker = null; }
}

function follow(path, render) {
  stopLive();
  live = new EventSource(path);
  live.addEventListener('update', (e) => render(JSON.parse(e.data)));
  live.onerror = () => {};
}

// ---- pages ----

function queuePage() {
  $main().replaceChildren(h('h1', {}, 'Waiting for a decision'), h('div', { id: 'queue', class: 'cards', 'aria-live': 'polite' }, 'Loading…'));
  let last = null;
  const render = () => {
    const list = document.getElementById('queue');
    if (!list || last === null) return;
    list.replaceChildren(...(last.length ? last.map(queueCard) : [h('p', {}, 'Nothing waits for a decision.')]));
  };
  follow('/api/gates/live', (gates) => { last = gates; render(); });
  ageTicker = setInterval(render, 15000); // the ages grow while nothing else changes
}

function queueCard(g) {
  const gate = g.gate;
  return h('article', { class: 'card gate-card' },
    h('h2', {}, h('a', { href: '#/gate/' + encodeURIComponent(g.workflowId) + '/' + encodeURIComponent(gate.gateId) }, gate.action)),
    h('p', { class: 'meta' }, g.procedure + ' ', h('a', { href: '#/run/' + encodeURIComponent(g.workflowId) }, g.workflowId),
      ' · gate ' + gate.gateId + ' · waiting ' + age(gate.openedAt) + ' · ',
      gate.remindAt ? h('span', {}, 'reminder ', time(gate.remindAt), ' · ') : '', 'expires ', time(gate.expiresAt)),
    h('p', {}, gate.why));
}

async function gatePage(workflowId, gateId) {
  $main().replaceChildren(h('h1', {}, 'Gate ' + gateId), h('div', { id: 'gate' }, 'Loading…'));
  follow('/api/runs/' + encodeURIComponent(workflowId) + '/live', (run) => {
    const box = document.getElementById('gate');
    if (!box) return;
    const gate = run.status.gates.find((x) => x.gateId === gateId);
    if (!gate) { box.replaceChildren(h('p', {}, 'This run has no gate ' + gateId + '.')); return; }
    const next = run.status.gates.find((x) => x.state === 'OPEN' && x.gateId.split('#')[0] === gateId.split('#')[0] && x.gateId !== gateId);
    const keepForm = box.querySelector('form.decide') && gate.state === 'OPEN' && box.dataset.fingerprint === gate.fingerprint;
    const details = gateDetails(run, gate, next);
    if (keepForm) { box.firstChild.replaceWith(details); return; }
    box.dataset.fingerprint = gate.fingerprint;
    box.replaceChildren(details, gate.state === 'OPEN' ? decideForm(workflowId, gate) : h('p', {}, 'This gate is ' + gate.state + '; nothing to decide here.'));
  });
}

function gateDetails(run, gate, next) {
  return h('section', { class: 'card' },
    next ? h('p', { role: 'alert', class: 'bad' }, 'This gate was voided: the pool changed. The question is asked again as ',
      h('a', { href: '#/gate/' + encodeURIComponent(run.workflowId) + '/' + encodeURIComponent(next.gateId) }, next.gateId), '.') : null,
    h('h2', {}, gate.action),
    h('dl', {},
      h('dt', {}, 'State'), h('dd', { class: 'state-' + gate.state }, gate.state),
      h('dt', {}, 'Run'), h('dd', {}, h('a', { href: '#/run/' + encodeURIComponent(run.workflowId) }, run.workflowId), ' (' + run.procedure + ', started by ' + run.status.requestedBy + ')'),
      h('dt', {}, 'Why'), h('dd', {}, gate.why),
      h('dt', {}, 'Targets'), h('dd', {}, h('ul', {}, gate.targets.map((t) => h('li', {}, h('code', {}, t))))),
      h('dt', {}, 'Fingerprint'), h('dd', {}, h('code', { class: 'fingerprint' }, gate.fingerprint)),
      h('dt', {}, 'Needs'), h('dd', {}, gate.approvalsNeeded + ' approval(s)' + (gate.groupsToCover && gate.groupsToCover.length ? ', one from each of ' + gate.groupsToCover.join(', ') : '')),
      h('dt', {}, 'Opened'), h('dd', {}, time(gate.openedAt), ' · expires ', time(gate.expiresAt))),
    h('h3', {}, 'Evidence'),
    h('dl', { class: 'evidence' }, Object.entries(gate.evidence || {}).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('h3', {}, 'Decisions so far'),
    gate.decisions.length ? h('ul', {}, gate.decisions.map((d) => h('li', {}, d.decision + ' by ' + d.approver + ' (', time(d.at), '): ' + d.reason + (d.signerKey ? ' · signed ' + d.signerKey : '')))) : h('p', {}, 'None yet.'));
}

function decideForm(workflowId, gate) {
  const reason = h('textarea', { id: 'reason', name: 'reason', rows: 3, required: true });
  const form = h('form', { class: 'decide', onsubmit: (e) => e.preventDefault() },
    h('label', {}, 'Reason (required, recorded in the history)', reason),
    config.signing ? h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'approve', onclick: () => decide(workflowId, gate, 'APPROVE', reason.value) }, 'Approve'),
      h('button', { type: 'button', class: 'reject', onclick: () => decide(workflowId, gate, 'REJECT', reason.value) }, 'Reject'))
      : h('p', { class: 'meta' }, 'Read-only: the worker\'s policy lists no WebAuthn credential.'));
  return form;
}

async function decide(workflowId, gate, decision, reason) {
  try {
    if (!reason.trim()) throw new Error('A reason is required: say why you ' + (decision === 'APPROVE' ? 'approve' : 'reject') + '.');
    const base = '/api/runs/' + encodeURIComponent(workflowId) + '/gates/' + encodeURIComponent(gate.gateId);
    const approver = person();
    const challenge = await api(base + '/challenge', { approver, decision, reason });
    const webauthn = await sign(challenge);
    const recorded = await api(base + '/decide', { approver, decision, reason, signedAt: challenge.signedAt, webauthn });
    notice(recorded.decision + ' recorded on gate ' + recorded.gateId + ' by ' + recorded.approver + '.');
  } catch (e) { notice(e.message, true); }
}

function runPage(workflowId) {
  $main().replaceChildren(h('h1', {}, 'Run ' + workflowId), h('div', { id: 'run' }, 'Loading…'));
  follow('/api/runs/' + encodeURIComponent(workflowId) + '/live', (run) => {
    const box = document.getElementById('run');
    if (!box) return;
    const s = run.status;
    const applied = (s.operations || []);
    box.replaceChildren(...[
      h('p', { class: 'meta' }, run.procedure + ' · started by ' + s.requestedBy + ' ', time(run.started), ' · ', h('strong', { class: 'execution' }, run.execution), run.closed ? h('span', {}, ' ', time(run.closed)) : ''),
      h('p', { class: 'phase' }, s.phase),
      s.fencing ? h('p', { class: 'fencing' }, 'Fencing: ' + s.fencing) : null,
      s.result ? h('p', { class: 'result ' + (s.result.outcome === 'RECOVERED' ? 'ok' : 'bad') }, 'Result: ', h('strong', {}, s.result.outcome), ' — ' + s.result.summary) : null,
      s.progress && s.progress.total ? h('p', {}, 'VMs: ', h('progress', { max: s.progress.total, value: s.progress.done }), ' ' + s.progress.done + ' / ' + s.progress.total) : null,
      h('h2', {}, 'Steps'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'State'), h('th', {}, 'Started'), h('th', {}, 'Took'))),
        h('tbody', {}, (s.steps || []).map((st) => h('tr', {}, h('td', {}, st.id || st.name), h('td', {}, st.state), h('td', {}, time(st.startedAt)),
          h('td', {}, st.startedAt && st.endedAt ? ((new Date(st.endedAt) - new Date(st.startedAt)) / 1000).toFixed(1) + ' s' : ''))))),
      h('h2', {}, 'Gates'),
      h('ul', {}, s.gates.map((g) => h('li', {}, h('a', { href: '#/gate/' + encodeURIComponent(workflowId) + '/' + encodeURIComponent(g.gateId) }, g.gateId), ' ', h('span', { class: 'state-' + g.state }, g.state), ' — ' + g.action))),
      h('h2', {}, 'Operations applied'),
      applied.length ? h('table', { id: 'operations' }, h('thead', {}, h('tr', {}, ['At', 'Call', 'On', 'Outcome', 'Allowed by gate'].map((t) => h('th', {}, t)))),
        h('tbody', {}, applied.map((o) => h('tr', {}, h('td', {}, time(o.at)), h('td', {}, h('code', {}, o.call)), h('td', {}, (o.args || []).join(' ')),
          h('td', {}, o.outcome), h('td', {}, o.gateId ? h('a', { href: '#/gate/' + encodeURIComponent(workflowId) + '/' + encodeURIComponent(o.gateId) }, o.gateId) : '(no gate: not dangerous)')))))
        : h('p', {}, 'None yet.'),
      (s.warnings || []).length ? h('section', {}, h('h2', {}, 'Warnings'), h('ul', {}, s.warnings.map((w) => h('li', { class: 'bad' }, w)))) : null,
      (s.children || []).length ? h('section', {}, h('h2', {}, 'Child runs'), h('ul', {}, s.children.map((c) => h('li', {}, h('a', { href: '#/run/' + encodeURIComponent(c) }, c))))) : null,
      run.closed ? h('p', {}, h('a', { href: '/runs/' + encodeURIComponent(workflowId) + '/audit' }, 'Audit report')) : null].filter((x) => x));
  });
}

async function runsPage() {
  stopLive();
  $main().replaceChildren(h('h1', {}, 'Open runs'), h('p', {}, 'Loading…'));
  const runs = await api('/api/runs');
  const go = h('form', { onsubmit: (e) => { e.preventDefault(); location.hash = '#/run/' + encodeURIComponent(e.target.wf.value.trim()); } },
    h('label', {}, 'Open a run by workflow id (a closed one too)', h('input', { name: 'wf', required: true })), h('button', {}, 'Open'));
  const closed = await api('/api/runs/closed');
  const link = (r) => h('a', { href: '#/run/' + encodeURIComponent(r.workflowId) }, r.workflowId);
  $main().replaceChildren(h('h1', {}, 'Open runs'),
    runs.length ? h('table', { id: 'open-runs' }, h('tbody', {}, runs.map((r) => h('tr', {}, h('td', {}, link(r)), h('td', {}, r.procedure), h('td', {}, time(r.started))))))
      : h('p', {}, 'No run is open.'), go,
    h('h2', {}, 'Recently closed'),
    closed.length ? h('table', { id: 'closed-runs' }, h('thead', {}, h('tr', {}, ['Run', 'Procedure', 'Closed', 'How', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, closed.map((r) => h('tr', {}, h('td', {}, link(r)), h('td', {}, r.procedure), h('td', {}, time(r.closed)), h('td', {}, r.execution),
        h('td', {}, h('a', { href: '/runs/' + encodeURIComponent(r.workflowId) + '/audit' }, 'audit report'))))))
      : h('p', {}, 'No run has closed yet.'));
}

async function poolPage() {
  stopLive();
  const address = h('input', { id: 'pool-address', name: 'address', required: true, value: localStorage.getItem('poolrescue.pool') || '' });
  const master = h('section', { id: 'master-view', 'aria-live': 'polite' });
  const truth = h('section', { id: 'truth' });
  const look = async () => {
    const a = address.value.trim();
    if (!a) return;
    localStorage.setItem('poolrescue.pool', a);
    master.replaceChildren(h('p', {}, 'Asking the worker to read pool ' + a + '…'));
    try { master.replaceChildren(...masterView(await api('/api/pool/view?address=' + encodeURIComponent(a)))); }
    catch (e) { master.replaceChildren(h('p', { class: 'bad' }, e.message)); }
  };
  $main().replaceChildren(h('h1', {}, 'Pool'),
    h('form', { class: 'start', onsubmit: (e) => { e.preventDefault(); look(); } },
      h('label', {}, 'Pool address (any host of the pool, as the worker\'s inventory lists it)', address), h('button', { type: 'submit' }, 'Look')),
    master, truth);
  if (config.pool) {
    try {
      const p = await api('/api/pool/dev');
      if (!address.value) address.value = p.masterAddress;
      truth.replaceChildren(...truthView(p));
    } catch (e) { truth.replaceChildren(h('p', {}, e.message)); }
  }
  await look();
}

/** The pool as its master records it, read by the worker. */
function masterView(p) {
  const o = p.overview;
  const names = Object.fromEntries(o.hosts.map((x) => [x.uuid, x.nameLabel]));
  return [h('h2', {}, 'As the master records it'),
    h('p', { class: 'meta' }, 'pool ' + o.poolUuid + ' · master ' + (o.masterAddress || 'none') + ' · HA ' + (o.haEnabled ? 'on' : 'off') + ' · read ', time(o.takenAt)),
    h('table', { id: 'pool-hosts' }, h('thead', {}, h('tr', {}, ['Host', 'Address', 'Role', 'Live', 'Enabled', 'Free MiB'].map((t) => h('th', {}, t)))),
      h('tbody', {}, o.hosts.map((x) => h('tr', {}, h('td', {}, x.nameLabel), h('td', {}, x.address), h('td', {}, x.master ? 'master' : 'member'),
        h('td', { class: x.live ? 'ok' : 'bad' }, String(x.live)), h('td', {}, String(x.enabled)), h('td', {}, Math.round(x.memoryFree / 1048576)))))),
    h('table', { id: 'pool-vms' }, h('thead', {}, h('tr', {}, ['VM', 'Power state', 'Resident on', 'HA'].map((t) => h('th', {}, t)))),
      h('tbody', {}, p.vms.map((v) => h('tr', {}, h('td', {}, v.nameLabel), h('td', {}, v.powerState), h('td', {}, v.residentOn ? names[v.residentOn] || v.residentOn : '—'), h('td', {}, v.haRestartPriority || '')))))];
}

/** The dev stack's physical truth beside the master's records. */
function truthView(p) {
  return [h('h2', {}, 'Physical truth (dev stack)'),
    h('p', { class: p.integrityViolations.length ? 'bad' : 'meta' }, 'master ' + p.masterAddress + (p.masterAnswers ? ' answers' : ' does not answer') + (p.integrityViolations.length ? ' · HARM: ' + p.integrityViolations.join('; ') : '')),
    h('table', { id: 'truth-hosts' }, h('thead', {}, h('tr', {}, ['Host', 'Address', 'Role', 'Master says live', 'Machine', 'Free MiB', 'VMs'].map((t) => h('th', {}, t)))),
      h('tbody', {}, p.hosts.map((x) => h('tr', {}, h('td', {}, x.name), h('td', {}, x.address), h('td', {}, x.role), h('td', {}, x.live === null ? '—' : String(x.live)), h('td', {}, x.machine), h('td', {}, x.memoryFreeMiB), h('td', {}, x.residentVms))))),
    h('table', { id: 'truth-vms' }, h('thead', {}, h('tr', {}, ['VM', 'Power state (master)', 'Resident on (master)', 'Really runs on', 'HA'].map((t) => h('th', {}, t)))),
      h('tbody', {}, p.vms.map((v) => h('tr', {}, h('td', {}, v.name), h('td', {}, v.powerState), h('td', {}, v.residentOn || '—'), h('td', {}, v.runningOn || '—'), h('td', {}, v.haPriority || '')))))];
}

async function startPage() {
  stopLive();
  const forms = await api('/api/procedures');
  const select = h('select', { id: 'procedure', name: 'procedure' }, forms.map((f) => h('option', { value: f.name }, f.name)));
  const fields = h('div', { id: 'fields', class: 'cards' });
  const show = () => fields.replaceChildren(...forms.find((f) => f.name === select.value).fields.map(input));
  select.addEventListener('change', show);
  const form = h('form', { class: 'start', onsubmit: (e) => { e.preventDefault(); start(forms.find((f) => f.name === select.value), form); } },
    h('label', {}, 'Procedure', select), fields,
    config.signing ? h('button', { type: 'submit' }, 'Sign and start') : h('p', { class: 'meta' }, 'Read-only: the worker\'s policy lists no WebAuthn credential.'));
  $main().replaceChildren(h('h1', {}, 'Start a run'), form);
  show();
}

function input(f) {
  const name = 'f-' + f.name;
  const label = f.name + (f.required ? ' (required)' : '');
  if (f.kind === 'boolean') return h('label', {}, h('span', {}, label), h('input', { type: 'checkbox', name, 'data-kind': f.kind }));
  if (f.kind === 'choice') return h('label', {}, label, h('select', { name, 'data-kind': f.kind, required: f.required }, h('option', { value: '' }, '—'), f.choices.map((c) => h('option', { value: c }, c))));
  if (f.kind === 'list' || f.kind === 'json') return h('label', {}, label + (f.kind === 'list' ? ', one per line' : ', a JSON object'), h('textarea', { name, rows: 2, 'data-kind': f.kind, required: f.required }));
  return h('label', {}, label + (f.kind === 'duration' ? ', ISO-8601 such as PT15M' : ''), h('input', { name, type: f.kind === 'number' ? 'number' : 'text', 'data-kind': f.kind, required: f.required }));
}

/** The request from the form, checked before anything is sent: required fields, numbers, JSON. */
function requestOf(form, def) {
  const request = {};
  for (const f of def.fields) {
    const el = form.elements['f-' + f.name];
    const v = el.type === 'checkbox' ? el.checked : el.value.trim();
    if (v === '' || v === false) { if (f.required) throw new Error(f.name + ' is required'); continue; }
    if (f.kind === 'number') { if (!/^-?\d+$/.test(v)) throw new Error(f.name + ' must be a whole number'); request[f.name] = Number(v); }
    else if (f.kind === 'list') request[f.name] = v.split('\n').map((x) => x.trim()).filter(Boolean);
    else if (f.kind === 'json') { try { request[f.name] = JSON.parse(v); } catch (e) { throw new Error(f.name + ' is not valid JSON: ' + e.message); } }
    else request[f.name] = v;
  }
  return request;
}

async function start(def, form) {
  try {
    const request = requestOf(form, def);
    const requestedBy = person();
    const challenge = await api('/api/starts/challenge', { procedure: def.name, requestedBy, request });
    const webauthn = await sign(challenge);
    const started = await api('/api/starts', { procedure: def.name, requestedBy, workflowId: challenge.workflowId, request, signedAt: challenge.signedAt, webauthn });
    notice('Started ' + started.workflowId + '.');
    location.hash = '#/run/' + encodeURIComponent(started.workflowId);
  } catch (e) { notice(e.message, true); }
}

function enrolPage() {
  stopLive();
  const label = h('input', { id: 'label', name: 'label', placeholder: 'e.g. bob yubikey' });
  const out = h('div', { id: 'entry' });
  $main().replaceChildren(h('h1', {}, 'Enrol a security key'),
    h('p', {}, 'Makes a credential on your authenticator for the name in "Signing as", and shows the entry an administrator adds to the worker\'s WebAuthn credentials file. Until then this credential signs nothing.'),
    h('form', { class: 'enrol', onsubmit: async (e) => { e.preventDefault(); await enrol(label.value.trim(), out); } },
      h('label', {}, 'Label (which key this is)', label), h('button', { type: 'submit' }, 'Create credential')), out);
}

async function enrol(label, out) {
  try {
    const who = person();
    const c = await api('/api/enrolment/challenge', {});
    const cred = await navigator.credentials.create({ publicKey: {
      challenge: unb64(c.challenge), rp: { id: c.rpId, name: 'poolrescue' },
      user: { id: unb64(c.userId), name: who, displayName: who },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -8 }],
      authenticatorSelection: { userVerification: 'preferred', residentKey: 'discouraged' }, attestation: 'none', timeout: 60000 } });
    const r = cred.response;
    const entry = await api('/api/enrolment', { person: who, label: label || null, challenge: c.challenge, credentialId: cred.id,
      clientDataJSON: b64(r.clientDataJSON), authenticatorData: b64(r.getAuthenticatorData()), publicKey: b64(r.getPublicKey()), algorithm: r.getPublicKeyAlgorithm() });
    out.replaceChildren(h('h2', {}, 'Credential entry'), h('p', {}, 'Give this to an administrator, to add to "credentials" in the worker\'s WebAuthn credentials file:'), h('pre', { id: 'entry-json' }, entry.json));
  } catch (e) { notice(e.message, true); }
}

async function route() {
  document.getElementById('notice').replaceChildren();
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  try {
    config = await api('/api/config');
    document.getElementById('who-help').textContent = config.signing ? '' : '(read-only)';
    if (parts[0] === 'gate') await gatePage(parts[1], parts[2]);
    else if (parts[0] === 'run') runPage(parts[1]);
    else if (parts[0] === 'runs') await runsPage();
    else if (parts[0] === 'pool') await poolPage();
    else if (parts[0] === 'start') await startPage();
    else if (parts[0] === 'enrol') enrolPage();
    else queuePage();
  } catch (e) { notice(e.message, true); }
  $main().focus();
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', () => {
  document.getElementById('person').value = localStorage.getItem('poolrescue.person') || '';
  route();
});
