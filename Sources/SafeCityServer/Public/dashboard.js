// SafeCity operations dashboard: plain ES2020 module, no framework, no build step, no external assets.
//
// Data flow: GET /v1/activity paints the opening picture and gives the log head; the live
// stream (/v1/stream, read with fetch() because EventSource cannot send Authorization) then
// replays a bounded backlog and follows the log. Every list is capped; unknown or malformed
// events only reach the ticker, never crash the page.

'use strict';

// ---------------------------------------------------------------------------------------------
// Limits and constants

const CAP = {
  calls: 200, ticker: 100, spark: 60, units: 2000, sensors: 1000,
  backfill: 8000,          // events replayed from the log on start, for calls, trails and sparklines
  tickerPending: 100,
};
const KEY_STORAGE = 'safecity.apiKey';
const STALE_UNIT_MS = 120_000;
const STALE_SENSOR_MS = 300_000;
const OLD_CALL_MS = 30 * 60_000;
const DEFAULT_BBOX = [7.36, 43.71, 7.50, 43.78]; // Monaco and surroundings, until the road map says otherwise
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320;

const AGENCIES = ['police', 'fire', 'ems'];
const AGENCY_LABEL = { police: 'Police', fire: 'Fire', ems: 'EMS', other: 'Other' };
const AGENCY_COLOR = { police: '#4d8dff', fire: '#ff5252', ems: '#2fd67b', other: '#b0b8c4' };
const CATEGORY_AGENCY = { fire: 'fire', medical: 'ems', police: 'police', traffic: 'police', hazard: 'fire' };
const PRIORITY_COLOR = { 1: '#ff4747', 2: '#ff9a1f', 3: '#ffd23f', 4: '#5aa9ff', 5: '#9aa5b1' };

// EPA AQI category colours (index 0 good … 5 hazardous).
const AQI_COLORS = ['#00e400', '#ffff00', '#ff7e00', '#ff0000', '#8f3f97', '#7e0023'];
const AQI_NAMES = ['Good', 'Moderate', 'Unhealthy for sensitive groups', 'Unhealthy', 'Very unhealthy', 'Hazardous'];
// Upper bounds of each category, per quantity. PM2.5: EPA 2024 breakpoints (µg/m³);
// NO2: EPA 1-hour breakpoints (ppb); noise: a dB(A) comfort scale (not an EPA index).
const BANDS = {
  pm25: { bounds: [9.0, 35.4, 55.4, 125.4, 225.4], names: AQI_NAMES },
  no2: { bounds: [53, 100, 360, 649, 1249], names: AQI_NAMES },
  noise: { bounds: [55, 65, 75, 85, 100], names: ['Quiet', 'Moderate', 'Loud', 'Very loud', 'Harmful', 'Dangerous'] },
};
const QUANTITY_LABEL = { pm25: 'PM2.5', no2: 'NO₂', noise: 'Noise', 'traffic-count': 'Traffic' };

const ROAD_STYLE = [
  // [classes, colour, width in px at fit zoom, min zoom factor to draw]
  [['footway', 'path', 'pedestrian', 'steps', 'cycleway', 'track', 'bridleway', 'corridor'], '#2b333d', 0.6, 2.5],
  [['service'], '#343d48', 0.7, 1.6],
  [['residential', 'unclassified', 'living_street', 'road'], '#4a5563', 0.9, 0],
  [['tertiary', 'tertiary_link'], '#6f7b8a', 1.3, 0],
  [['secondary', 'secondary_link'], '#97a3b1', 1.7, 0],
  [['primary', 'primary_link'], '#c9b27a', 2.1, 0],
  [['trunk', 'trunk_link', 'motorway', 'motorway_link'], '#e0a04a', 2.6, 0],
];

// ---------------------------------------------------------------------------------------------
// Small helpers

const $ = (id) => document.getElementById(id);
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : (typeof v === 'string' && v.trim() !== '' && Number.isFinite(+v) ? +v : null));
const str = (v, max = 200) => (typeof v === 'string' ? v.slice(0, max) : (typeof v === 'number' ? String(v) : ''));
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

function validLatLon(lat, lon) {
  return lat !== null && lon !== null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}
function locOf(record) {
  const l = record && record.location;
  if (!isObj(l)) return null;
  const lat = num(l.latitude), lon = num(l.longitude);
  return validLatLon(lat, lon) ? { lat, lon } : null;
}
function timeOf(text) {
  const t = typeof text === 'string' ? Date.parse(text) : NaN;
  return Number.isFinite(t) ? t : Date.now();
}
function ago(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h${String(m % 60).padStart(2, '0')}` : `${Math.floor(h / 24)}d`;
}
function clock(ms) {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
function duration(seconds) {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
function distanceText(metres) {
  if (metres === null) return '—';
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(metres < 10_000 ? 2 : 1)} km`;
}
function haversine(a, b) {
  const r = 6_371_008.8, rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}
function band(quantity, value) {
  const b = BANDS[quantity];
  if (!b || value === null) return null;
  let i = 0;
  while (i < b.bounds.length && value > b.bounds[i]) i++;
  return { index: i, name: b.names[i], color: AQI_COLORS[i] };
}
function sensorColor(sensor) {
  const b = band(sensor.quantity, sensor.value);
  if (b) return b.color;
  if (sensor.quantity === 'traffic-count' && sensor.value !== null) {
    // Relative to what this sensor has seen recently: blue (quiet) to white (busy).
    const max = Math.max(1, ...sensor.series.map((p) => p[1]));
    const f = clamp(sensor.value / max, 0, 1);
    return `rgb(${Math.round(60 + 170 * f)},${Math.round(120 + 110 * f)},${Math.round(200 + 55 * f)})`;
  }
  return '#b0b8c4';
}
function agencyOf(value, id) {
  const a = str(value).toLowerCase();
  if (AGENCIES.includes(a)) return a;
  const prefix = str(id).toLowerCase();
  return AGENCIES.find((x) => prefix.startsWith(x)) || 'other';
}
function announce(text) {
  const el = $('announcer');
  el.textContent = '';
  setTimeout(() => { el.textContent = text; }, 30);
}

// ---------------------------------------------------------------------------------------------
// State

const state = {
  key: null,
  keyID: null,
  role: null,
  name: null,
  can: { events: false, metrics: false, keys: false, eta: true, route: true },
  units: new Map(),
  sensors: new Map(),
  calls: new Map(),
  callOrder: [],           // call ids, newest first
  tickerPending: [],
  counts: {},
  total: 0,
  snapshotSeq: 0,          // the activity snapshot's sequence: counts already include records up to it
  lastApplied: 0,
  head: 0,
  catchUpTo: 0,            // replaying the backlog up to here
  selectedCall: null,
  selectedUnit: null,
  selectedSensor: null,
  recommendation: null,    // { callId, rows, shownUnit, status }
  route: null,             // { coords: [[lon,lat]...], straight: bool, unitId, props }
  malformed: 0,
  gaps: 0,
  traffic: new Map(),      // OSM way id → { factor, at }: live slow-downs from traffic.updated
  trafficVersion: 0,
  eventTimes: [],          // arrival times (ms) of live events over the last minute, for the rate badge
  tickerPaused: false,
  dirty: { calls: true, units: true, sensors: true, header: true },
};

// ---------------------------------------------------------------------------------------------
// HTTP

class ApiError extends Error {
  constructor(status, problem, path) {
    const detail = isObj(problem) ? (str(problem.detail, 500) || str(problem.title)) : '';
    super(detail || `HTTP ${status} for ${path}`);
    this.status = status;
    this.problem = isObj(problem) ? problem : null;
  }
}

async function api(path, { method = 'GET', body, signal, accept = 'application/json' } = {}) {
  const headers = { Authorization: `Bearer ${state.key}`, Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  const type = res.headers.get('content-type') || '';
  let data = null;
  try { data = type.includes('json') ? await res.json() : await res.text(); } catch { data = null; }
  if (!res.ok) throw new ApiError(res.status, data, path);
  return data;
}

async function probe(path) {
  try { await api(path, { accept: '*/*' }); return 200; } catch (e) { return e instanceof ApiError ? e.status : 0; }
}

// ---------------------------------------------------------------------------------------------
// Live stream: fetch + ReadableStream, SSE parsed by hand, resume with Last-Event-ID

class LiveStream {
  constructor({ onEvent, onStatus, onAuthFailure }) {
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.onAuthFailure = onAuthFailure;
    this.lastId = null;
    this.attempt = 0;
    this.retryMs = 2000;
    this.controller = null;
    this.stopped = false;
    this.lastByteAt = 0;
    this.timer = null;
    this.watchdog = setInterval(() => this.checkIdle(), 5000);
    window.addEventListener('online', () => { if (this.timer) { this.reconnectNow(); } });
  }

  start(afterSequence) {
    this.lastId = afterSequence;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearInterval(this.watchdog);
    clearTimeout(this.timer);
    if (this.controller) this.controller.abort();
  }

  reconnectNow() {
    clearTimeout(this.timer);
    this.timer = null;
    this.connect();
  }

  checkIdle() {
    // The server sends a keep-alive every 15 s; 45 s of silence means a dead connection.
    if (this.controller && this.lastByteAt && Date.now() - this.lastByteAt > 45_000) {
      this.controller.abort();
    }
  }

  async connect() {
    if (this.stopped) return;
    this.timer = null;
    const controller = new AbortController();
    this.controller = controller;
    this.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting', '');
    const headers = { Authorization: `Bearer ${state.key}`, Accept: 'text/event-stream' };
    if (this.lastId !== null) headers['Last-Event-ID'] = String(this.lastId);
    let failure = '';
    try {
      const res = await fetch('/v1/stream', { headers, signal: controller.signal, cache: 'no-store' });
      if (res.status === 401) { this.onAuthFailure(await problemDetail(res)); return; }
      if (res.status === 403) { this.onStatus('forbidden', await problemDetail(res)); return; }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      this.lastByteAt = Date.now();
      this.onStatus('live', '');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SSEParser((ev) => this.dispatch(ev), (ms) => { this.retryMs = clamp(ms, 500, 60_000); });
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.lastByteAt = Date.now();
        parser.feed(decoder.decode(value, { stream: true }));
        if (parser.receivedAny) this.attempt = 0;
      }
      failure = 'stream ended';
    } catch (error) {
      failure = error && error.name === 'AbortError' ? 'connection idle' : String(error && error.message || error);
    } finally {
      if (this.controller === controller) this.controller = null;
    }
    if (this.stopped) return;
    this.scheduleReconnect(failure);
  }

  scheduleReconnect(reason) {
    const base = Math.max(this.retryMs, 1000 * 2 ** Math.min(this.attempt, 5));
    const delay = Math.min(30_000, base) * (0.8 + 0.4 * Math.random());
    this.attempt++;
    const at = Date.now() + delay;
    const tick = () => {
      if (this.stopped || this.timer === null) return;
      const left = Math.max(0, Math.ceil((at - Date.now()) / 1000));
      this.onStatus('reconnecting', `in ${left}s${reason ? ` · ${reason}` : ''}`);
    };
    this.timer = setTimeout(() => { clearInterval(countdown); this.connect(); }, delay);
    const countdown = setInterval(() => { if (this.timer === null) clearInterval(countdown); else tick(); }, 1000);
    tick();
  }

  dispatch(ev) {
    if (ev.id !== null && /^\d+$/.test(ev.id)) this.lastId = Number(ev.id);
    this.onEvent(ev);
  }
}

async function problemDetail(res) {
  try { const p = await res.json(); return str(p.detail, 300) || str(p.title) || `HTTP ${res.status}`; } catch { return `HTTP ${res.status}`; }
}

/// Server-Sent Events parsing per the WHATWG spec (fields id, event, data, retry; comments).
class SSEParser {
  constructor(onEvent, onRetry) {
    this.onEvent = onEvent;
    this.onRetry = onRetry;
    this.buffer = '';
    this.data = [];
    this.type = '';
    this.id = null;
    this.receivedAny = false;
  }

  feed(text) {
    let chunk = this.buffer + text;
    let keep = '';
    if (chunk.endsWith('\r')) { keep = '\r'; chunk = chunk.slice(0, -1); }
    const lines = chunk.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() + keep;
    if (this.buffer.length > 4_000_000) this.buffer = ''; // a runaway line: drop it rather than grow without bound
    for (const line of lines) this.line(line);
  }

  line(line) {
    if (line === '') {
      if (this.data.length) {
        this.receivedAny = true;
        const ev = { id: this.id, type: this.type || 'message', data: this.data.join('\n') };
        this.data = [];
        this.type = '';
        try { this.onEvent(ev); } catch (error) { console.warn('event handler failed', error); }
      } else {
        this.type = '';
      }
      return;
    }
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data': this.data.push(value); break;
      case 'event': this.type = value; break;
      case 'id': if (!value.includes('\0')) this.id = value; break;
      case 'retry': if (/^\d+$/.test(value)) this.onRetry(Number(value)); break;
      default: break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Applying records

const handlers = {
  'unit.position': applyUnit,
  'sensor.observation': applySensor,
  'call.received': applyCall,
  'security.key.created': applyKeyCreated,
  'traffic.updated': applyTraffic,
};

function ingest(record, sseType) {
  if (!isObj(record)) { state.malformed++; return; }
  const seq = num(record.sequence);
  if (seq !== null) {
    if (seq <= state.lastApplied) return; // already seen (replay overlap)
    if (seq > state.lastApplied + 1) state.gaps += seq - state.lastApplied - 1; // the unfiltered log has no holes
    state.lastApplied = seq;
    state.head = Math.max(state.head, seq);
  }
  const type = str(record.type, 100) || str(sseType, 100) || 'unknown';
  if (seq === null || seq > state.snapshotSeq) {
    state.total++;
    state.counts[type] = (state.counts[type] || 0) + 1;
  }
  const live = !catchingUp();
  if (live) {
    const now = Date.now();
    state.eventTimes.push(now);
  }
  const handler = handlers[type];
  let ok = true;
  if (handler) {
    try { handler(record, live); } catch (error) { ok = false; state.malformed++; console.warn('could not apply', type, error); }
    if (map) map.requestDraw();
  }
  pushTicker(record, type, ok);
  state.dirty.header = true;
}

function catchingUp() { return state.lastApplied < state.catchUpTo; }

function applyUnit(record, live) {
  const p = isObj(record.payload) ? record.payload : {};
  const id = str(p.unitID, 64) || str(record.source, 80).replace(/^unit:/, '');
  const loc = locOf(record);
  if (!id || !loc) return;
  let unit = state.units.get(id);
  if (!unit) {
    if (state.units.size >= CAP.units) evictOldest(state.units, 'seenAt');
    unit = { id, lat: loc.lat, lon: loc.lon, fromLat: loc.lat, fromLon: loc.lon, animStart: 0, series: null };
    state.units.set(id, unit);
  } else if (live) {
    const cur = unitPosition(unit, performance.now());
    unit.fromLat = cur.lat; unit.fromLon = cur.lon; unit.animStart = performance.now();
  } else {
    unit.fromLat = loc.lat; unit.fromLon = loc.lon; unit.animStart = 0;
  }
  unit.lat = loc.lat; unit.lon = loc.lon;
  unit.agency = agencyOf(p.agency, id);
  unit.kind = str(p.kind, 64) || unit.kind || '';
  unit.speed = num(p.speedKmh);
  unit.heading = num(p.headingDegrees);
  unit.seenAt = timeOf(record.occurredAt);
  unit.seq = num(record.sequence);
  state.dirty.units = true;
}

function unitPosition(unit, now) {
  const t = unit.animStart ? clamp((now - unit.animStart) / 900, 0, 1) : 1;
  return { lat: unit.fromLat + (unit.lat - unit.fromLat) * t, lon: unit.fromLon + (unit.lon - unit.fromLon) * t };
}

function applySensor(record) {
  const p = isObj(record.payload) ? record.payload : {};
  const id = str(p.sensorID, 64) || str(record.source, 80).replace(/^sensor:/, '');
  const value = num(p.value);
  if (!id) return;
  let sensor = state.sensors.get(id);
  if (!sensor) {
    if (state.sensors.size >= CAP.sensors) evictOldest(state.sensors, 'seenAt');
    sensor = { id, series: [], version: 0, lat: null, lon: null };
    state.sensors.set(id, sensor);
  }
  const loc = locOf(record);
  if (loc) { sensor.lat = loc.lat; sensor.lon = loc.lon; }
  sensor.quantity = str(p.quantity, 64) || sensor.quantity || 'unknown';
  sensor.unit = str(p.unit, 32) || sensor.unit || '';
  sensor.value = value;
  sensor.seenAt = timeOf(record.occurredAt);
  if (value !== null) {
    sensor.series.push([sensor.seenAt, value]);
    if (sensor.series.length > CAP.spark) sensor.series.splice(0, sensor.series.length - CAP.spark);
  }
  sensor.version++;
  state.dirty.sensors = true;
}

function applyCall(record, live) {
  const p = isObj(record.payload) ? record.payload : {};
  const id = str(p.callID, 64) || str(record.id, 64);
  if (!id) return;
  const loc = locOf(record);
  const existing = state.calls.get(id);
  const call = existing || { id, fresh: live };
  call.category = str(p.category, 32).toLowerCase() || 'unknown';
  const prio = num(p.priority);
  call.priority = prio === null ? 5 : clamp(Math.round(prio), 1, 5);
  call.summary = str(p.summary, 500);
  call.receivedAt = timeOf(record.occurredAt);
  call.lat = loc ? loc.lat : null;
  call.lon = loc ? loc.lon : null;
  call.source = str(record.source, 80);
  if (!existing) {
    state.calls.set(id, call);
    state.callOrder.unshift(id);
    state.callOrder.sort((a, b) => state.calls.get(b).receivedAt - state.calls.get(a).receivedAt);
    while (state.callOrder.length > CAP.calls) {
      const gone = state.callOrder.pop();
      state.calls.delete(gone);
      if (state.selectedCall === gone) state.selectedCall = null;
    }
    if (live) announce(`New call, priority ${call.priority}, ${call.category}: ${call.summary}`);
  }
  state.dirty.calls = true;
}

function applyKeyCreated(record) {
  const p = isObj(record.payload) ? record.payload : {};
  if (state.keyID && str(p.keyID) === state.keyID) {
    state.name = str(p.name, 80) || state.name;
    state.role = str(p.role, 40) || state.role;
    renderWho();
  }
}

function applyTraffic(record) {
  const p = isObj(record.payload) ? record.payload : {};
  const way = num(p.way), factor = num(p.speedFactor);
  if (way === null || factor === null) return;
  if (factor >= 0.999) state.traffic.delete(way);
  else {
    if (!state.traffic.has(way) && state.traffic.size >= 5000) state.traffic.delete(state.traffic.keys().next().value);
    state.traffic.set(way, { factor, at: timeOf(record.occurredAt) });
  }
  state.trafficVersion++;
  if (map) map.requestDraw();
}

function evictOldest(map, field) {
  let oldestKey = null, oldest = Infinity;
  for (const [k, v] of map) if ((v[field] || 0) < oldest) { oldest = v[field] || 0; oldestKey = k; }
  if (oldestKey !== null) map.delete(oldestKey);
}

// ---------------------------------------------------------------------------------------------
// Ticker

function describe(record, type) {
  const p = isObj(record.payload) ? record.payload : {};
  switch (type) {
    case 'unit.position': {
      const s = num(p.speedKmh), h = num(p.headingDegrees);
      return `${str(p.unitID, 64)} · ${s === null ? '?' : Math.round(s)} km/h${h === null ? '' : ` · ${Math.round(h)}°`}`;
    }
    case 'sensor.observation': return `${str(p.sensorID, 64)} · ${str(p.value)} ${str(p.unit, 32)}`;
    case 'call.received': return `P${str(p.priority)} ${str(p.category, 32)} · ${str(p.summary, 160)}`;
    case 'traffic.updated': {
      const f = num(p.speedFactor);
      const where = num(p.way) !== null ? `way ${p.way}` : (num(p.edge) !== null ? `edge ${p.edge}` : 'roads');
      return `${where} · speed ×${f === null ? '?' : f.toFixed(2)} · ${str(p.edgesChanged)} edges${Array.isArray(p.profiles) ? ` (${p.profiles.map((x) => str(x, 20)).join(', ')})` : ''}`;
    }
    case 'security.key.created': return `key ${str(p.keyID, 40)} “${str(p.name, 60)}” (${str(p.role, 30)})`;
    default: {
      let text = '';
      try { text = JSON.stringify(record.payload); } catch { text = ''; }
      return `${str(record.source, 60)} ${text ? text.slice(0, 160) : ''}`.trim();
    }
  }
}

function pushTicker(record, type, ok) {
  state.tickerPending.push({ seq: num(record.sequence), type, time: timeOf(record.occurredAt), text: ok ? describe(record, type) : 'malformed payload (skipped)', known: type in handlers && ok });
  if (state.tickerPending.length > CAP.tickerPending * 2) state.tickerPending.splice(0, state.tickerPending.length - CAP.tickerPending);
}

function flushTicker() {
  if (state.tickerPaused || !state.tickerPending.length) return;
  const list = $('ticker-list');
  const items = state.tickerPending.slice(-CAP.ticker);
  state.tickerPending = [];
  const frag = document.createDocumentFragment();
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    const li = document.createElement('li');
    const family = it.type.split('.')[0];
    const cls = it.known ? ({ unit: 'unit', sensor: 'sensor', call: 'call', security: 'security' }[family] || '') : 'unknown';
    li.innerHTML = `<span class="t">${clock(it.time)}</span><span class="ty ${cls}" title="#${it.seq ?? '?'} ${esc(it.type)}">${esc(it.type)}</span><span class="d" title="${esc(it.text)}">${esc(it.text)}</span>`;
    frag.appendChild(li);
  }
  list.insertBefore(frag, list.firstChild);
  while (list.childElementCount > CAP.ticker) list.lastElementChild.remove();
}

// ---------------------------------------------------------------------------------------------
// Boards

function keyedList(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const el of container.children) existing.set(el.dataset.key, el);
  let cursor = container.firstElementChild;
  for (const item of items) {
    const key = keyOf(item);
    let el = existing.get(key);
    if (el) existing.delete(key); else { el = create(item); el.dataset.key = key; }
    update(el, item);
    if (el !== cursor) container.insertBefore(el, cursor); else cursor = cursor.nextElementSibling;
  }
  for (const el of existing.values()) el.remove();
}

function renderCalls() {
  const list = $('calls-list');
  const calls = state.callOrder.map((id) => state.calls.get(id)).filter(Boolean);
  keyedList(list, calls, (c) => c.id, (c) => {
    const li = document.createElement('li');
    li.innerHTML = `<button type="button" class="call-main" role="option"><span class="prio"></span><span class="cat"></span><span class="age"></span><span class="summary"></span></button><button type="button" class="btn tiny call-rec" title="Recommend units (r)">Recommend</button>`;
    li.querySelector('.call-main').addEventListener('click', () => selectCall(c.id, { focusMap: true }));
    li.querySelector('.call-main').addEventListener('keydown', (e) => callKeydown(e, c.id));
    li.querySelector('.call-rec').addEventListener('click', () => { selectCall(c.id, { focusMap: false }); recommend(c.id); });
    if (c.fresh) { li.classList.add('fresh'); c.fresh = false; }
    return li;
  }, (li, c) => {
    const main = li.firstElementChild;
    setText(main.children[0], `P${c.priority}`);
    main.children[0].className = `prio p${c.priority}`;
    main.children[1].innerHTML = `${esc(c.category)}<span class="cid">${esc(c.id)}</span>`;
    setText(main.children[2], ago(c.receivedAt));
    setText(main.children[3], c.summary || '(no summary)');
    main.children[3].title = c.summary;
    main.setAttribute('aria-selected', String(state.selectedCall === c.id));
    main.setAttribute('aria-label', `Priority ${c.priority} ${c.category} call, ${ago(c.receivedAt)} ago: ${c.summary}${c.lat === null ? ' (no location)' : ''}`);
    li.classList.toggle('selected', state.selectedCall === c.id);
    li.classList.toggle('old', Date.now() - c.receivedAt > OLD_CALL_MS);
  });
  setText($('calls-count'), String(calls.length));
  $('calls-empty').hidden = calls.length > 0;
}

function callKeydown(e, id) {
  const i = state.callOrder.indexOf(id);
  let next = null;
  if (e.key === 'ArrowDown') next = state.callOrder[Math.min(state.callOrder.length - 1, i + 1)];
  else if (e.key === 'ArrowUp') next = state.callOrder[Math.max(0, i - 1)];
  else if (e.key === 'Home') next = state.callOrder[0];
  else if (e.key === 'End') next = state.callOrder[state.callOrder.length - 1];
  if (next) {
    e.preventDefault();
    selectCall(next, { focusMap: false });
    focusCallButton(next);
  }
}

function focusCallButton(id) {
  renderCalls();
  const li = $('calls-list').querySelector(`li[data-key="${CSS.escape(id)}"] .call-main`);
  if (li) { li.focus(); li.scrollIntoView({ block: 'nearest' }); }
}

function renderUnits() {
  const wrap = $('units-groups');
  const groups = new Map();
  for (const a of [...AGENCIES, 'other']) groups.set(a, []);
  for (const u of state.units.values()) groups.get(groups.has(u.agency) ? u.agency : 'other').push(u);
  const now = Date.now();
  const present = [...groups.entries()].filter(([, list]) => list.length);
  keyedList(wrap, present, ([a]) => a, ([a]) => {
    const div = document.createElement('section');
    div.className = 'group';
    div.innerHTML = `<h3><span class="dotc ${a}"></span><span class="gname"></span></h3><ol class="units" aria-label="${esc(AGENCY_LABEL[a] || a)} units"></ol>`;
    return div;
  }, (div, [a, list]) => {
    const active = list.filter((u) => now - u.seenAt < STALE_UNIT_MS).length;
    setText(div.querySelector('.gname'), `${AGENCY_LABEL[a] || a} · ${list.length}${active < list.length ? ` (${active} reporting)` : ''}`);
    list.sort((x, y) => x.id.localeCompare(y.id, undefined, { numeric: true }));
    keyedList(div.querySelector('ol'), list, (u) => u.id, (u) => {
      const li = document.createElement('li');
      li.tabIndex = 0;
      li.innerHTML = `<span class="dotc ${u.agency}"></span><span class="name"></span><span class="kind"></span><span class="spd"></span><span class="age"></span>`;
      const pick = () => selectUnit(u.id, true);
      li.addEventListener('click', pick);
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } else listArrows(e, li); });
      return li;
    }, (li, u) => {
      const stale = now - u.seenAt > STALE_UNIT_MS;
      setText(li.children[1], shortUnit(u.id));
      li.children[1].title = u.id;
      setText(li.children[2], u.kind || '');
      setText(li.children[3], u.speed === null ? '—' : `${Math.round(u.speed)} km/h`);
      setText(li.children[4], ago(u.seenAt));
      li.classList.toggle('stale', stale);
      li.classList.toggle('selected', state.selectedUnit === u.id);
      li.setAttribute('aria-label', `${u.id}, ${u.kind || 'unit'}, ${u.speed === null ? 'speed unknown' : `${Math.round(u.speed)} kilometres per hour`}, last seen ${ago(u.seenAt)} ago${stale ? ', stale' : ''}`);
    });
  });
  setText($('units-count'), String(state.units.size));
  $('units-empty').hidden = state.units.size > 0;
}

function shortUnit(id) {
  // "police-station-1-patrol-2" → "station-1 · patrol-2"; unknown shapes stay as they are.
  const m = /^(?:police|fire|ems)-(.+?)-((?:[a-z]+)-\d+)$/.exec(id);
  return m ? `${m[1]} · ${m[2]}` : id;
}

function listArrows(e, li) {
  let target = null;
  if (e.key === 'ArrowDown') target = li.nextElementSibling || nextGroupFirst(li, 1);
  if (e.key === 'ArrowUp') target = li.previousElementSibling || nextGroupFirst(li, -1);
  if (target) { e.preventDefault(); target.focus(); }
}
function nextGroupFirst(li, dir) {
  const group = li.closest('.group');
  if (!group) return null;
  const sibling = dir > 0 ? group.nextElementSibling : group.previousElementSibling;
  if (!sibling) return null;
  const items = sibling.querySelectorAll('li');
  return dir > 0 ? items[0] : items[items.length - 1];
}

function renderSensors() {
  const list = $('sensors-list');
  const order = { pm25: 0, no2: 1, noise: 2, 'traffic-count': 3 };
  const sensors = [...state.sensors.values()].sort((a, b) => ((order[a.quantity] ?? 9) - (order[b.quantity] ?? 9)) || a.id.localeCompare(b.id, undefined, { numeric: true }));
  const now = Date.now();
  keyedList(list, sensors, (s) => s.id, (s) => {
    const li = document.createElement('li');
    li.tabIndex = 0;
    li.innerHTML = `<span class="sq"></span><span class="name"></span><span class="val"></span><svg viewBox="0 0 96 22" preserveAspectRatio="none" aria-hidden="true"><line x1="0" x2="96" stroke="#3b4654" stroke-dasharray="2 2" stroke-width="1"/><polyline fill="none" stroke-width="1.4" stroke-linejoin="round"/><circle r="2"/></svg><span class="age"></span>`;
    const pick = () => selectSensor(s.id, true);
    li.addEventListener('click', pick);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } else listArrows(e, li); });
    return li;
  }, (li, s) => {
    const color = sensorColor(s);
    const b = band(s.quantity, s.value);
    li.children[0].style.background = color;
    li.children[1].innerHTML = `${esc(s.id)}<small>${esc(QUANTITY_LABEL[s.quantity] || s.quantity)}</small>`;
    li.children[2].innerHTML = s.value === null ? '—' : `${esc(formatValue(s.value))}<small>${esc(s.unit)}</small>`;
    li.children[2].title = b ? b.name : '';
    if (li._version !== s.version) { li._version = s.version; drawSparkline(li.children[3], s, color); }
    setText(li.children[4], ago(s.seenAt));
    li.classList.toggle('stale', now - s.seenAt > STALE_SENSOR_MS);
    li.classList.toggle('selected', state.selectedSensor === s.id);
    li.setAttribute('aria-label', `${s.id}, ${QUANTITY_LABEL[s.quantity] || s.quantity} ${s.value === null ? 'no value' : `${formatValue(s.value)} ${s.unit}`}${b ? `, ${b.name}` : ''}, ${ago(s.seenAt)} ago`);
  });
  setText($('sensors-count'), String(state.sensors.size));
  $('sensors-empty').hidden = state.sensors.size > 0;
}

function formatValue(v) { return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1); }

function drawSparkline(svg, sensor, color) {
  const pts = sensor.series;
  const line = svg.children[0], poly = svg.children[1], dot = svg.children[2];
  if (pts.length === 0) { poly.setAttribute('points', ''); return; }
  let lo = Infinity, hi = -Infinity;
  for (const [, v] of pts) { if (v < lo) lo = v; if (v > hi) hi = v; }
  // Show the next category boundary as a dashed threshold line when it is near the data.
  const bands = BANDS[sensor.quantity];
  let threshold = null;
  if (bands) {
    threshold = bands.bounds.find((x) => x >= hi * 0.6) ?? null;
    if (threshold !== null && threshold <= hi * 1.6) hi = Math.max(hi, threshold); else threshold = null;
  }
  if (hi - lo < 1e-9) { hi += 1; lo -= 1; }
  const W = 96, H = 22, pad = 2;
  const n = pts.length;
  const x = (i) => (n === 1 ? W - pad : pad + (i * (W - 2 * pad)) / (CAP.spark - 1) + (CAP.spark - n) * (W - 2 * pad) / (CAP.spark - 1));
  const y = (v) => H - pad - ((v - lo) / (hi - lo)) * (H - 2 * pad);
  poly.setAttribute('points', pts.map(([, v], i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '));
  poly.setAttribute('stroke', sensor.quantity === 'traffic-count' ? '#8fb4ff' : color);
  dot.setAttribute('cx', x(n - 1).toFixed(1));
  dot.setAttribute('cy', y(pts[n - 1][1]).toFixed(1));
  dot.setAttribute('fill', color);
  if (threshold !== null) {
    line.setAttribute('y1', y(threshold).toFixed(1)); line.setAttribute('y2', y(threshold).toFixed(1));
    line.style.display = '';
  } else line.style.display = 'none';
}

function setText(el, text) { if (el.textContent !== text) el.textContent = text; }

function renderHeader() {
  const now = Date.now();
  let activeUnits = 0;
  for (const u of state.units.values()) if (now - u.seenAt < STALE_UNIT_MS) activeUnits++;
  let urgent = 0, recent = 0;
  for (const c of state.calls.values()) {
    if (now - c.receivedAt < OLD_CALL_MS) { recent++; if (c.priority <= 2) urgent++; }
  }
  setText($('count-units'), state.units.size ? `${activeUnits}/${state.units.size}` : '0');
  setText($('count-calls'), String(recent));
  $('count-calls').parentElement.title = `Calls in the last 30 minutes (${state.calls.size} kept)`;
  setText($('count-urgent'), String(urgent));
  $('count-urgent').parentElement.title = 'Priority 1–2 calls in the last 30 minutes';
  setText($('count-sensors'), String(state.sensors.size));
  setText($('count-events'), state.total.toLocaleString());
  $('count-events').parentElement.title = Object.entries(state.counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join('\n') + (state.malformed ? `\nmalformed: ${state.malformed}` : '');
  setText($('head-seq'), `log #${state.head || '—'}`);
  while (state.eventTimes.length && now - state.eventTimes[0] > 60_000) state.eventTimes.shift();
  setText($('ticker-rate'), `${state.eventTimes.length}/min`);
  if (liveState.state === 'live' || liveState.state === 'catching-up') setLive(catchingUp() ? 'catching-up' : 'live', catchingUp() ? `${Math.max(0, state.catchUpTo - state.lastApplied)} to go` : '');
}

const liveState = { state: 'offline', detail: '' };
function setLive(s, detail) {
  if (s === 'live' && catchingUp()) s = 'catching-up';
  if (liveState.state === s && liveState.detail === detail) return;
  liveState.state = s; liveState.detail = detail;
  const el = $('live');
  el.dataset.state = s;
  const label = { live: 'live', 'catching-up': 'catching up', connecting: 'connecting', reconnecting: 'reconnecting', offline: 'offline', forbidden: 'no stream access' }[s] || s;
  setText($('live-text'), detail ? `${label} · ${detail}` : label);
  el.title = s === 'live' ? 'Following the event log in real time' : detail;
}

function renderWho() {
  const who = $('who');
  if (!state.key) { who.textContent = ''; return; }
  who.innerHTML = `${state.role ? `<span class="role">${esc(state.role)}</span> ` : ''}<b>${esc(state.name || (state.keyID ? `key ${state.keyID}` : 'signed in'))}</b>`;
}

// ---------------------------------------------------------------------------------------------
// Selection and recommendation

function selectCall(id, { focusMap }) {
  if (!state.calls.has(id)) return;
  if (state.selectedCall !== id) {
    state.selectedCall = id;
    if (state.recommendation && state.recommendation.callId !== id) clearRecommendation();
  }
  state.dirty.calls = true;
  const c = state.calls.get(id);
  if (focusMap && c.lat !== null) map.flyTo(c.lat, c.lon, Math.max(map.view.scale, map.fitScale * 3));
  map.requestDraw();
}

function selectUnit(id, focusMap) {
  const u = state.units.get(id);
  if (!u) return;
  state.selectedUnit = id;
  state.dirty.units = true;
  if (focusMap) map.flyTo(u.lat, u.lon, Math.max(map.view.scale, map.fitScale * 3));
  map.requestDraw();
}

function selectSensor(id, focusMap) {
  const s = state.sensors.get(id);
  if (!s) return;
  state.selectedSensor = id;
  state.dirty.sensors = true;
  if (focusMap && s.lat !== null) map.flyTo(s.lat, s.lon, Math.max(map.view.scale, map.fitScale * 3));
  map.requestDraw();
}

function clearRecommendation() {
  state.recommendation = null;
  state.route = null;
  $('rec-body').innerHTML = '<p class="muted">Select a call and press <kbd>r</kbd> (or “Recommend”) for the nearest units by road.</p>';
  map.requestDraw();
}

let recToken = 0;
async function recommend(callId = state.selectedCall) {
  const body = $('rec-body');
  const call = callId && state.calls.get(callId);
  if (!call) { body.innerHTML = '<p class="note">Select a call first (<kbd>c</kbd>, then <kbd>↑</kbd>/<kbd>↓</kbd>).</p>'; return; }
  const token = ++recToken;
  state.selectedCall = callId;
  state.dirty.calls = true;
  const head = `<div class="head"><span class="prio p${call.priority}">P${call.priority}</span><b>${esc(call.category)}</b><span class="muted">${esc(call.id)}</span></div>`;
  if (call.lat === null) { body.innerHTML = `${head}<p class="note">This call has no location, so no ETAs can be computed.</p>`; return; }
  const agency = CATEGORY_AGENCY[call.category] || null;
  const candidates = [...state.units.values()].filter((u) => (agency ? u.agency === agency : true) && Date.now() - u.seenAt < 30 * 60_000);
  if (!candidates.length) { body.innerHTML = `${head}<p class="note">No ${esc(AGENCY_LABEL[agency] || '')} units with a recent position.</p>`; return; }
  body.innerHTML = `${head}<p class="muted">Computing emergency-profile ETAs for ${candidates.length} ${esc(AGENCY_LABEL[agency] || '')} units…</p>`;
  state.recommendation = { callId, rows: [], shownUnit: null, status: 'loading' };

  let rows, note = '';
  try {
    const res = await api('/v1/eta', {
      method: 'POST',
      body: {
        to: { latitude: call.lat, longitude: call.lon },
        from: candidates.map((u) => ({ id: u.id, latitude: u.lat, longitude: u.lon })),
        profile: 'emergency',
      },
    });
    rows = parseEtas(res, candidates, call);
  } catch (error) {
    if (token !== recToken) return;
    if (error instanceof ApiError && error.status === 403) {
      state.can.eta = false;
      body.innerHTML = `${head}<p class="note">Your role cannot request ETAs (${esc(error.message)}).</p>`;
      return;
    }
    // Routing not deployed yet (404) or failing: fall back to straight-line distances, clearly labelled.
    note = error instanceof ApiError && (error.status === 404 || error.status === 503)
      ? `Road ETAs are not available (${esc(error.status === 404 ? 'no /v1/eta on this server' : error.message)}): ranked by straight-line distance (estimate at 40 km/h).`
      : `ETA service failed (${esc(error.message)}): ranked by straight-line distance (estimate at 40 km/h).`;
    rows = candidates.map((u) => {
      const d = haversine(u, call);
      return { id: u.id, seconds: d / (40 / 3.6), metres: d, estimate: true };
    }).sort((a, b) => a.seconds - b.seconds);
  }
  if (token !== recToken) return;
  state.recommendation = { callId, rows, shownUnit: null, status: 'ready', note };
  renderRecommendation();
  if (rows.length && rows[0].seconds !== null) showRoute(rows[0].id);
}

function parseEtas(res, candidates, call) {
  let list = Array.isArray(res) ? res : null;
  if (!list && isObj(res)) list = [res.etas, res.results, res.units, res.from, res.items].find(Array.isArray) || null;
  if (!list) throw new Error('unexpected ETA response');
  const known = new Set(candidates.map((u) => u.id));
  const rows = [];
  for (const e of list.slice(0, 500)) {
    if (!isObj(e)) continue;
    const id = str(e.id ?? e.unitID ?? e.from, 64);
    if (!id || !known.has(id)) continue;
    const seconds = num(e.durationSeconds ?? e.etaSeconds ?? e.seconds ?? e.eta ?? e.duration);
    const metres = num(e.distanceMetres ?? e.distanceMeters ?? e.metres ?? e.distance);
    const u = state.units.get(id);
    rows.push({ id, seconds, metres: metres ?? (u && call && call.lat !== null ? haversine(u, call) : null), crow: metres === null, estimate: false });
  }
  const listed = new Set(rows.map((r) => r.id));
  for (const u of candidates) if (!listed.has(u.id)) rows.push({ id: u.id, seconds: null, metres: null, estimate: false });
  rows.sort((a, b) => (a.seconds ?? Infinity) - (b.seconds ?? Infinity));
  return rows;
}

function renderRecommendation() {
  const rec = state.recommendation;
  const body = $('rec-body');
  if (!rec || rec.status !== 'ready') return;
  const call = state.calls.get(rec.callId);
  if (!call) { clearRecommendation(); return; }
  const head = `<div class="head"><span class="prio p${call.priority}">P${call.priority}</span><b>${esc(call.category)}</b><span class="muted">${esc(call.id)} · ${esc(AGENCY_LABEL[CATEGORY_AGENCY[call.category]] || 'all agencies')}</span></div>`;
  const rows = rec.rows.slice(0, 12).map((r, i) => {
    const u = state.units.get(r.id);
    const cls = ['pick', i === 0 && r.seconds !== null ? 'best' : '', rec.shownUnit === r.id ? 'shown' : ''].join(' ');
    return `<tr class="${cls}" data-unit="${esc(r.id)}" tabindex="0" title="Show this unit's route"><td>${i + 1}</td><td title="${esc(r.id)}"><span class="dotc ${u ? u.agency : 'other'}"></span> ${esc(shortUnit(r.id))}</td><td class="eta">${r.seconds === null ? 'no route' : `${r.estimate ? '~' : ''}${duration(r.seconds)}`}</td><td${r.crow ? ' title="straight-line distance"' : ''}>${r.crow && r.metres !== null ? '≈' : ''}${distanceText(r.metres)}</td><td class="muted">${u ? ago(u.seenAt) : ''}</td></tr>`;
  }).join('');
  const routeLine = state.route && state.route.unitId ? `<p class="muted small">Route on map: ${esc(shortUnit(state.route.unitId))}${state.route.straight ? ` (straight line — ${esc(state.route.reason || 'routing unavailable')})` : ` · ${duration(state.route.seconds)} · ${distanceText(state.route.metres)}`}</p>` : '';
  body.innerHTML = `${head}${rec.note ? `<p class="note">${rec.note}</p>` : ''}<table><thead><tr><th>#</th><th>Unit</th><th>ETA</th><th>Dist.</th><th>Seen</th></tr></thead><tbody>${rows}</tbody></table>${routeLine}<p class="muted small">Advice only: a dispatcher decides.</p>`;
  for (const tr of body.querySelectorAll('tr[data-unit]')) {
    const pick = () => showRoute(tr.dataset.unit);
    tr.addEventListener('click', pick);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
  }
}

async function showRoute(unitId) {
  const rec = state.recommendation;
  const call = rec && state.calls.get(rec.callId);
  const unit = state.units.get(unitId);
  if (!call || !unit) return;
  rec.shownUnit = unitId;
  const token = recToken;
  const from = { lat: unit.lat, lon: unit.lon };
  const q = `from=${from.lat.toFixed(6)},${from.lon.toFixed(6)}&to=${call.lat.toFixed(6)},${call.lon.toFixed(6)}&profile=emergency`;
  let route = null;
  try {
    const res = await api(`/v1/route?${q}`);
    const feature = isObj(res) && res.type === 'FeatureCollection' && Array.isArray(res.features) ? res.features[0] : res;
    const geom = isObj(feature) && isObj(feature.geometry) ? feature.geometry : null;
    const coords = geom && geom.type === 'LineString' && Array.isArray(geom.coordinates)
      ? geom.coordinates.filter((c) => Array.isArray(c) && validLatLon(num(c[1]), num(c[0]))).slice(0, 20_000).map((c) => [num(c[0]), num(c[1])])
      : null;
    if (!coords || coords.length < 2) throw new Error('route has no geometry');
    const props = isObj(feature.properties) ? feature.properties : {};
    route = { coords, straight: false, unitId, seconds: num(props.durationSeconds), metres: num(props.distanceMetres) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) state.can.route = false;
    const reason = error instanceof ApiError && error.status === 404 && !error.problem ? 'routing unavailable' : (error.message || 'routing unavailable');
    route = { coords: [[from.lon, from.lat], [call.lon, call.lat]], straight: true, reason, unitId, seconds: null, metres: haversine(from, call) };
  }
  if (token !== recToken || !state.recommendation || state.recommendation.callId !== call.id) return;
  state.route = route;
  renderRecommendation();
  map.fitPoints([...route.coords.map(([lon, lat]) => ({ lat, lon })), { lat: call.lat, lon: call.lon }], 80);
  map.requestDraw();
}

// ---------------------------------------------------------------------------------------------
// Map: canvas, local metric projection (equirectangular scaled by cos(lat0)), pan and zoom

class MapView {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.roadCanvas = document.createElement('canvas');
    this.view = { cx: 0, cy: 0, scale: 0.1 }; // world metres at the centre, pixels per metre
    this.fitScale = 0.1;
    this.width = 0; this.height = 0; this.dpr = 1;
    this.roads = null;         // [{ path: Path2D, color, width, minZoom }]
    this.roadsVersion = 0;
    this.roadCacheKey = '';
    this.bbox = DEFAULT_BBOX.slice();
    this.setOrigin(this.bbox);
    this.layers = { roads: true, units: true, sensors: true, calls: true, labels: false };
    this.needsDraw = true;
    this.anim = null;
    this.hover = null;
    this.fitted = false;
    this.lastFrame = 0;
    this.installInput();
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement);
    this.resize();
    requestAnimationFrame((t) => this.frame(t));
  }

  setOrigin(bbox) {
    this.lon0 = (bbox[0] + bbox[2]) / 2;
    this.lat0 = (bbox[1] + bbox[3]) / 2;
    this.kx = M_PER_DEG_LON * Math.cos((this.lat0 * Math.PI) / 180);
  }
  wx(lon) { return (lon - this.lon0) * this.kx; }
  wy(lat) { return -(lat - this.lat0) * M_PER_DEG_LAT; }
  toScreen(lat, lon) {
    const v = this.view;
    return [(this.wx(lon) - v.cx) * v.scale + this.width / 2, (this.wy(lat) - v.cy) * v.scale + this.height / 2];
  }
  toWorld(sx, sy) {
    const v = this.view;
    return [(sx - this.width / 2) / v.scale + v.cx, (sy - this.height / 2) / v.scale + v.cy];
  }

  resize() {
    const rect = this.canvas.parentElement.getBoundingClientRect();
    this.dpr = Math.min(window.devicePixelRatio || 1, 2);
    this.width = Math.max(1, Math.round(rect.width));
    this.height = Math.max(1, Math.round(rect.height));
    for (const c of [this.canvas, this.roadCanvas]) {
      c.width = Math.round(this.width * this.dpr);
      c.height = Math.round(this.height * this.dpr);
    }
    this.computeFitScale();
    if (!this.fitted) this.fit(false);
    this.roadCacheKey = '';
    // Draw now rather than at the next frame: resizing cleared the canvas.
    try { this.draw(performance.now()); } catch (error) { console.warn('map draw failed', error); }
  }

  computeFitScale() {
    const w = Math.max(1, this.wx(this.bbox[2]) - this.wx(this.bbox[0]));
    const h = Math.max(1, this.wy(this.bbox[1]) - this.wy(this.bbox[3]));
    this.fitScale = Math.min((this.width - 40) / w, (this.height - 40) / h);
    if (!Number.isFinite(this.fitScale) || this.fitScale <= 0) this.fitScale = 0.1;
  }

  setBBox(bbox) {
    this.bbox = bbox;
    this.setOrigin(bbox);
    this.computeFitScale();
  }

  fit(animate = true) {
    const cx = (this.wx(this.bbox[0]) + this.wx(this.bbox[2])) / 2;
    const cy = (this.wy(this.bbox[1]) + this.wy(this.bbox[3])) / 2;
    this.fitted = true;
    this.animateTo({ cx, cy, scale: this.fitScale }, animate);
  }

  fitPoints(points, padding) {
    const good = points.filter((p) => p && validLatLon(p.lat, p.lon));
    if (!good.length) return;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const p of good) {
      const x = this.wx(p.lon), y = this.wy(p.lat);
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
    const scale = Math.min((this.width - 2 * padding) / Math.max(x1 - x0, 50), (this.height - 2 * padding) / Math.max(y1 - y0, 50));
    this.animateTo({ cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, scale: this.clampScale(scale) }, true);
  }

  flyTo(lat, lon, scale) {
    this.animateTo({ cx: this.wx(lon), cy: this.wy(lat), scale: this.clampScale(scale) }, true);
  }

  clampScale(s) { return clamp(s, this.fitScale / 8, 40); }

  animateTo(target, animate) {
    if (!animate || window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.view = { ...target }; this.anim = null; this.requestDraw(); return;
    }
    this.anim = { from: { ...this.view }, to: target, start: performance.now(), ms: 350 };
    this.requestDraw();
  }

  zoomBy(factor, sx = this.width / 2, sy = this.height / 2) {
    this.anim = null;
    const [wx, wy] = this.toWorld(sx, sy);
    const scale = this.clampScale(this.view.scale * factor);
    // Keep the world point under the cursor where it is.
    this.view = { scale, cx: wx - (sx - this.width / 2) / scale, cy: wy - (sy - this.height / 2) / scale };
    this.requestDraw();
  }

  panBy(dx, dy) {
    this.anim = null;
    this.view = { ...this.view, cx: this.view.cx - dx / this.view.scale, cy: this.view.cy - dy / this.view.scale };
    this.requestDraw();
  }

  setRoads(data) {
    const bbox = Array.isArray(data.bbox) && data.bbox.length === 4 && data.bbox.every((v) => num(v) !== null) ? data.bbox.map(num) : null;
    if (bbox && bbox[0] < bbox[2] && bbox[1] < bbox[3]) this.setBBox(bbox);
    const byStyle = ROAD_STYLE.map(([classes, color, width, minZoom]) => ({ classes: new Set(classes), color, width, minZoom, path: new Path2D(), count: 0 }));
    const fallback = byStyle[2];
    let segments = 0;
    const roads = Array.isArray(data.roads) ? data.roads : [];
    this.wayLines = new Map();
    for (const road of roads) {
      if (!isObj(road) || !Array.isArray(road.coordinates)) continue;
      const cls = str(road.highway, 40);
      const style = byStyle.find((s) => s.classes.has(cls)) || fallback;
      const way = num(road.way);
      const line = [];
      let first = true;
      for (const c of road.coordinates) {
        if (!Array.isArray(c)) continue;
        const lon = num(c[0]), lat = num(c[1]);
        if (!validLatLon(lat, lon)) { first = true; line.push(NaN, NaN); continue; }
        const x = this.wx(lon), y = this.wy(lat);
        line.push(x, y);
        if (first) { style.path.moveTo(x, y); first = false; } else { style.path.lineTo(x, y); segments++; }
      }
      if (way !== null && line.length >= 4) {
        // A way can come as several polylines: keep them all, separated by a break.
        const prev = this.wayLines.get(way);
        this.wayLines.set(way, prev ? Float32Array.from([...prev, NaN, NaN, ...line]) : Float32Array.from(line));
      }
      style.count++;
      if (segments > 2_000_000) break; // bound memory on absurd inputs
    }
    this.roads = byStyle.filter((s) => s.count > 0);
    this.canvas.dataset.roads = String(roads.length);
    this.roadsVersion++;
    this.roadCacheKey = '';
    this.fit(false);
    return { roads: roads.length, segments };
  }

  requestDraw() { this.needsDraw = true; }

  frame(t) {
    requestAnimationFrame((n) => this.frame(n));
    const animating = this.anim || this.hasPulses() || this.hasMoving(t);
    // Up to ~30 fps while something moves; otherwise only when asked.
    if (!this.needsDraw && !(animating && t - this.lastFrame > 32)) return;
    this.lastFrame = t;
    this.needsDraw = false;
    if (this.anim) {
      const k = clamp((t - this.anim.start) / this.anim.ms, 0, 1);
      const e = k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
      const a = this.anim.from, b = this.anim.to;
      const ls = Math.log(a.scale) + (Math.log(b.scale) - Math.log(a.scale)) * e;
      this.view = { cx: a.cx + (b.cx - a.cx) * e, cy: a.cy + (b.cy - a.cy) * e, scale: Math.exp(ls) };
      if (k >= 1) this.anim = null;
    }
    try { this.draw(t); } catch (error) { console.warn('map draw failed', error); }
  }

  hasPulses() { return this.layers.calls && state.calls.size > 0; }
  hasMoving(t) {
    if (!this.layers.units) return false;
    for (const u of state.units.values()) if (u.animStart && t - u.animStart < 950) return true;
    return false;
  }

  zoomFactor() { return this.view.scale / this.fitScale; }

  drawRoads() {
    const key = `${this.view.cx.toFixed(3)},${this.view.cy.toFixed(3)},${this.view.scale.toFixed(6)},${this.width}x${this.height},${this.roadsVersion},${this.layers.roads},${state.trafficVersion}`;
    if (key === this.roadCacheKey) return;
    this.roadCacheKey = key;
    const c = this.roadCanvas.getContext('2d');
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, this.roadCanvas.width, this.roadCanvas.height);
    if (!this.layers.roads) return;
    const v = this.view, d = this.dpr;
    const z = this.zoomFactor();
    c.setTransform(v.scale * d, 0, 0, v.scale * d, (this.width / 2 - v.cx * v.scale) * d, (this.height / 2 - v.cy * v.scale) * d);
    c.lineCap = 'round'; c.lineJoin = 'round';
    if (!this.roads) { this.drawGrid(c); return; }
    const grow = Math.sqrt(clamp(z, 1, 9));
    for (const s of this.roads) {
      if (z < s.minZoom) continue;
      c.strokeStyle = s.color;
      c.lineWidth = (s.width * grow) / v.scale;
      c.stroke(s.path);
    }
    this.drawTraffic(c, grow);
  }

  drawTraffic(c, grow) {
    // Live slow-downs (traffic.updated) over the roads they concern: orange, red, dark red.
    if (!this.wayLines || !state.traffic.size) return;
    const v = this.view;
    for (const [way, t] of state.traffic) {
      const line = this.wayLines.get(way);
      if (!line) continue;
      c.beginPath();
      let pen = false;
      for (let i = 0; i < line.length; i += 2) {
        const x = line[i], y = line[i + 1];
        if (Number.isNaN(x)) { pen = false; continue; }
        if (pen) c.lineTo(x, y); else { c.moveTo(x, y); pen = true; }
      }
      c.strokeStyle = t.factor < 0.25 ? '#b3001b' : t.factor < 0.5 ? '#ff3b3b' : '#ff9a1f';
      c.lineWidth = (3.2 * grow) / v.scale;
      c.stroke();
    }
  }

  drawGrid(c) {
    // Without a road map: a faint 500 m grid so distances still read.
    const v = this.view;
    const [x0, y0] = this.toWorld(0, 0), [x1, y1] = this.toWorld(this.width, this.height);
    const step = v.scale > 0.3 ? 100 : 500;
    c.strokeStyle = '#1a222c';
    c.lineWidth = 1 / v.scale;
    c.beginPath();
    for (let x = Math.floor(x0 / step) * step; x <= x1; x += step) { c.moveTo(x, y0); c.lineTo(x, y1); }
    for (let y = Math.floor(y0 / step) * step; y <= y1; y += step) { c.moveTo(x0, y); c.lineTo(x1, y); }
    c.stroke();
  }

  draw(t) {
    const ctx = this.ctx, d = this.dpr;
    this.drawRoads();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#0a0e13';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.roadCanvas, 0, 0);
    ctx.setTransform(d, 0, 0, d, 0, 0);
    this.items = [];
    if (state.route) this.drawRoute(ctx);
    if (this.layers.sensors) this.drawSensors(ctx);
    if (this.layers.units) this.drawUnits(ctx, t);
    if (this.layers.calls) this.drawCalls(ctx, t);
    this.drawScale();
    // For tests and tooling: what the last frame drew.
    const counts = { units: 0, sensors: 0, calls: 0 };
    for (const it of this.items) counts[`${it.kind}s`]++;
    const ds = this.canvas.dataset;
    if (ds.units !== String(counts.units)) ds.units = counts.units;
    if (ds.sensors !== String(counts.sensors)) ds.sensors = counts.sensors;
    if (ds.calls !== String(counts.calls)) ds.calls = counts.calls;
  }

  onScreen(x, y, margin = 30) { return x > -margin && y > -margin && x < this.width + margin && y < this.height + margin; }

  drawRoute(ctx) {
    const r = state.route;
    ctx.save();
    ctx.lineJoin = 'round'; ctx.lineCap = 'round';
    ctx.beginPath();
    r.coords.forEach(([lon, lat], i) => { const [x, y] = this.toScreen(lat, lon); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
    ctx.strokeStyle = 'rgba(0,0,0,.85)'; ctx.lineWidth = 8; ctx.stroke();
    ctx.strokeStyle = '#00e5ff'; ctx.lineWidth = 4;
    if (r.straight) ctx.setLineDash([8, 6]);
    ctx.stroke();
    // Thin dashed connectors where the route was snapped to the road: unit → start, end → call.
    const unit = state.units.get(r.unitId);
    const call = state.recommendation && state.calls.get(state.recommendation.callId);
    if (!r.straight) {
      ctx.setLineDash([3, 4]); ctx.lineWidth = 1.5; ctx.strokeStyle = '#9beeff';
      const ends = [];
      if (unit) ends.push([[unit.lat, unit.lon], [r.coords[0][1], r.coords[0][0]]]);
      if (call && call.lat !== null) { const last = r.coords[r.coords.length - 1]; ends.push([[last[1], last[0]], [call.lat, call.lon]]); }
      for (const [[a1, o1], [a2, o2]] of ends) {
        const [x1, y1] = this.toScreen(a1, o1), [x2, y2] = this.toScreen(a2, o2);
        ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      }
    }
    ctx.restore();
  }

  drawSensors(ctx) {
    const size = this.zoomFactor() > 2.5 ? 10 : 8;
    for (const s of state.sensors.values()) {
      if (s.lat === null) continue;
      const [x, y] = this.toScreen(s.lat, s.lon);
      if (!this.onScreen(x, y)) continue;
      ctx.fillStyle = sensorColor(s);
      ctx.strokeStyle = state.selectedSensor === s.id ? '#ffffff' : '#05080b';
      ctx.lineWidth = state.selectedSensor === s.id ? 2 : 1.2;
      ctx.globalAlpha = Date.now() - s.seenAt > STALE_SENSOR_MS ? 0.5 : 1;
      ctx.fillRect(x - size / 2, y - size / 2, size, size);
      ctx.strokeRect(x - size / 2, y - size / 2, size, size);
      ctx.globalAlpha = 1;
      if (this.layers.labels) this.label(ctx, x + size / 2 + 3, y + 3, `${s.id} ${s.value === null ? '' : formatValue(s.value)}`);
      this.items.push({ kind: 'sensor', id: s.id, x, y, r: size });
    }
  }

  drawUnits(ctx, t) {
    const now = Date.now();
    for (const u of state.units.values()) {
      const pos = unitPosition(u, t);
      const [x, y] = this.toScreen(pos.lat, pos.lon);
      if (!this.onScreen(x, y)) continue;
      const stale = now - u.seenAt > STALE_UNIT_MS;
      const color = AGENCY_COLOR[u.agency] || AGENCY_COLOR.other;
      ctx.globalAlpha = stale ? 0.45 : 1;
      if (u.heading !== null && (u.speed === null || u.speed > 0.5)) {
        const h = (u.heading * Math.PI) / 180, sx = Math.sin(h), sy = -Math.cos(h);
        ctx.beginPath();
        ctx.moveTo(x + sx * 13, y + sy * 13);
        ctx.lineTo(x + sx * 5 - sy * 4.5, y + sy * 5 + sx * 4.5);
        ctx.lineTo(x + sx * 5 + sy * 4.5, y + sy * 5 - sx * 4.5);
        ctx.closePath();
        ctx.fillStyle = color; ctx.fill();
        ctx.strokeStyle = '#05080b'; ctx.lineWidth = 1; ctx.stroke();
      }
      ctx.beginPath();
      ctx.arc(x, y, 6, 0, Math.PI * 2);
      ctx.fillStyle = color; ctx.fill();
      ctx.lineWidth = 2; ctx.strokeStyle = '#05080b'; ctx.stroke();
      if (state.selectedUnit === u.id || (state.route && state.route.unitId === u.id)) {
        ctx.beginPath(); ctx.arc(x, y, 10, 0, Math.PI * 2); ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 2; ctx.stroke();
      }
      ctx.globalAlpha = 1;
      if (this.layers.labels || state.selectedUnit === u.id) this.label(ctx, x + 10, y - 8, shortUnit(u.id));
      this.items.push({ kind: 'unit', id: u.id, x, y, r: 9 });
    }
  }

  drawCalls(ctx, t) {
    const now = Date.now();
    for (const id of state.callOrder) {
      const c = state.calls.get(id);
      if (!c || c.lat === null) continue;
      const [x, y] = this.toScreen(c.lat, c.lon);
      if (!this.onScreen(x, y, 40)) continue;
      const color = PRIORITY_COLOR[c.priority] || PRIORITY_COLOR[5];
      const old = now - c.receivedAt > OLD_CALL_MS;
      if (!old) {
        const period = [0, 900, 1200, 1600, 2200, 2600][c.priority] || 2000;
        const k = ((t + (c.receivedAt % period)) % period) / period;
        ctx.beginPath(); ctx.arc(x, y, 8 + 16 * k, 0, Math.PI * 2);
        ctx.strokeStyle = color; ctx.globalAlpha = 0.9 * (1 - k); ctx.lineWidth = 2.5; ctx.stroke();
        ctx.globalAlpha = 1;
      }
      // A diamond with the priority number.
      const r = old ? 6 : 8;
      ctx.beginPath(); ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
      ctx.globalAlpha = old ? 0.55 : 1;
      ctx.fillStyle = color; ctx.fill();
      ctx.lineWidth = state.selectedCall === c.id ? 2.5 : 1.5;
      ctx.strokeStyle = state.selectedCall === c.id ? '#ffffff' : '#05080b'; ctx.stroke();
      ctx.fillStyle = c.priority === 1 ? '#fff' : '#05080b';
      ctx.font = 'bold 9px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.fillText(String(c.priority), x, y + 0.5);
      ctx.textAlign = 'start'; ctx.textBaseline = 'alphabetic';
      ctx.globalAlpha = 1;
      if (state.selectedCall === c.id) {
        ctx.beginPath(); ctx.arc(x, y, 14, 0, Math.PI * 2); ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 1.5; ctx.setLineDash([3, 3]); ctx.stroke(); ctx.setLineDash([]);
      }
      if (this.layers.labels || state.selectedCall === c.id) this.label(ctx, x + 12, y - 10, `${c.category} ${c.id}`);
      this.items.push({ kind: 'call', id: c.id, x, y, r: 10 });
    }
  }

  label(ctx, x, y, text) {
    ctx.font = '11px system-ui, sans-serif';
    const w = ctx.measureText(text).width;
    ctx.fillStyle = 'rgba(5,8,11,.8)'; ctx.fillRect(x - 2, y - 10, w + 4, 13);
    ctx.fillStyle = '#e6edf3'; ctx.fillText(text, x, y);
  }

  drawScale() {
    const metresPer100px = 100 / this.view.scale;
    const nice = [5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000].find((m) => m >= metresPer100px * 0.6) || 20000;
    const px = nice * this.view.scale;
    const bar = $('scale-bar');
    const text = nice >= 1000 ? `${nice / 1000} km` : `${nice} m`;
    setText(bar.firstElementChild, text);
    bar.lastElementChild.style.width = `${Math.round(px)}px`;
  }

  hit(sx, sy) {
    if (!this.items) return null;
    const rank = { call: 0, unit: 1, sensor: 2 };
    let best = null, bestScore = Infinity;
    for (const it of this.items) {
      const dist = Math.hypot(it.x - sx, it.y - sy);
      if (dist > it.r + 5) continue;
      const score = rank[it.kind] * 4 + dist;
      if (score < bestScore) { bestScore = score; best = it; }
    }
    return best;
  }

  installInput() {
    const cv = this.canvas;
    let drag = null;
    cv.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      cv.setPointerCapture(e.pointerId);
      drag = { x: e.clientX, y: e.clientY, moved: false };
    });
    cv.addEventListener('pointermove', (e) => {
      const rect = cv.getBoundingClientRect();
      if (drag) {
        const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (drag.moved || Math.hypot(dx, dy) > 4) {
          drag.moved = true;
          cv.classList.add('dragging');
          this.panBy(dx, dy);
          drag.x = e.clientX; drag.y = e.clientY;
          hideTip();
        }
        return;
      }
      const it = this.hit(e.clientX - rect.left, e.clientY - rect.top);
      cv.classList.toggle('hovering', !!it);
      if (it) showTip(it, e.clientX - rect.left, e.clientY - rect.top); else hideTip();
    });
    const end = (e) => {
      if (!drag) return;
      const wasClick = !drag.moved;
      drag = null;
      cv.classList.remove('dragging');
      if (wasClick && e.type === 'pointerup') {
        const rect = cv.getBoundingClientRect();
        const it = this.hit(e.clientX - rect.left, e.clientY - rect.top);
        if (it) this.activate(it);
      }
    };
    cv.addEventListener('pointerup', end);
    cv.addEventListener('pointercancel', end);
    cv.addEventListener('pointerleave', () => { if (!drag) hideTip(); });
    cv.addEventListener('wheel', (e) => {
      e.preventDefault();
      const rect = cv.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      this.zoomBy(Math.exp(-clamp(delta, -300, 300) * 0.0018), e.clientX - rect.left, e.clientY - rect.top);
      hideTip();
    }, { passive: false });
    cv.addEventListener('dblclick', (e) => {
      const rect = cv.getBoundingClientRect();
      this.zoomBy(e.shiftKey ? 0.5 : 2, e.clientX - rect.left, e.clientY - rect.top);
    });
    cv.addEventListener('keydown', (e) => {
      const step = 80;
      const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[e.key]) { e.preventDefault(); this.panBy(...moves[e.key]); }
    });
  }

  activate(it) {
    if (it.kind === 'call') { selectCall(it.id, { focusMap: false }); focusCallButton(it.id); }
    else if (it.kind === 'unit') { selectUnit(it.id, false); scrollBoardTo('units-groups', it.id); }
    else if (it.kind === 'sensor') { selectSensor(it.id, false); scrollBoardTo('sensors-list', it.id); }
  }
}

function scrollBoardTo(containerId, key) {
  flushBoards(true);
  const el = $(containerId).querySelector(`li[data-key="${CSS.escape(key)}"]`);
  if (el) el.scrollIntoView({ block: 'nearest' });
}

function showTip(it, x, y) {
  const tip = $('map-tip');
  let html = '';
  if (it.kind === 'unit') {
    const u = state.units.get(it.id);
    if (!u) return hideTip();
    html = `<h4><span class="dotc ${u.agency}"></span> ${esc(u.id)}</h4><dl><dt>Agency</dt><dd>${esc(AGENCY_LABEL[u.agency] || u.agency)}</dd><dt>Kind</dt><dd>${esc(u.kind || '—')}</dd><dt>Speed</dt><dd>${u.speed === null ? '—' : `${Math.round(u.speed)} km/h`}</dd><dt>Heading</dt><dd>${u.heading === null ? '—' : `${Math.round(u.heading)}°`}</dd><dt>Seen</dt><dd>${ago(u.seenAt)} ago (${clock(u.seenAt)})</dd><dt>Position</dt><dd>${u.lat.toFixed(5)}, ${u.lon.toFixed(5)}</dd></dl>`;
  } else if (it.kind === 'sensor') {
    const s = state.sensors.get(it.id);
    if (!s) return hideTip();
    const b = band(s.quantity, s.value);
    html = `<h4><span class="sq" style="background:${sensorColor(s)}"></span> ${esc(s.id)}</h4><dl><dt>Quantity</dt><dd>${esc(QUANTITY_LABEL[s.quantity] || s.quantity)}</dd><dt>Value</dt><dd>${s.value === null ? '—' : `${esc(formatValue(s.value))} ${esc(s.unit)}`}</dd>${b ? `<dt>Category</dt><dd>${esc(b.name)}</dd>` : ''}<dt>Readings</dt><dd>${s.series.length} kept</dd><dt>Seen</dt><dd>${ago(s.seenAt)} ago (${clock(s.seenAt)})</dd></dl>`;
  } else {
    const c = state.calls.get(it.id);
    if (!c) return hideTip();
    html = `<h4><span class="prio p${c.priority}">P${c.priority}</span> ${esc(c.category)} · ${esc(c.id)}</h4><p style="margin:0 0 4px">${esc(c.summary)}</p><dl><dt>Received</dt><dd>${clock(c.receivedAt)} (${ago(c.receivedAt)} ago)</dd><dt>Send</dt><dd>${esc(AGENCY_LABEL[CATEGORY_AGENCY[c.category]] || '—')}</dd></dl><p class="muted small" style="margin:4px 0 0">Click to select · <kbd>r</kbd> recommend</p>`;
  }
  tip.innerHTML = html;
  tip.hidden = false;
  const wrap = tip.parentElement.getBoundingClientRect();
  const w = tip.offsetWidth, h = tip.offsetHeight;
  tip.style.left = `${Math.min(x + 14, wrap.width - w - 6)}px`;
  tip.style.top = `${y + 14 + h > wrap.height ? Math.max(4, y - h - 10) : y + 14}px`;
}
function hideTip() { $('map-tip').hidden = true; }

// ---------------------------------------------------------------------------------------------
// Scheduling board updates (bounded work per frame, independent of the event rate)

let lastBoards = 0;
function flushBoards(force = false) {
  const now = performance.now();
  try {
    if (state.dirty.calls) { state.dirty.calls = false; renderCalls(); if (state.recommendation && state.recommendation.status === 'ready' && !state.calls.has(state.recommendation.callId)) clearRecommendation(); }
    if (force || now - lastBoards > 700) {
      lastBoards = now;
      if (state.dirty.units) { state.dirty.units = false; renderUnits(); }
      if (state.dirty.sensors) { state.dirty.sensors = false; renderSensors(); }
      if (state.dirty.header) { state.dirty.header = false; renderHeader(); }
      flushTicker();
    }
  } catch (error) {
    console.warn('board render failed', error);
  }
}

function boardLoop() {
  flushBoards();
  requestAnimationFrame(boardLoop);
}
// Frames stop in background tabs (and in some headless modes): a timer keeps boards current anyway.
setInterval(() => flushBoards(), 1000);

// Ages tick even when nothing arrives.
setInterval(() => { state.dirty.calls = state.dirty.units = state.dirty.sensors = state.dirty.header = true; if (map) map.requestDraw(); }, 5000);

// ---------------------------------------------------------------------------------------------
// Sign-in, discovery, start

let map = null;
let stream = null;

function readKey() {
  const m = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (m) {
    try { sessionStorage.setItem(KEY_STORAGE, decodeURIComponent(m[1])); } catch { /* storage may be disabled */ }
    history.replaceState(null, '', location.pathname + location.search);
  }
  try { return sessionStorage.getItem(KEY_STORAGE); } catch { return null; }
}

function showLogin(message) {
  $('login').hidden = false;
  $('logout-btn').hidden = true;
  const err = $('login-error');
  err.hidden = !message;
  err.textContent = message || '';
  setTimeout(() => $('login-key').focus(), 0);
}

function logout() {
  try { sessionStorage.removeItem(KEY_STORAGE); } catch { /* ignore */ }
  if (stream) stream.stop();
  // A reload drops every piece of state and every open request with it.
  location.replace(location.pathname);
}

async function signIn(key) {
  state.key = key.trim();
  const m = /^sck_([A-Za-z0-9]+)_/.exec(state.key);
  state.keyID = m ? m[1] : null;
  let activity;
  try {
    activity = await api('/v1/activity');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      try { sessionStorage.removeItem(KEY_STORAGE); } catch { /* ignore */ }
      state.key = null;
      showLogin(`That key was not accepted: ${error.message}`);
      return false;
    }
    if (error instanceof ApiError && error.status === 403) {
      try { sessionStorage.removeItem(KEY_STORAGE); } catch { /* ignore */ }
      state.key = null;
      showLogin(`This key's role cannot see the operations picture (${error.message}). Use a staff key (dispatcher, supervisor/admin, analyst…).`);
      return false;
    }
    showLogin(`Could not reach the server: ${error.message}`);
    return false;
  }
  $('login').hidden = true;
  $('logout-btn').hidden = false;
  renderWho();
  paintActivity(activity);
  discoverRole();
  loadRoads();
  startStream();
  return true;
}

function paintActivity(body) {
  if (!isObj(body)) return;
  const seq = num(body.sequence) || 0;
  const a = isObj(body.activity) ? body.activity : {};
  state.snapshotSeq = seq;
  state.head = seq;
  state.total = num(a.total) || 0;
  state.counts = {};
  if (isObj(a.countsByType)) for (const [k, v] of Object.entries(a.countsByType)) if (num(v) !== null) state.counts[k] = num(v);
  // Positions of sources we know nothing else about yet; the backlog replay fills in details.
  if (isObj(a.sources)) {
    for (const [source, s] of Object.entries(a.sources)) {
      if (!isObj(s)) continue;
      const loc = locOf(s);
      if (source.startsWith('unit:') && loc && state.units.size < CAP.units) {
        const id = source.slice(5);
        state.units.set(id, { id, lat: loc.lat, lon: loc.lon, fromLat: loc.lat, fromLon: loc.lon, animStart: 0, agency: agencyOf('', id), kind: '', speed: null, heading: null, seenAt: timeOf(s.occurredAt) });
      } else if (source.startsWith('sensor:') && state.sensors.size < CAP.sensors) {
        const id = source.slice(7);
        const quantity = (/^(pm25|no2|noise|traffic-count)-/.exec(id) || [])[1] || 'unknown';
        state.sensors.set(id, { id, quantity, unit: '', value: null, series: [], version: 0, lat: loc ? loc.lat : null, lon: loc ? loc.lon : null, seenAt: timeOf(s.occurredAt) });
      }
    }
  }
  Object.assign(state.dirty, { units: true, sensors: true, header: true });
}

async function discoverRole() {
  // No "who am I" route yet: infer the role from what the key may do (403 = not allowed).
  const [keys, metrics, events] = await Promise.all([probe('/v1/keys'), probe('/metrics'), probe('/v1/events?after=0&limit=1')]);
  state.can = { ...state.can, keys: keys === 200, metrics: metrics === 200, events: events === 200 };
  if (keys === 200) state.role = 'admin';
  else if (events === 200 && metrics === 200) state.role = 'analyst';
  else if (events === 200) state.role = 'dispatcher';
  else state.role = state.role || 'staff';
  $('verify-btn').hidden = keys !== 200;
  try {
    if (keys === 200 && state.keyID) {
      const list = await api('/v1/keys');
      const mine = isObj(list) && Array.isArray(list.keys) ? list.keys.find((k) => isObj(k) && k.id === state.keyID) : null;
      if (mine) { state.name = str(mine.name, 80); state.role = str(mine.role, 40) || state.role; }
    } else if (events === 200 && state.keyID) {
      // Keys are announced in the log as security.key.created.
      const page = await api('/v1/events?after=0&limit=1000');
      const hit = isObj(page) && Array.isArray(page.events) ? page.events.find((e) => isObj(e) && e.type === 'security.key.created' && isObj(e.payload) && e.payload.keyID === state.keyID) : null;
      if (hit) { state.name = str(hit.payload.name, 80) || state.name; state.role = str(hit.payload.role, 40) || state.role; }
    }
  } catch { /* best effort */ }
  renderWho();
}

let roadsRetry = null;
async function loadRoads() {
  clearTimeout(roadsRetry);
  const status = $('map-status');
  try {
    const data = await api('/v1/map/roads');
    if (!isObj(data)) throw new Error('unexpected road map response');
    const info = map.setRoads(data);
    status.textContent = info.roads ? '' : 'The road map is empty.';
  } catch (error) {
    const missing = error instanceof ApiError && error.status === 404;
    status.textContent = missing
      ? 'Road map not available on this server yet (GET /v1/map/roads → 404): showing positions on a 500 m grid.'
      : `Road map failed to load: ${error.message}. Retrying.`;
    if (!(error instanceof ApiError && error.status === 403)) roadsRetry = setTimeout(loadRoads, missing ? 60_000 : 15_000);
    else status.textContent = 'Your role cannot load the road map.';
    fitToData();
  }
}

function fitToData() {
  const pts = [];
  for (const u of state.units.values()) pts.push(u);
  for (const s of state.sensors.values()) if (s.lat !== null) pts.push(s);
  if (pts.length < 2) return;
  let b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of pts) b = [Math.min(b[0], p.lon), Math.min(b[1], p.lat), Math.max(b[2], p.lon), Math.max(b[3], p.lat)];
  const padLon = (b[2] - b[0]) * 0.05 + 0.002, padLat = (b[3] - b[1]) * 0.05 + 0.002;
  map.setBBox([b[0] - padLon, b[1] - padLat, b[2] + padLon, b[3] + padLat]);
  map.roadCacheKey = '';
  map.fit(false);
}

function startStream() {
  const from = Math.max(0, state.snapshotSeq - CAP.backfill);
  state.catchUpTo = state.snapshotSeq;
  state.lastApplied = from;
  stream = new LiveStream({
    onEvent: (ev) => {
      let record = null;
      try { record = JSON.parse(ev.data); } catch { state.malformed++; pushTicker({ sequence: ev.id, payload: null }, ev.type || 'unparseable', false); return; }
      ingest(record, ev.type);
    },
    onStatus: (s, detail) => setLive(s, detail),
    onAuthFailure: (detail) => {
      stream.stop();
      setLive('offline', 'key rejected');
      try { sessionStorage.removeItem(KEY_STORAGE); } catch { /* ignore */ }
      showLogin(`The server no longer accepts this key: ${detail}`);
    },
  });
  stream.start(from);
}

// ---------------------------------------------------------------------------------------------
// Keyboard

function typing(e) {
  const t = e.target;
  return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

function openHelp() {
  $('help').hidden = false;
  $('help').querySelector('.dialog').focus();
}

function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === 'Escape') {
    if (!$('help').hidden) { $('help').hidden = true; e.preventDefault(); return; }
    if (!$('login').hidden) return;
    hideTip();
    if (state.route || state.recommendation) clearRecommendation();
    else { state.selectedCall = state.selectedUnit = state.selectedSensor = null; Object.assign(state.dirty, { calls: true, units: true, sensors: true }); map.requestDraw(); }
    return;
  }
  if (typing(e) || !$('login').hidden) return;
  if (!$('help').hidden && e.key !== '?') return;
  const focusFirst = (sel) => { const el = document.querySelector(sel); if (el) { el.focus(); el.scrollIntoView({ block: 'nearest' }); } };
  switch (e.key) {
    case '?': e.preventDefault(); if ($('help').hidden) openHelp(); else $('help').hidden = true; break;
    case 'c': {
      e.preventDefault();
      const id = state.selectedCall && state.calls.has(state.selectedCall) ? state.selectedCall : state.callOrder[0];
      if (id) { selectCall(id, { focusMap: false }); focusCallButton(id); } else $('calls-list').focus();
      break;
    }
    case 'n': e.preventDefault(); if (state.callOrder[0]) { selectCall(state.callOrder[0], { focusMap: true }); focusCallButton(state.callOrder[0]); } break;
    case 'u': e.preventDefault(); focusFirst('#units-groups li.selected'); if (!document.activeElement.closest('#units-groups')) focusFirst('#units-groups li'); break;
    case 's': e.preventDefault(); focusFirst('#sensors-list li.selected'); if (!document.activeElement.closest('#sensors-list')) focusFirst('#sensors-list li'); break;
    case 'm': e.preventDefault(); $('map').focus(); break;
    case 'f': e.preventDefault(); map.fit(true); break;
    case '+': case '=': e.preventDefault(); map.zoomBy(1.5); break;
    case '-': case '_': e.preventDefault(); map.zoomBy(1 / 1.5); break;
    case 'r': e.preventDefault(); recommend(); break;
    case 'p': e.preventDefault(); toggleTicker(); break;
    case 'l': e.preventDefault(); { const box = $('layer-labels'); box.checked = !box.checked; map.layers.labels = box.checked; map.requestDraw(); } break;
    default: break;
  }
}

function toggleTicker() {
  state.tickerPaused = !state.tickerPaused;
  const b = $('ticker-pause');
  b.setAttribute('aria-pressed', String(state.tickerPaused));
  b.textContent = state.tickerPaused ? 'Paused' : 'Pause';
}

async function verifyLog() {
  const b = $('verify-btn');
  b.disabled = true;
  b.textContent = 'Verifying…';
  try {
    const r = await api('/v1/audit/verify');
    if (isObj(r) && r.intact === true) { b.textContent = `Chain intact ✓ (${num(r.records) ?? '?'})`; b.style.color = 'var(--ok)'; }
    else { b.textContent = `Chain BROKEN at #${isObj(r) ? str(r.brokenAt) : '?'}`; b.style.color = 'var(--bad)'; b.title = isObj(r) ? str(r.reason, 300) : ''; }
  } catch (error) {
    b.textContent = 'Verify failed'; b.title = error.message;
  } finally {
    b.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Boot

function boot() {
  map = new MapView($('map'));
  document.addEventListener('keydown', onKey);
  $('zoom-in').addEventListener('click', () => map.zoomBy(1.5));
  $('zoom-out').addEventListener('click', () => map.zoomBy(1 / 1.5));
  $('zoom-fit').addEventListener('click', () => map.fit(true));
  for (const layer of ['roads', 'units', 'sensors', 'calls', 'labels']) {
    $(`layer-${layer}`).addEventListener('change', (e) => { map.layers[layer] = e.target.checked; map.roadCacheKey = ''; map.requestDraw(); });
  }
  $('help-btn').addEventListener('click', openHelp);
  $('help-close').addEventListener('click', () => { $('help').hidden = true; });
  $('help').addEventListener('click', (e) => { if (e.target.id === 'help') $('help').hidden = true; });
  $('logout-btn').addEventListener('click', logout);
  $('verify-btn').addEventListener('click', verifyLog);
  $('ticker-pause').addEventListener('click', toggleTicker);
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = $('login-key').value.trim();
    if (!key) { showLogin('Paste an API key (it starts with sck_).'); return; }
    try { sessionStorage.setItem(KEY_STORAGE, key); } catch { /* ignore */ }
    $('login-key').value = '';
    await signIn(key);
  });
  window.addEventListener('error', (e) => console.warn('uncaught', e.message));
  window.addEventListener('unhandledrejection', (e) => console.warn('unhandled', e.reason));
  requestAnimationFrame(boardLoop);

  const key = readKey();
  if (key) signIn(key); else showLogin('');
}

boot();

// For tests and the console: a summary of what the page holds (never the key).
window.safecityDebug = () => ({
  live: liveState.state, head: state.head, lastApplied: state.lastApplied, gaps: state.gaps, malformed: state.malformed,
  units: state.units.size, sensors: state.sensors.size, calls: state.calls.size, role: state.role,
  roads: map && map.roads ? map.roads.reduce((n, s) => n + s.count, 0) : 0, route: state.route ? { unit: state.route.unitId, straight: state.route.straight, points: state.route.coords.length } : null,
});
