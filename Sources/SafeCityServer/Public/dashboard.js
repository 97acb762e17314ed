// SafeCity operations dashboard: plain ES2020 module, no framework, no build step, no external assets.
//
// Data flow: GET /v1/activity paints the opening picture and gives the log head; GET
// /v1/dispatch/board (read after it) gives the dispatch desk; the live stream (/v1/stream, read
// with fetch() because EventSource cannot send Authorization) then replays a bounded backlog and
// follows the log, keeping every board current. Every list is capped; unknown or malformed events
// only reach the ticker, never crash the page. Server text reaches the DOM only through esc() or
// textContent.

'use strict';

// ---------------------------------------------------------------------------------------------
// Limits and constants

const CAP = {
  calls: 200, ticker: 100, spark: 60, units: 2000, sensors: 1000, incidents: 1000, timeline: 500,
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

// Dispatch desk. Unit statuses in duty-cycle order, and the moves a person may make by hand. This
// replaced at sign-in by the table GET /v1/dispatch/incident-types publishes; `dispatched` is
// reached only by an assignment, so it is never offered as a button. The server stays the judge:
// a refused move comes back as a 409 and is shown beside the buttons.
const UNIT_STATUSES = ['available', 'dispatched', 'en-route', 'on-scene', 'transporting', 'at-hospital', 'out-of-service'];
const NEXT_STATUSES = {
  available: ['out-of-service'],
  dispatched: ['en-route', 'on-scene', 'available'],
  'en-route': ['on-scene', 'available'],
  'on-scene': ['transporting', 'available'],
  transporting: ['at-hospital', 'available'],
  'at-hospital': ['available'],
  'out-of-service': ['available'],
};
const COMMITTED = new Set(['dispatched', 'en-route', 'on-scene', 'transporting', 'at-hospital']);
const STATUS_LABEL = {
  available: 'Available', dispatched: 'Dispatched', 'en-route': 'En route', 'on-scene': 'On scene',
  transporting: 'Transporting', 'at-hospital': 'At hospital', 'out-of-service': 'Out of service', none: 'Not on the desk',
};
const STATUS_COLOR = {
  available: '#2fd67b', dispatched: '#ffd23f', 'en-route': '#ff9a1f', 'on-scene': '#ff4747',
  transporting: '#c77dff', 'at-hospital': '#ff7eb6', 'out-of-service': '#6b7684', none: '#b0b8c4',
};
// The server's default incident type for a call category (IncidentType.defaultType(forCategory:)).
const CATEGORY_TYPE = { fire: 'FIRE-STRUCTURE', medical: 'MED-SICK', police: 'LAW-DISTURBANCE', traffic: 'TRAFFIC-INJURY', hazard: 'GAS-LEAK' };
const ROUTE_COLORS = ['#00e5ff', '#ffd54f', '#b388ff', '#69f0ae', '#ff80ab', '#ffab40'];

// EPA AQI category colours (index 0 good … 5 hazardous).
const AQI_COLORS = ['#00e400', '#ffff00', '#ff7e00', '#ff0000', '#8f3f97', '#7e0023'];
const AQI_NAMES = ['Good', 'Moderate', 'Unhealthy for sensitive groups', 'Unhealthy', 'Very unhealthy', 'Hazardous'];
// Upper bounds of each category, per quantity, on the raw reading (the server's NowCast AQI, when
// GET /v1/air-quality has one for the sensor, takes precedence). PM2.5: EPA 2024 breakpoints (µg/m³);
// PM10: EPA 24-hour breakpoints (µg/m³); NO2: EPA 1-hour breakpoints (ppb); O3: EPA 8-hour
// breakpoints (ppb); noise: a dB(A) comfort scale (not an EPA index).
const BANDS = {
  pm25: { bounds: [9.0, 35.4, 55.4, 125.4, 225.4], names: AQI_NAMES },
  pm10: { bounds: [54, 154, 254, 354, 424], names: AQI_NAMES },
  no2: { bounds: [53, 100, 360, 649, 1249], names: AQI_NAMES },
  o3: { bounds: [54, 70, 85, 105, 200], names: AQI_NAMES },
  noise: { bounds: [55, 65, 75, 85, 100], names: ['Quiet', 'Moderate', 'Loud', 'Very loud', 'Harmful', 'Dangerous'] },
};
const QUANTITY_LABEL = {
  pm25: 'PM2.5', pm10: 'PM10', no2: 'NO₂', o3: 'O₃', noise: 'Noise', 'traffic-count': 'Traffic', traffic_flow: 'Traffic flow',
  water_level: 'Water level', temperature: 'Temperature', gunshot: 'Gunshot',
};
// Board order of quantities: air first, then sound, traffic, water, weather, acoustic detection.
const QUANTITY_ORDER = { pm25: 0, pm10: 1, no2: 2, o3: 3, noise: 4, traffic_flow: 5, 'traffic-count': 6, water_level: 7, temperature: 8, gunshot: 9 };
// Quantities coloured relative to what the sensor itself has seen recently (no absolute scale).
const RELATIVE_QUANTITIES = new Set(['traffic-count', 'traffic_flow', 'water_level']);

// Signals (GET /v1/signals): by event type, a short label, a map colour and a glyph for the board.
const SIGNAL_KIND = {
  'signal.sensor-rule': { cls: 'rule', label: 'Rule', color: '#ff9a1f', glyph: '▲' },
  'signal.sensor-health': { cls: 'health', label: 'Sensor health', color: '#9aa5b1', glyph: '◆' },
  'signal.cap-alert': { cls: 'cap', label: 'CAP alert', color: '#c77dff', glyph: '✦' },
  'signal.vision': { cls: 'vision', label: 'Camera', color: '#36d1c4', glyph: '◉' },
  'signal.social': { cls: 'social', label: 'Social burst', color: '#ff6ec7', glyph: '✱' },
  'signal.report': { cls: 'report', label: 'Resident report', color: '#7fd1ff', glyph: '✉' },
  'signal.outbreak': { cls: 'outbreak', label: 'Outbreak', color: '#ffd166', glyph: '✚' },
  'signal.security': { cls: 'security', label: 'Security', color: '#ff5d5d', glyph: '⚑' },
};
const SIGNAL_EVENTS = new Set(['signal.sensor-rule', 'signal.sensor-health', 'signal.cap-alert', 'signal.vision', 'signal.social', 'signal.report', 'signal.outbreak', 'signal.security', 'signal.acknowledged']);
// Camera behaviours (BehaviourKind) as the board words them.
const BEHAVIOUR_LABEL = {
  loitering: 'loitering', abandonedObject: 'left object', lineCrossing: 'line crossing', wrongWay: 'wrong way', crowdDensity: 'crowd density',
  crowdGrowth: 'crowd growing', unusualSpeed: 'unusual speed', unusualHeading: 'unusual heading', crowdScattering: 'crowd scattering', stoppedVehicle: 'stopped vehicle',
};
const THREAT_STRONG = 60;   // a threat score from here up gets the strong chip

// Cameras (GET /v1/cameras, /v1/camera-counts, /v1/cameras/{id}/status). Detector classes fall in
// three groups the desk cares about; trails are coloured by group.
const CAMERA_COLOR = '#36d1c4';
const CAMERA_COUNTS_MS = 3000;
const CAMERA_TRAILS_MS = 2000;
const CAMERA_STALE_MS = 30_000;   // no frame for this long: the camera is shown as silent
const TRAIL_LIVE_SECONDS = 3;     // a track whose newest point is older than this (against its camera's newest) has left the view
const OBJECT_GROUP = { person: 'people', bicycle: 'vehicles', car: 'vehicles', motorcycle: 'vehicles', bus: 'vehicles', truck: 'vehicles', bag: 'bags', suitcase: 'bags' };
const GROUP_WORDS = { people: ['person', 'people'], vehicles: ['vehicle', 'vehicles'], bags: ['bag', 'bags'], other: ['other', 'other'] };
const TRAIL_COLOR = { people: '#9be7ff', vehicles: '#ffd54f', bags: '#ff6fb5', other: '#c0c8d2' };
const SENSITIVITY_COLOR = { low: '#7d8896', normal: '#5cb8ff', high: '#ffb020', critical: '#ff5c5c' };
const CAP_CAMERAS = { cameras: 200, zones: 64, points: 64, trails: 300, trailPoints: 600 };
// Health problems as the detector names them (HealthSignalPayload.problem) and as the board words them.
const HEALTH_PROBLEMS = { stale: 'stale', flat_line: 'flat line', out_of_range: 'out of range', outlier: 'outlier' };
const SIGNAL_FLASH_MS = 2500;
const AIR_REFRESH_MS = 30_000;

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
const compareIds = new Intl.Collator(undefined, { numeric: true }).compare; // "unit-2" before "unit-10"; one collator, not one per comparison
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const objects = (v) => (Array.isArray(v) ? v.filter(isObj) : []);
const strings = (v, max = 200) => (Array.isArray(v) ? v.map((x) => str(x, max)).filter(Boolean) : []);
const payloadOf = (record) => (isObj(record.payload) ? record.payload : {});
const priorityOf = (v) => { const p = num(v); return p === null ? 5 : clamp(Math.round(p), 1, 5); };

function validLatLon(lat, lon) {
  return lat !== null && lon !== null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}
/// A point from `{latitude, longitude}` or a GeoJSON Point, or null.
function pointOf(v) {
  if (!isObj(v)) return null;
  const c = Array.isArray(v.coordinates) ? v.coordinates : null;
  const lat = num(c ? c[1] : v.latitude), lon = num(c ? c[0] : v.longitude);
  return validLatLon(lat, lon) ? { lat, lon } : null;
}
function locOf(record) {
  return pointOf(record && record.location);
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
  const aq = state.air.sensors.get(sensor.id);
  if (aq && aq.colour) return aq.colour;
  const b = band(sensor.quantity, sensor.value);
  if (b) return b.color;
  if (sensor.quantity === 'gunshot' && sensor.value !== null) return sensor.value > 0 ? '#ff4747' : '#6b7684';
  if (RELATIVE_QUANTITIES.has(sensor.quantity) && sensor.value !== null) {
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
  can: { events: false, metrics: false, keys: false, eta: true, route: true, ack: false, tracks: null, forecasts: null, health: null, advise: false },
  actor: null,
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
  // Open signals from GET /v1/signals, newest first; refreshed after every signal event in the stream.
  signals: {
    list: [], bySeq: new Map(), loaded: false, loading: false, again: false, error: '', wantAtLeast: 0, timer: null,
    errors: new Map(),     // signal sequence → the server's refusal of its acknowledgement (HTML, escaped)
    acked: new Set(),      // signals this page acknowledged (for the inline confirmation)
    selected: null, flash: null, // flash: { seq, until } while the map highlights a signal
    health: new Map(),     // sensor id → [problem words] from its open health signals
  },
  // Cameras: set-ups from GET /v1/cameras (reloaded on camera.registered / camera.retired), counts
  // from GET /v1/camera-counts every few seconds, trails from GET /v1/cameras/{id}/status while the
  // layer is on (roles with tracks.read only; a 403 turns them off for the session).
  cameras: {
    list: [], byId: new Map(), rows: [], loaded: false, loading: false, again: false, error: '', timer: null,
    counts: new Map(),     // camera id → { name, lat, lon, lastFrameAt, framesTotal, objects, occupancy, crossings }
    countsLoading: false, countsAt: 0, countsError: '',
    trails: new Map(),     // camera id → [{ id, cls, group, points: [[seconds, lat, lon], …] }]
    trailsLoading: false, trailsAt: 0, tracks: 'unknown', // unknown | allowed | forbidden
    selected: null,
  },
  // GET /v1/air-quality: cells (translucent fills) and the sensors' current AQI.
  air: { cells: [], sensors: new Map(), excluded: new Set(), at: 0, error: '', loading: false, cellMetres: 0, source: '' },
  // Forecast layer (GET /v1/forecasts, /v1/forecasts/patrols), off by default; admin, dispatcher and analyst.
  forecast: {
    method: 'etas', coverage: 10, horizonHours: 24, loading: false, error: '', forbidden: false, showForbidden: false,
    cells: [], min: 0, max: 0, props: null, loadedMethod: null, at: 0, fitted: false, // fitted: the map has flown to the first forecast
    patrol: null, patrolLoading: false, patrolError: '',
  },
  // Public health (GET /v1/health/alarms, /clusters, /series; POST /v1/health/advisories). access:
  // unknown until whoami answers, allowed, none (whoami says no: nothing is asked), forbidden (a 403).
  health: {
    access: 'unknown', loaded: false, loading: false, error: '', showForbidden: false,
    areas: [], week: '', cluster: null, secondary: [], window: null, clustersAt: 0, clusterError: '',
    selected: null, series: null, advisories: new Map(), // signal sequence → { pending } | { id, status } | { html, status }
  },
  rules: null,             // GET /v1/sensor-rules, loaded with the first sensor chart
  sensorView: null,        // { id, quantity, loading, error, sensor, status, trend }: the selected sensor's card
  recommendation: null,    // { callId, rows, shownUnit, status }: nearest-unit advice for a call
  routes: [],              // [{ coords: [[lon,lat]...], straight, reason, unitId, target: {lat,lon}, seconds, metres, color }]
  incidents: new Map(),    // open incidents (and the selected one once closed), from the dispatch board and stream
  incidentOrder: [],       // incident ids as the board shows them: priority, then longest waiting
  selectedIncident: null,
  dispatch: {
    loaded: false, loading: false, pending: [], baseSeq: 0, message: '',
    types: [], typeByCode: new Map(), dispositions: [], stations: new Map(), hospitals: new Map(), coverage: null,
  },
  desk: { mode: 'idle', problems: {} }, // mode: idle | call (advice for a call) | form (new incident) | incident
  deskDirty: new Set(),    // desk sections to redraw at the next flush
  statusErrors: new Map(), // unit id → the server's refusal of its last status change (HTML, escaped)
  pick: null,              // { lat, lon }: the new incident's location while the form is open
  malformed: 0,
  gaps: 0,
  traffic: new Map(),      // OSM way id → { factor, at }: live slow-downs from traffic.updated
  trafficVersion: 0,
  eventTimes: [],          // arrival times (ms) of live events over the last minute, for the rate badge
  tickerPaused: false,
  dirty: { calls: true, units: true, sensors: true, header: true, incidents: true, unitDetail: false, signals: true, sensorDetail: false, cameras: true, health: true },
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
  'sensor.registered': applySensorRegistered,
  'signal.sensor-rule': applySignalEvent,
  'signal.sensor-health': applySignalEvent,
  'signal.cap-alert': applySignalEvent,
  'signal.acknowledged': applySignalEvent,
  'signal.vision': applySignalEvent,
  'signal.social': applySignalEvent,
  'signal.report': applySignalEvent,
  'signal.outbreak': applySignalEvent,
  'signal.security': applySignalEvent,
  // A report closed by its agency leaves the board.
  'report.status-changed': applySignalEvent,
  'alert.drafted': () => scheduleAlerts(),
  'alert.approved': () => scheduleAlerts(),
  'alert.rejected': () => scheduleAlerts(),
  'camera.registered': applyCameraEvent,
  'camera.retired': applyCameraEvent,
  'dispatch.station.registered': deskEvent(applyStationRegistered),
  'dispatch.unit.registered': deskEvent(applyUnitRegistered),
  'dispatch.unit.status-changed': deskEvent(applyStatusChanged),
  'dispatch.incident.opened': deskEvent(applyIncidentOpened),
  'dispatch.incident.unit-assigned': deskEvent(applyUnitAssigned),
  'dispatch.incident.closed': deskEvent(applyIncidentClosed),
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
  const p = payloadOf(record);
  const id = str(p.unitID, 64) || str(record.source, 80).replace(/^unit:/, '');
  const loc = locOf(record);
  if (!id || !loc) return;
  let unit = state.units.get(id);
  if (!unit) {
    unit = newUnit(id, loc.lat, loc.lon);
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

/// A unit the page had not seen, at a position; registry and status fields come from the desk.
function newUnit(id, lat, lon) {
  if (state.units.size >= CAP.units) evictOldest(state.units, 'seenAt');
  const unit = {
    id, lat, lon, fromLat: lat, fromLon: lon, animStart: 0, agency: agencyOf('', id), kind: '', speed: null, heading: null,
    seenAt: 0, status: null, statusSince: 0, incidentID: null, stationID: '',
  };
  state.units.set(id, unit);
  return unit;
}

function unitPosition(unit, now) {
  const t = unit.animStart ? clamp((now - unit.animStart) / 900, 0, 1) : 1;
  return { lat: unit.fromLat + (unit.lat - unit.fromLat) * t, lon: unit.fromLon + (unit.lon - unit.fromLon) * t };
}

function applySensor(record) {
  const p = payloadOf(record);
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

/// A sensor put in the registry: the page learns where it is and what it measures before it reports.
function applySensorRegistered(record) {
  const p = payloadOf(record);
  const id = str(p.id, 64);
  if (!id) return;
  let sensor = state.sensors.get(id);
  if (!sensor) {
    if (state.sensors.size >= CAP.sensors) evictOldest(state.sensors, 'seenAt');
    sensor = { id, series: [], version: 0, lat: null, lon: null, quantity: 'unknown', unit: '', value: null, seenAt: 0 };
    state.sensors.set(id, sensor);
  }
  const loc = pointOf(p.location) || locOf(record);
  if (loc) { sensor.lat = loc.lat; sensor.lon = loc.lon; }
  const quantities = strings(p.quantities, 64);
  if (quantities.length && (!sensor.quantity || sensor.quantity === 'unknown')) sensor.quantity = quantities[0];
  sensor.name = str(p.name, 200);
  sensor.version++;
  state.dirty.sensors = true;
}

/// Any signal event: the board is re-read from the server (it knows what cleared and what is acknowledged).
function applySignalEvent(record) {
  const seq = num(record.sequence);
  if (seq !== null) state.signals.wantAtLeast = Math.max(state.signals.wantAtLeast, seq);
  scheduleSignals();
}

/// A camera registered or retired: the list (zones, lines) is re-read from the server.
function applyCameraEvent() {
  scheduleCameras();
}

function applyCall(record, live) {
  const p = payloadOf(record);
  const id = str(p.callID, 64) || str(record.id, 64);
  if (!id) return;
  const loc = locOf(record);
  const existing = state.calls.get(id);
  const call = existing || { id, fresh: live };
  call.category = str(p.category, 32).toLowerCase() || 'unknown';
  call.priority = priorityOf(p.priority);
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
  const p = payloadOf(record);
  if (state.keyID && str(p.keyID) === state.keyID) {
    state.name = str(p.name, 80) || state.name;
    state.role = str(p.role, 40) || state.role;
    renderWho();
  }
}

function applyTraffic(record) {
  const p = payloadOf(record);
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
  const p = payloadOf(record);
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
    case 'dispatch.incident.opened': return `${str(p.incidentID, 64)} · P${str(p.priority)} ${str(p.typeCode, 64)}${p.summary ? ` · ${str(p.summary, 160)}` : ''}`;
    case 'dispatch.incident.unit-assigned': return `${str(p.unitID, 64)} → ${str(p.incidentID, 64)}${num(p.etaSeconds) === null ? '' : ` · ETA ${duration(num(p.etaSeconds))}`}`;
    case 'dispatch.unit.status-changed': return `${str(p.unitID, 64)} · ${str(p.from, 32)} → ${str(p.to, 32)}${p.incidentID ? ` · ${str(p.incidentID, 64)}` : ''}`;
    case 'dispatch.incident.closed': return `${str(p.incidentID, 64)} closed · ${str(p.disposition, 40)}`;
    case 'dispatch.unit.registered': return `${str(p.unitID, 64)} (${str(p.kind, 64)}) at ${str(p.stationID, 64)}`;
    case 'dispatch.station.registered': return `${str(p.stationID, 64)} (${str(p.agency, 20)})`;
    case 'sensor.registered': return `${str(p.id, 64)} (${strings(p.quantities, 32).join(', ')}) · ${str(p.owner, 80)}`;
    case 'signal.sensor-rule': return `${str(p.ruleID, 64)} ${str(p.state, 16)}${p.retraction === true ? ' (retracted)' : ''} · ${str(p.summary, 200)}`;
    case 'signal.sensor-health': return `${str(p.sensorID, 64)} ${HEALTH_PROBLEMS[str(p.problem, 32)] || str(p.problem, 32)} ${str(p.state, 16)} · ${str(p.evidence, 160)}`;
    case 'signal.cap-alert': return `${str(p.sender, 80)} · ${str(p.msgType, 16)} ${str(p.identifier, 80)}`;
    case 'signal.vision': {
      const t = num(p.threatScore);
      return `${str(p.cameraName, 80) || str(p.cameraID, 64)} · ${BEHAVIOUR_LABEL[str(p.behaviour, 40)] || str(p.behaviour, 40)} ${str(p.phase, 16)} · ${str(p.place, 64)}${t === null ? '' : ` · threat ${Math.round(t)}`}${p.suggestsIncident === true ? ' · suggests incident' : ''}`;
    }
    case 'signal.social': return `${str(p.category, 32)} burst ${str(p.phase, 16)} · ${num(p.observedCount) ?? '?'} posts (expected ${(num(p.expectedCount) ?? 0).toFixed(1)})`;
    case 'signal.report': return `report ${str(p.requestID, 32)} · ${str(p.summary, 200)}`;
    case 'signal.security': return `${str(p.kind, 32)} · ${str(p.summary, 200)}`;
    case 'signal.outbreak': return `${str(p.kind, 16)} ${str(p.phase, 16)} · ${str(p.summary, 200)}`;
    case 'social.post': return `${str(p.text, 120)}`;
    case 'report.submitted': return `report ${str(p.requestID, 32)} · ${str(isObj(p.submission) ? p.submission.serviceCode : '', 64)}`;
    case 'report.status-changed': return `report ${str(p.requestID, 32)} → ${str(p.status, 32)}${p.publicNote ? ` · ${str(p.publicNote, 160)}` : ''}`;
    case 'camera.registered': return `${str(p.id, 64)} “${str(p.name, 80)}” · ${objects(p.zones).length} zones, ${objects(p.lines).length} lines`;
    case 'camera.retired': return `${str(p.cameraID, 64)} retired`;
    case 'signal.acknowledged': return `signal #${str(p.signalSequence)} by ${str(record.actor, 80)}${p.note ? ` · ${str(p.note, 160)}` : ''}`;
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
    const cls = it.known ? ({ unit: 'unit', sensor: 'sensor', call: 'call', security: 'security', dispatch: 'dispatch', signal: 'signal', camera: 'camera' }[family] || '') : 'unknown';
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
  const incidentOfCall = new Map();
  for (const inc of state.incidents.values()) if (inc.callID) incidentOfCall.set(inc.callID, inc.id);
  keyedList(list, calls, (c) => c.id, (c) => {
    const li = document.createElement('li');
    li.innerHTML = `<button type="button" class="call-main" role="option"><span class="prio"></span><span class="cat"></span><span class="age"></span><span class="summary"></span></button><span class="call-actions"><button type="button" class="btn tiny call-take"></button><button type="button" class="btn tiny call-rec" title="Nearest units by road (r)">ETAs</button></span>`;
    li.querySelector('.call-main').addEventListener('click', () => selectCall(c.id, { focusMap: true }));
    li.querySelector('.call-main').addEventListener('keydown', (e) => callKeydown(e, c.id));
    li.querySelector('.call-rec').addEventListener('click', () => { selectCall(c.id, { focusMap: false }); recommend(c.id); });
    li.querySelector('.call-take').addEventListener('click', (e) => {
      const incident = e.currentTarget.dataset.incident;
      if (incident) selectIncident(incident, { focusMap: true }); else takeCall(c.id);
    });
    if (c.fresh) { li.classList.add('fresh'); c.fresh = false; }
    return li;
  }, (li, c) => {
    const take = li.querySelector('.call-take');
    const incident = incidentOfCall.get(c.id) || '';
    setAttr(take, 'data-incident', incident);
    setText(take, incident || 'Take');
    setAttr(take, 'title', incident ? `Show incident ${incident}` : 'Take the call: a new incident from it (t)');
    take.classList.toggle('has-incident', !!incident);
    const main = li.firstElementChild;
    setText(main.children[0], `P${c.priority}`);
    setAttr(main.children[0], 'class', `prio p${c.priority}`);
    setHTMLIfChanged(main.children[1], `${esc(c.category)}<span class="cid">${esc(c.id)}</span>`);
    setText(main.children[2], ago(c.receivedAt));
    setText(main.children[3], c.summary || '(no summary)');
    setAttr(main.children[3], 'title', c.summary);
    setAttr(main, 'aria-selected', String(state.selectedCall === c.id));
    setAttr(main, 'aria-label', `Priority ${c.priority} ${c.category} call, ${ago(c.receivedAt)} ago: ${c.summary}${c.lat === null ? ' (no location)' : ''}`);
    li.classList.toggle('selected', state.selectedCall === c.id);
    li.classList.toggle('old', Date.now() - c.receivedAt > OLD_CALL_MS);
  });
  setText($('calls-count'), String(calls.length));
  $('calls-empty').hidden = calls.length > 0;
}

/// Arrow keys, Home and End on a board row: `go` moves the selection to the id chosen in `order`.
function boardKeydown(e, order, id, go) {
  const i = order.indexOf(id);
  const next = { ArrowDown: order[Math.min(order.length - 1, i + 1)], ArrowUp: order[Math.max(0, i - 1)], Home: order[0], End: order[order.length - 1] }[e.key];
  if (next) { e.preventDefault(); go(next); }
}

function callKeydown(e, id) {
  boardKeydown(e, state.callOrder, id, (next) => { selectCall(next, { focusMap: false }); focusCallButton(next); });
}

/// Renders a board now and focuses the main button of one of its rows.
function focusRow(listId, id, render) {
  render();
  const button = $(listId).querySelector(`li[data-key="${CSS.escape(id)}"] > button`);
  if (button) { button.focus(); button.scrollIntoView({ block: 'nearest' }); }
}
function focusCallButton(id) { focusRow('calls-list', id, renderCalls); }
function focusIncidentButton(id) { focusRow('incidents-list', id, renderIncidents); }

/// How the units board groups units: by dispatch status once the desk is loaded, else by agency.
function unitGrouping() {
  if (!state.dispatch.loaded) {
    return { keys: [...AGENCIES, 'other'], keyOf: (u) => (AGENCIES.includes(u.agency) ? u.agency : 'other'), label: (k) => AGENCY_LABEL[k] || k, swatch: (k) => `<span class="dotc ${k}"></span>` };
  }
  return { keys: [...UNIT_STATUSES, 'none'], keyOf: (u) => u.status || 'none', label: (k) => STATUS_LABEL[k] || k, swatch: (k) => `<span class="dotc" style="background:${STATUS_COLOR[k]}"></span>` };
}

function renderUnits() {
  const wrap = $('units-groups');
  const grouping = unitGrouping();
  const groups = new Map(grouping.keys.map((k) => [k, []]));
  for (const u of state.units.values()) groups.get(grouping.keyOf(u)).push(u);
  const now = Date.now();
  const present = [...groups.entries()].filter(([, list]) => list.length);
  keyedList(wrap, present, ([a]) => a, ([a]) => {
    const div = document.createElement('section');
    div.className = 'group';
    div.innerHTML = `<h3>${grouping.swatch(a)}<span class="gname"></span></h3><ol class="units" aria-label="${esc(grouping.label(a))} units"></ol>`;
    return div;
  }, (div, [a, list]) => {
    const active = list.filter((u) => now - u.seenAt < STALE_UNIT_MS).length;
    setText(div.querySelector('.gname'), `${grouping.label(a)} · ${list.length}${active < list.length ? ` (${active} reporting)` : ''}`);
    list.sort((x, y) => compareIds(x.id, y.id));
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
      setAttr(li.children[1], 'title', u.id);
      setText(li.children[2], `${u.kind || ''}${u.incidentID ? ` · ${u.incidentID}` : ''}`);
      setText(li.children[3], u.speed === null ? '—' : `${Math.round(u.speed)} km/h`);
      // Time in the current status when the desk knows it, else time since the last position report.
      setText(li.children[4], u.status ? ago(u.statusSince) : seenAgo(u));
      setAttr(li.children[4], 'title', u.status ? `${STATUS_LABEL[u.status]} since ${clock(u.statusSince)}` : 'since the last position report');
      setAttr(li, 'data-status', u.status || 'none');
      li.classList.toggle('stale', stale);
      li.classList.toggle('selected', state.selectedUnit === u.id);
      setAttr(li, 'aria-label', `${u.id}, ${u.kind || 'unit'}${u.status ? `, ${STATUS_LABEL[u.status]}${u.incidentID ? ` on ${u.incidentID}` : ''}` : ''}, ${u.speed === null ? 'speed unknown' : `${Math.round(u.speed)} kilometres per hour`}, last seen ${seenAgo(u)} ago${stale ? ', stale' : ''}`);
    });
  });
  setText($('units-count'), String(state.units.size));
  $('units-empty').hidden = state.units.size > 0;
}

function seenAgo(u) { return u.seenAt ? ago(u.seenAt) : '—'; }

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
  const order = QUANTITY_ORDER;
  const sensors = [...state.sensors.values()].sort((a, b) => ((order[a.quantity] ?? 99) - (order[b.quantity] ?? 99)) || compareIds(a.id, b.id));
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
    const problems = state.signals.health.get(s.id);
    li.children[0].style.background = problems ? 'transparent' : color;
    li.children[0].classList.toggle('hollow', !!problems);
    setHTMLIfChanged(li.children[1], `${esc(s.id)}<small>${esc(QUANTITY_LABEL[s.quantity] || s.quantity)}</small>${problems ? problems.map((w) => `<span class="chip warn health" data-problem="${esc(w)}">${esc(w)}</span>`).join('') : ''}`);
    li.classList.toggle('unhealthy', !!problems);
    li.children[2].innerHTML = s.value === null ? '—' : `${esc(formatValue(s.value))}<small>${esc(s.unit)}</small>`;
    li.children[2].title = b ? b.name : '';
    if (li._version !== s.version) { li._version = s.version; drawSparkline(li.children[3], s, color); }
    setText(li.children[4], s.seenAt ? ago(s.seenAt) : '—');
    li.classList.toggle('stale', now - s.seenAt > STALE_SENSOR_MS);
    li.classList.toggle('selected', state.selectedSensor === s.id);
    li.setAttribute('aria-label', `${s.id}, ${QUANTITY_LABEL[s.quantity] || s.quantity} ${s.value === null ? 'no value' : `${formatValue(s.value)} ${s.unit}`}${b ? `, ${b.name}` : ''}, ${s.seenAt ? `${ago(s.seenAt)} ago` : 'no reading yet'}${problems ? `, unhealthy: ${problems.join(', ')}` : ''}`);
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
  poly.setAttribute('stroke', RELATIVE_QUANTITIES.has(sensor.quantity) ? '#8fb4ff' : color);
  dot.setAttribute('cx', x(n - 1).toFixed(1));
  dot.setAttribute('cy', y(pts[n - 1][1]).toFixed(1));
  dot.setAttribute('fill', color);
  if (threshold !== null) {
    line.setAttribute('y1', y(threshold).toFixed(1)); line.setAttribute('y2', y(threshold).toFixed(1));
    line.style.display = '';
  } else line.style.display = 'none';
}

// Writes only what changed: rewriting an unchanged attribute still costs a style pass on big boards.
function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
function setAttr(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }

function renderHeader() {
  const now = Date.now();
  let activeUnits = 0;
  for (const u of state.units.values()) if (now - u.seenAt < STALE_UNIT_MS) activeUnits++;
  let urgent = 0, recent = 0;
  for (const c of state.calls.values()) {
    if (now - c.receivedAt < OLD_CALL_MS) { recent++; if (c.priority <= 2) urgent++; }
  }
  setText($('count-units'), state.units.size ? `${activeUnits}/${state.units.size}` : '0');
  let committed = 0, openIncidents = 0;
  for (const u of state.units.values()) if (COMMITTED.has(u.status)) committed++;
  for (const i of state.incidents.values()) if (!i.closedAt) openIncidents++;
  setText($('count-committed'), String(committed));
  $('count-committed').parentElement.title = 'Units committed to an incident (dispatched, en route, on scene, transporting, at hospital)';
  setText($('count-incidents'), String(openIncidents));
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
// Signals board: open rule firings, unhealthy sensors and recent CAP alerts (GET /v1/signals),
// acknowledged by roles that may (POST /v1/signals/{sequence}/acknowledgement). The server holds
// the board; the page re-reads it after each signal event, waiting for the server to reach it.

/// Re-reads the signal board soon: one request for a burst of events (the backlog replay, a storm).
function scheduleSignals(delayMs = 300) {
  const sig = state.signals;
  if (!state.key) return;
  if (sig.timer && delayMs > 0) return;
  clearTimeout(sig.timer);
  sig.timer = setTimeout(() => { sig.timer = null; refreshSignals(); scheduleAir(); }, delayMs);
}

async function refreshSignals() {
  const sig = state.signals;
  if (sig.loading) { sig.again = true; return; }
  sig.loading = true;
  const atLeast = sig.wantAtLeast;
  try {
    applySignalList(await api(`/v1/signals${atLeast > 0 ? `?atLeast=${atLeast}` : ''}`));
    sig.error = '';
  } catch (error) {
    sig.error = error instanceof ApiError && error.status === 403 ? `Your role cannot see signals (${esc(error.message)}).` : `Signals could not be loaded: ${problemHTML(error)}`;
  } finally {
    sig.loading = false;
    state.dirty.signals = true;
    if (sig.again) { sig.again = false; scheduleSignals(); }
  }
}

function signalFromView(v) {
  const seq = num(v.sequence);
  if (!isObj(v) || seq === null) return null;
  const lat = num(v.latitude), lon = num(v.longitude);
  const at = (text) => (typeof text === 'string' && Number.isFinite(Date.parse(text)) ? Date.parse(text) : null);
  return {
    seq, key: String(seq), type: str(v.type, 64), subject: str(v.subject, 120), summary: str(v.summary, 1000),
    since: at(v.since) ?? Date.now(), lat: validLatLon(lat, lon) ? lat : null, lon: validLatLon(lat, lon) ? lon : null,
    ackBy: str(v.acknowledgedBy, 120) || null, ackAt: at(v.acknowledgedAt), ackNote: str(v.acknowledgementNote, 2000) || '',
    behaviour: str(v.behaviour, 40), threat: num(v.threatScore) === null ? null : clamp(num(v.threatScore), 0, 100), suggests: v.suggestsIncident === true,
  };
}

/// The chips under a signal's summary: the camera behaviour, its threat score (strong from THREAT_STRONG) and "suggests incident".
function signalChips(x) {
  let html = '';
  if (x.behaviour) html += `<span class="chip behaviour">${esc(BEHAVIOUR_LABEL[x.behaviour] || x.behaviour)}</span>`;
  if (x.threat !== null) {
    const t = Math.round(x.threat);
    html += `<span class="chip threat${t >= THREAT_STRONG ? ' strong' : ''}" data-threat="${t}" title="Threat score ${t} of 100${t >= THREAT_STRONG ? ' (high)' : ''}">threat ${t}</span>`;
  }
  if (x.suggests) html += `<span class="chip suggests" title="The score is above this camera's incident level: confirm and open an incident if it is real">⚠ suggests incident</span>`;
  return html;
}

function applySignalList(body) {
  const sig = state.signals;
  const list = (isObj(body) ? objects(body.signals) : []).map(signalFromView).filter(Boolean);
  list.sort((a, b) => b.since - a.since || b.seq - a.seq);
  sig.list = list;
  sig.bySeq = new Map(list.map((x) => [x.seq, x]));
  sig.loaded = true;
  for (const seq of [...sig.errors.keys()]) if (!sig.bySeq.has(seq)) sig.errors.delete(seq);
  for (const seq of [...sig.acked]) if (!sig.bySeq.has(seq)) sig.acked.delete(seq);
  if (sig.selected !== null && !sig.bySeq.has(sig.selected)) sig.selected = null;
  // Sensors with an open health signal, and the problems named in its summary ("id: flat line — …").
  const health = new Map();
  for (const x of list) {
    if (x.type !== 'signal.sensor-health' || !x.subject) continue;
    const m = /^[^:]*:\s*([a-z _-]+?)\s*(?:—|$)/i.exec(x.summary);
    const word = m ? m[1].replace(/_/g, ' ').toLowerCase() : 'unhealthy';
    if (!health.has(x.subject)) health.set(x.subject, []);
    if (!health.get(x.subject).includes(word)) health.get(x.subject).push(word);
  }
  sig.health = health;
  Object.assign(state.dirty, { signals: true, sensors: true, sensorDetail: true });
  if (map) map.requestDraw();
}

function renderSignals() {
  const sig = state.signals;
  const list = $('signals-list');
  keyedList(list, sig.list, (x) => x.key, (x) => {
    const li = document.createElement('li');
    li.innerHTML = `<button type="button" class="sig-main" role="option"><span class="sig-ic" aria-hidden="true"></span><span class="sig-ty"></span><span class="age"></span><span class="summary"></span><span class="sig-chips"></span><span class="sig-by"></span><span class="sig-note"></span></button><span class="sig-actions"></span><p class="field-error" role="alert" data-error-for="ack" hidden></p>`;
    const main = li.firstElementChild;
    main.addEventListener('click', () => selectSignal(x.seq, { focusMap: true }));
    main.addEventListener('keydown', (e) => boardKeydown(e, sig.list.map((y) => y.seq), x.seq, (next) => { selectSignal(next, { focusMap: false }); focusSignalButton(next); }));
    li.querySelector('.sig-actions').addEventListener('click', (e) => {
      if (e.target.closest('.sig-ack')) openAckNote(x.seq);
      else if (e.target.closest('[data-advise]')) draftAdvisory(x.seq);
    });
    return li;
  }, (li, x) => {
    const kind = SIGNAL_KIND[x.type] || { cls: 'other', label: x.type, color: '#b0b8c4', glyph: '●' };
    const [ic, ty, age, summary, chips, by, noteEl] = li.firstElementChild.children;
    setAttr(li, 'class', `sig ${kind.cls}${x.ackBy ? ' acked' : ''}${sig.acked.has(x.seq) ? ' mine' : ''}${x.suggests ? ' suggests' : ''}${sig.selected === x.seq ? ' selected' : ''}`);
    setAttr(li, 'data-type', x.type);
    setText(ic, kind.glyph);
    ic.style.color = kind.color;
    setHTMLIfChanged(ty, `${esc(kind.label)}<span class="cid">${esc(x.subject)} · #${x.seq}</span>`);
    setText(age, ago(x.since));
    setAttr(age, 'title', `since ${new Date(x.since).toLocaleString()}`);
    setText(summary, x.summary || '(no summary)');
    setAttr(summary, 'title', x.summary);
    const chipsHTML = signalChips(x);
    setHTMLIfChanged(chips, chipsHTML);
    chips.hidden = !chipsHTML;
    setText(by, x.ackBy ? `acknowledged by ${x.ackBy}${x.ackAt ? ` · ${ago(x.ackAt)} ago` : ''}` : '');
    by.hidden = !x.ackBy;
    setText(noteEl, x.ackNote ? `“${x.ackNote}”` : '');
    setAttr(noteEl, 'title', x.ackNote ? 'What was done, as noted at acknowledgement' : '');
    noteEl.hidden = !x.ackNote;
    syncAckForm(li, x);
    // The button only for roles that may acknowledge, and only while nobody has.
    const actions = li.children[1];
    // Health officers draft a CAP advisory from an outbreak signal; the outcome (alert id or the problem) stays beside it.
    const advise = x.type === 'signal.outbreak' && state.can.advise ? advisoryHTML(x.seq, true) : '';
    const actionsHTML = (state.can.ack && !x.ackBy ? `<button type="button" class="btn tiny sig-ack" title="Acknowledge: you have it (a)">Acknowledge</button>` : '') + advise;
    if (actions._html !== actionsHTML) { actions._html = actionsHTML; replaceKeepingFocus(actions, actionsHTML); }
    const error = li.children[2];
    const html = sig.errors.get(x.seq) || '';
    if (error._html !== html) { error._html = html; error.innerHTML = html; error.hidden = !html; error.dataset.status = html ? (/\((\d{3})\)/.exec(html) || [, ''])[1] : ''; }
    const main = li.firstElementChild;
    setAttr(main, 'aria-selected', String(sig.selected === x.seq));
    const threat = x.threat === null ? '' : `, threat score ${Math.round(x.threat)}${x.suggests ? ', suggests an incident' : ''}`;
    setAttr(main, 'aria-label', `${kind.label} for ${x.subject}, ${ago(x.since)} ago: ${x.summary}${threat}${x.ackBy ? `, acknowledged by ${x.ackBy}` : state.can.ack ? ', press a to acknowledge' : ''}`);
  });
  const open = sig.list.filter((x) => !x.ackBy).length;
  setText($('signals-count'), sig.list.length === open ? String(open) : `${open}/${sig.list.length}`);
  const empty = $('signals-empty');
  empty.hidden = sig.list.length > 0 && !sig.error;
  setHTMLIfChanged(empty, sig.error || (sig.loaded ? 'No open signals.' : 'Loading signals…'));
  empty.classList.toggle('error-text', !!sig.error);
  $('signals-panel').classList.toggle('read-only', !state.can.ack);
  setAttr($('signals-panel'), 'title', state.can.ack ? '' : 'Your role sees signals read-only (admin, dispatcher, analyst and health officer acknowledge)');
}

function focusSignalButton(seq) { focusRow('signals-list', String(seq), renderSignals); }

/// Selects a signal: shows where it is (the map flies there and flashes it) and its sensor's chart.
function selectSignal(seq, { focusMap }) {
  const sig = state.signals;
  const x = sig.bySeq.get(seq);
  if (!x) return;
  sig.selected = seq;
  state.dirty.signals = true;
  // A camera signal: its camera is selected too, and the map comes close enough to show the zones and tracks.
  const camera = x.type === 'signal.vision' ? cameraRow(x.subject) : null;
  if (camera) { state.cameras.selected = camera.id; state.dirty.cameras = true; }
  const lat = x.lat ?? (camera ? camera.lat : null), lon = x.lat !== null ? x.lon : (camera ? camera.lon : null);
  if (lat !== null) {
    sig.flash = { seq, until: performance.now() + SIGNAL_FLASH_MS };
    if (focusMap) map.flyTo(lat, lon, camera ? cameraDetailScale(camera) : Math.max(map.view.scale, map.fitScale * 3));
  }
  if (state.sensors.has(x.subject) && state.selectedSensor !== x.subject) selectSensor(x.subject, false);
  map.requestDraw();
}

/// Acknowledging asks what was done: a short note under the signal (optional), sent with the acknowledgement.
function openAckNote(seq) {
  const sig = state.signals;
  if (!sig.bySeq.has(seq)) return;
  sig.errors.delete(seq);
  sig.noting = seq;
  state.dirty.signals = true;
  renderSignals();
  const input = document.querySelector(`#signals-list li[data-key="${seq}"] .ack-note`);
  if (input) input.focus();
}

function closeAckNote(seq, refocus = true) {
  const sig = state.signals;
  if (sig.noting !== seq) return;
  sig.noting = null;
  state.dirty.signals = true;
  renderSignals();
  if (refocus) focusSignalButton(seq);
}

/// The note form under a signal's row while it is being acknowledged; made once, so typing is never disturbed.
function syncAckForm(li, x) {
  const want = state.signals.noting === x.seq;
  let form = li.querySelector('form.ack-form');
  if (!want) { if (form) form.remove(); return; }
  if (form) return;
  form = document.createElement('form');
  form.className = 'ack-form';
  form.noValidate = true;
  form.innerHTML = `<label class="sr-only" for="ack-note-${x.seq}">What was done (optional)</label><input id="ack-note-${x.seq}" class="ack-note" name="note" maxlength="2000" placeholder="What was done? (optional)" autocomplete="off"><button type="submit" class="btn tiny primary">Acknowledge</button><button type="button" class="btn tiny ghost ack-cancel">Cancel</button>`;
  form.addEventListener('submit', (e) => { e.preventDefault(); acknowledgeSignal(x.seq, form.querySelector('.ack-note').value); });
  form.querySelector('.ack-cancel').addEventListener('click', () => closeAckNote(x.seq));
  form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); closeAckNote(x.seq); } });
  li.appendChild(form); // after the row's error line: the board's render finds its parts by position
}

async function acknowledgeSignal(seq, noteText = '') {
  const sig = state.signals;
  if (!sig.bySeq.has(seq)) return;
  const note = String(noteText || '').trim();
  sig.errors.delete(seq);
  if (!state.can.ack) {
    sig.errors.set(seq, problemHTML(localProblem('', 'Your role cannot acknowledge signals: admin, dispatcher, analyst and health officer can.')));
    state.dirty.signals = true;
    return;
  }
  const hadFocus = document.activeElement && document.activeElement.closest(`#signals-list li[data-key="${seq}"]`);
  try {
    const res = await api(`/v1/signals/${encodeURIComponent(seq)}/acknowledgement`, { method: 'POST', body: note ? { note } : {} });
    const x = sig.bySeq.get(seq);
    if (x) { x.ackBy = state.actor || 'you'; x.ackAt = Date.now(); x.ackNote = note; }
    if (sig.noting === seq) sig.noting = null;
    sig.acked.add(seq);
    if (isObj(res) && num(res.sequence) !== null) sig.wantAtLeast = Math.max(sig.wantAtLeast, num(res.sequence));
    announce(`Signal ${seq} acknowledged`);
  } catch (error) {
    sig.errors.set(seq, problemHTML(error));
    announce(`Acknowledgement refused: ${error.message}`);
  }
  state.dirty.signals = true;
  scheduleSignals(0);
  if (hadFocus) focusSignalButton(seq); else renderSignals();
}

// ---------------------------------------------------------------------------------------------
// Air quality: GET /v1/air-quality (public), per-cell EPA AQI under the units and incidents

let airTimer = null;
function scheduleAir(delayMs = 0) {
  clearTimeout(airTimer);
  airTimer = setTimeout(refreshAir, delayMs);
}

async function refreshAir() {
  const air = state.air;
  clearTimeout(airTimer);
  airTimer = setTimeout(refreshAir, AIR_REFRESH_MS);
  if (!map || !map.layers.air || air.loading) return;
  air.loading = true;
  try {
    const body = await api('/v1/air-quality');
    if (!isObj(body)) throw new Error('unexpected air-quality response');
    air.cellMetres = num(body.cellMetres) || 0;
    air.source = str(body.source, 300);
    air.cells = objects(body.cells).map((c) => {
      const b = Array.isArray(c.bounds) ? c.bounds.map(num) : [];
      if (b.length !== 4 || b.some((v) => v === null)) return null;
      return {
        x: num(c.x), y: num(c.y), west: b[0], south: b[1], east: b[2], north: b[3], aqi: num(c.worstAQI), mean: num(c.meanAQI),
        sensor: str(c.worstSensorID, 64), pollutant: str(c.worstPollutant, 32), sensors: num(c.sensors) ?? 0,
        category: str(c.category, 60), colour: /^#[0-9a-f]{6}$/i.test(str(c.colour, 7)) ? str(c.colour, 7) : '#b0b8c4', message: str(c.message, 400),
      };
    }).filter(Boolean);
    air.sensors = new Map(objects(body.sensors).map((x) => [str(x.sensorID, 64), {
      aqi: num(x.aqi), pollutant: str(x.pollutant, 32), category: str(x.category, 60),
      colour: /^#[0-9a-f]{6}$/i.test(str(x.colour, 7)) ? str(x.colour, 7) : null, observedAt: timeOf(x.observedAt),
    }]));
    air.excluded = new Set(strings(body.excludedSensors, 64));
    air.at = Date.now();
    air.error = '';
  } catch (error) {
    air.error = error.message;
  } finally {
    air.loading = false;
  }
  Object.assign(state.dirty, { sensors: true, sensorDetail: true });
  map.requestDraw();
}

/// The air-quality cell under a screen point, or null.
function airCellAt(sx, sy) {
  if (!map || !map.layers.air || !map.airRects) return null;
  const r = map.airRects;
  for (let i = 0; i < r.length; i += 5) if (sx >= r[i] && sx <= r[i + 2] && sy >= r[i + 1] && sy <= r[i + 3]) return state.air.cells[r[i + 4]];
  return null;
}

/// The forecast cell under a screen point, or null.
function forecastCellAt(sx, sy) {
  if (!map || !map.layers.forecast || !map.forecastRects) return null;
  const r = map.forecastRects;
  for (let i = 0; i < r.length; i += 5) if (sx >= r[i] && sx <= r[i + 2] && sy >= r[i + 1] && sy <= r[i + 3]) return r[i + 4];
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cameras: the set-ups (GET /v1/cameras), what each sees now (GET /v1/camera-counts, one request
// for all cameras) and, for roles with tracks.read, the recent anonymous tracks (GET
// /v1/cameras/{id}/status). Counts and trails are polled only while the tab is visible; trails
// only while the layer is on.

/// Re-reads the camera list soon: one request for a burst of registrations (the backlog replay).
function scheduleCameras(delayMs = 300) {
  const cam = state.cameras;
  if (!state.key) return;
  if (cam.timer && delayMs > 0) return;
  clearTimeout(cam.timer);
  cam.timer = setTimeout(() => { cam.timer = null; loadCameras(); }, delayMs);
}

/// A list of `{latitude, longitude}` points, or null when any is missing or invalid.
function geoPoints(v, max) {
  if (!Array.isArray(v)) return null;
  const out = v.slice(0, max).map(pointOf);
  return out.length && out.every(Boolean) ? out : null;
}

function cameraFromConfig(v) {
  const id = str(v.id, 64);
  const at = pointOf(v.location);
  if (!id || !at) return null;
  const zones = objects(v.zones).slice(0, CAP_CAMERAS.zones).map((z) => ({
    name: str(z.name, 64), kind: str(z.kind, 32), sensitivity: str(z.sensitivity, 16) || 'normal',
    points: geoPoints(z.polygon, CAP_CAMERAS.points), // image-only zones have no place on the map
  }));
  const lines = objects(v.lines).slice(0, CAP_CAMERAS.zones).map((l) => ({
    name: str(l.name, 64), from: pointOf(l.from), to: pointOf(l.to), signals: l.signalOnCrossing === true,
  }));
  // How far the zones and lines reach from the pole: whether they are worth drawing at this zoom.
  let radiusMetres = 0;
  for (const z of zones) for (const p of z.points || []) radiusMetres = Math.max(radiusMetres, haversine(at, p));
  for (const l of lines) for (const p of [l.from, l.to]) if (p) radiusMetres = Math.max(radiusMetres, haversine(at, p));
  return {
    id, name: str(v.name, 200) || id, lat: at.lat, lon: at.lon, zones, lines, radiusMetres,
    zoneOrder: zones.map((z) => z.name), lineOrder: lines.map((l) => l.name),
  };
}

function countsFromStatus(c) {
  const at = pointOf(c.location);
  const counted = (o) => Object.fromEntries(Object.entries(isObj(o) ? o : {}).slice(0, 100).map(([k, n]) => [str(k, 64), num(n)]).filter(([k, n]) => k && n !== null));
  const crossings = {};
  if (isObj(c.crossings)) {
    for (const [name, x] of Object.entries(c.crossings).slice(0, 100)) if (isObj(x)) crossings[str(name, 64)] = { forward: num(x.forward) ?? 0, backward: num(x.backward) ?? 0 };
  }
  const last = typeof c.lastFrameAt === 'string' && Number.isFinite(Date.parse(c.lastFrameAt)) ? Date.parse(c.lastFrameAt) : null;
  return {
    name: str(c.name, 200), lat: at ? at.lat : null, lon: at ? at.lon : null, lastFrameAt: last, framesTotal: num(c.framesTotal) ?? 0,
    objects: counted(c.objectsInView), occupancy: counted(c.occupancy), crossings,
  };
}

/// The cameras the page shows: the registered set-ups, and any camera the counts name that the list does not have yet.
function rebuildCameraRows() {
  const cam = state.cameras;
  const rows = cam.list.slice();
  for (const [id, c] of cam.counts) {
    if (!cam.byId.has(id) && c.lat !== null) rows.push({ id, name: c.name || id, lat: c.lat, lon: c.lon, zones: [], lines: [], radiusMetres: 0, zoneOrder: [], lineOrder: [] });
  }
  cam.rows = rows.slice(0, CAP_CAMERAS.cameras);
  if (cam.selected !== null && !cam.rows.some((c) => c.id === cam.selected)) cam.selected = null;
  state.dirty.cameras = true;
  if (map) map.requestDraw();
}

function cameraRow(id) {
  return state.cameras.rows.find((c) => c.id === id) || null;
}

async function loadCameras() {
  const cam = state.cameras;
  if (cam.loading) { cam.again = true; return; }
  cam.loading = true;
  try {
    const body = await api('/v1/cameras');
    const list = (isObj(body) ? objects(body.cameras) : []).map(cameraFromConfig).filter(Boolean);
    list.sort((a, b) => compareIds(a.name, b.name) || compareIds(a.id, b.id));
    cam.list = list;
    cam.byId = new Map(list.map((c) => [c.id, c]));
    for (const id of [...cam.trails.keys()]) if (!cam.byId.has(id)) cam.trails.delete(id);
    for (const id of [...cam.counts.keys()]) if (!cam.byId.has(id)) cam.counts.delete(id);
    cam.loaded = true;
    cam.error = '';
  } catch (error) {
    cam.error = error instanceof ApiError && error.status === 403 ? `Your role cannot see the cameras (${esc(error.message)}).` : `Cameras could not be loaded: ${problemHTML(error)}`;
  } finally {
    cam.loading = false;
    rebuildCameraRows();
    if (cam.again) { cam.again = false; scheduleCameras(); }
  }
  if (!cam.error) { refreshCameraCounts(); refreshTrails(); }
}

async function refreshCameraCounts() {
  const cam = state.cameras;
  if (!state.key || cam.countsLoading || document.hidden) return;
  cam.countsLoading = true;
  cam.countsAt = performance.now();
  try {
    const body = await api('/v1/camera-counts');
    const counts = new Map();
    for (const c of (isObj(body) ? objects(body.cameras) : []).slice(0, CAP_CAMERAS.cameras)) {
      const id = str(c.id, 64);
      if (id) counts.set(id, countsFromStatus(c));
    }
    cam.counts = counts;
    cam.countsError = '';
  } catch (error) {
    cam.countsError = `Counts could not be loaded: ${problemHTML(error)}`;
  } finally {
    cam.countsLoading = false;
    rebuildCameraRows();
  }
}

function trailsFromStatus(body) {
  const out = [];
  for (const t of (isObj(body) ? objects(body.trails) : []).slice(0, CAP_CAMERAS.trails)) {
    const points = [];
    for (const p of Array.isArray(t.points) ? t.points.slice(-CAP_CAMERAS.trailPoints) : []) {
      if (!Array.isArray(p)) continue;
      const time = num(p[0]), lat = num(p[1]), lon = num(p[2]);
      if (time !== null && validLatLon(lat, lon)) points.push([time, lat, lon]);
    }
    if (!points.length) continue;
    const cls = str(t.objectClass, 32) || 'other';
    out.push({ id: num(t.trackId), cls, group: OBJECT_GROUP[cls] || 'other', points });
  }
  return out;
}

/// Trails for every camera (one status request each), while the layer is on and the tab visible.
async function refreshTrails() {
  const cam = state.cameras;
  if (!state.key || !map || !map.layers.cameras || document.hidden || cam.trailsLoading || !cam.list.length) return;
  if (cam.tracks === 'forbidden' || state.can.tracks === false) { cam.tracks = 'forbidden'; state.dirty.cameras = true; return; }
  cam.trailsLoading = true;
  cam.trailsAt = performance.now();
  const ids = cam.list.map((c) => c.id);
  let forbidden = false, retired = false;
  try {
    const answers = await Promise.allSettled(ids.map((id) => api(`/v1/cameras/${encodeURIComponent(id)}/status`)));
    const trails = new Map();
    answers.forEach((a, i) => {
      if (a.status === 'fulfilled') trails.set(ids[i], trailsFromStatus(a.value));
      else if (a.reason instanceof ApiError && a.reason.status === 403) forbidden = true;
      else if (a.reason instanceof ApiError && a.reason.status === 404) retired = true;
      else if (cam.trails.has(ids[i])) trails.set(ids[i], cam.trails.get(ids[i])); // a failed read keeps the last trails
    });
    if (forbidden) { cam.tracks = 'forbidden'; cam.trails = new Map(); } else { cam.tracks = 'allowed'; cam.trails = trails; }
  } finally {
    cam.trailsLoading = false;
    state.dirty.cameras = true;
    if (retired) scheduleCameras();
    if (map) map.requestDraw();
  }
}

/// Every second: counts every CAMERA_COUNTS_MS, trails every CAMERA_TRAILS_MS (see refreshTrails for when).
function cameraTick() {
  if (!state.key || !state.cameras.loaded || document.hidden) return;
  const now = performance.now();
  if (now - state.cameras.countsAt >= CAMERA_COUNTS_MS - 100) refreshCameraCounts();
  if (now - state.cameras.trailsAt >= CAMERA_TRAILS_MS - 100) refreshTrails();
}

/// "5 people · 1 vehicle · 1 bag" from a camera's objects in view (zero groups left out), with the full breakdown.
function objectGroups(objectsInView) {
  const groups = { people: 0, vehicles: 0, bags: 0, other: 0 };
  for (const [cls, n] of Object.entries(objectsInView || {})) groups[OBJECT_GROUP[cls] || 'other'] += n;
  return groups;
}
function groupWords(group, n) { return `${n} ${GROUP_WORDS[group][n === 1 ? 0 : 1]}`; }
function objectsText(objectsInView) {
  return Object.entries(objectGroups(objectsInView)).filter(([, n]) => n > 0).map(([k, n]) => groupWords(k, n)).join(' · ');
}
/// Zone occupancy in the camera's zone order, then any zone only the counts name.
function occupancyEntries(c, counts) {
  const occ = counts ? counts.occupancy : {};
  const names = [...c.zoneOrder, ...Object.keys(occ).filter((k) => !c.zoneOrder.includes(k))];
  return names.map((n) => [n, occ[n] ?? 0]);
}
function crossingEntries(c, counts) {
  const x = counts ? counts.crossings : {};
  const names = [...c.lineOrder, ...Object.keys(x).filter((k) => !c.lineOrder.includes(k))];
  return names.map((n) => [n, x[n] || { forward: 0, backward: 0 }]);
}

function renderCameras() {
  const cam = state.cameras;
  const list = $('cameras-list');
  keyedList(list, cam.rows, (c) => c.id, (c) => {
    const li = document.createElement('li');
    li.innerHTML = `<button type="button" class="cam-main" role="option"><i class="camg" aria-hidden="true"></i><span class="cam-name"></span><span class="age"></span><span class="cam-objs"></span><span class="cam-occ"></span><span class="cam-cross"></span></button>`;
    const main = li.firstElementChild;
    main.addEventListener('click', () => selectCamera(c.id, { focusMap: true }));
    main.addEventListener('keydown', (e) => boardKeydown(e, state.cameras.rows.map((x) => x.id), c.id, (next) => { selectCamera(next, { focusMap: false }); focusCameraButton(next); }));
    return li;
  }, (li, c) => {
    const counts = cam.counts.get(c.id) || null;
    const [, name, age, objs, occ, cross] = li.firstElementChild.children;
    const silent = !counts || counts.lastFrameAt === null || Date.now() - counts.lastFrameAt > CAMERA_STALE_MS;
    const alerting = state.signals.list.some((x) => x.type === 'signal.vision' && x.subject === c.id && !x.ackBy);
    setAttr(li, 'class', `cam${cam.selected === c.id ? ' selected' : ''}${silent ? ' silent' : ''}${alerting ? ' alerting' : ''}`);
    setHTMLIfChanged(name, `${esc(c.name)}<span class="cid">${esc(c.id)}</span>`);
    setText(age, counts && counts.lastFrameAt !== null ? ago(counts.lastFrameAt) : '—');
    setAttr(age, 'title', counts && counts.lastFrameAt !== null ? `last frame ${clock(counts.lastFrameAt)} (${counts.framesTotal.toLocaleString()} frames)` : 'no frame yet');
    const g = objectGroups(counts ? counts.objects : {});
    setHTMLIfChanged(objs, ['people', 'vehicles', 'bags'].map((k) => `<span class="obj" data-group="${k}"><i class="trl ${k}"></i><b>${g[k]}</b> ${GROUP_WORDS[k][g[k] === 1 ? 0 : 1]}</span>`).join('') + (g.other ? `<span class="obj" data-group="other"><b>${g.other}</b> other</span>` : ''));
    setAttr(objs, 'title', counts ? `In view: ${Object.entries(counts.objects).map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing'}` : 'no counts yet');
    const zones = occupancyEntries(c, counts);
    setHTMLIfChanged(occ, zones.length ? zones.map(([n, v]) => `<span class="occ${v > 0 ? ' busy' : ''}" data-zone="${esc(n)}">${esc(n)} <b>${v}</b></span>`).join('') : '<span class="muted">no zones</span>');
    const lines = crossingEntries(c, counts);
    setHTMLIfChanged(cross, lines.map(([n, x]) => `<span class="xing" data-line="${esc(n)}" title="${esc(n)}: ${x.forward} forward, ${x.backward} back since the server started">${esc(n)} <b>${x.forward}</b> fwd · <b>${x.backward}</b> back</span>`).join(''));
    cross.hidden = !lines.length;
    const main = li.firstElementChild;
    setAttr(main, 'aria-selected', String(cam.selected === c.id));
    setAttr(main, 'aria-label', `Camera ${c.name}: ${objectsText(counts ? counts.objects : {}) || 'nothing'} in view; ${zones.map(([n, v]) => `${n} ${v}`).join(', ') || 'no zones'}${lines.length ? `; ${lines.map(([n, x]) => `${n} ${x.forward} forward ${x.backward} back`).join(', ')}` : ''}; ${counts && counts.lastFrameAt !== null ? `last frame ${ago(counts.lastFrameAt)} ago` : 'no frame yet'}${alerting ? '; open camera signal' : ''}. Enter shows it on the map.`);
  });
  setText($('cameras-count'), String(cam.rows.length));
  const empty = $('cameras-empty');
  const error = cam.error || cam.countsError;
  empty.hidden = cam.rows.length > 0 && !error;
  setHTMLIfChanged(empty, error || (cam.loaded ? 'No cameras registered.' : 'Loading cameras…'));
  empty.classList.toggle('error-text', !!error);
  const note = $('cameras-note');
  const text = cam.tracks === 'forbidden' && cam.rows.length ? 'Tracks are not shown for your role (admin, dispatcher and analyst see them).' : '';
  setText(note, text);
  note.hidden = !text;
}

function focusCameraButton(id) { focusRow('cameras-list', id, renderCameras); }

/// How close the map comes for a camera: its zones and lines, seen from anywhere among them, stay in view.
function cameraDetailScale(c) {
  const across = Math.max(40, 2 * (c.radiusMetres || 0));
  return map.clampScale(Math.min(map.width, map.height) / (across * 1.15));
}

/// Selects a camera; with `focusMap` the map flies to it, close enough to see its zones and tracks.
function selectCamera(id, { focusMap }) {
  const c = cameraRow(id);
  if (!c) return;
  state.cameras.selected = id;
  state.dirty.cameras = true;
  if (focusMap) {
    const points = [{ lat: c.lat, lon: c.lon }];
    for (const z of c.zones) if (z.points) points.push(...z.points);
    for (const l of c.lines) for (const p of [l.from, l.to]) if (p) points.push(p);
    if (points.length > 1) map.fitPoints(points, 60, 40); else map.flyTo(c.lat, c.lon, Math.max(map.view.scale, cameraDetailScale(c)));
    announce(`${c.name} on the map`);
  }
  map.requestDraw();
}

// ---------------------------------------------------------------------------------------------
// The backtest as a curve: the share of the next day's incidents caught against the share of cells
// flagged, beside flagging cells at random (dashed), so the gain over chance is seen at a glance.
function backtestCurveSVG(rows, label) {
  const points = rows.map((r) => [num(r.coverage), num(r.hitRate), num(r.randomHitRate)])
    .filter(([c, h]) => c !== null && h !== null).sort((a, b) => a[0] - b[0]);
  if (points.length < 2) return '';
  const W = 260, H = 140, left = 34, bottom = 24, top = 8, right = 8;
  const maxX = Math.max(...points.map((p) => p[0]));
  const maxY = Math.max(0.01, ...points.map((p) => Math.max(p[1], p[2] ?? 0)));
  const x = (v) => (left + (W - left - right) * v / maxX).toFixed(1);
  const y = (v) => (H - bottom - (H - bottom - top) * v / maxY).toFixed(1);
  const line = (ys) => [[0, 0], ...points.map((p) => [p[0], ys(p)])].map(([c, v]) => `${x(c)},${y(v)}`).join(' ');
  const model = line((p) => p[1]), chance = line((p) => p[2] ?? p[0]);
  const last = points[points.length - 1];
  return `<svg class="fc-curve" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="Backtest curve: ${pct(last[1], 1)} of incidents caught in the top ${pct(last[0])} of cells, against ${pct(last[2] ?? last[0], 1)} at random">`
    + `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="currentColor" stroke-opacity="0.4"/>`
    + `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="currentColor" stroke-opacity="0.4"/>`
    + `<polyline class="fc-curve-random" points="${chance}" fill="none" stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="3 3"/>`
    + `<polyline class="fc-curve-model" points="${model}" fill="none" stroke="#d62728" stroke-width="2"/>`
    + points.map((p) => `<circle cx="${x(p[0])}" cy="${y(p[1])}" r="2.5" fill="#d62728"><title>top ${pct(p[0])}: ${pct(p[1], 1)}</title></circle>`).join('')
    + `<text x="${left}" y="${H - 6}" font-size="10" fill="currentColor">cells flagged → ${pct(maxX)}</text>`
    + `<text x="4" y="${top + 8}" font-size="10" fill="currentColor">${pct(maxY)}</text>`
    + `<text x="${W - right}" y="${H - 6}" font-size="10" text-anchor="end"><tspan fill="#d62728">— ${esc(label || 'model')}</tspan><tspan fill="currentColor" dx="6">- - random</tspan></text>`
    + '</svg>';
}

// Forecast layer: GET /v1/forecasts (the top cells by expected incidents, with the method's backtest,
// fairness audit and feedback check) and GET /v1/forecasts/patrols (numbered stops and road legs).
// Off by default; for admin, dispatcher and analyst. Forecasts are about places and times, never persons.

const FORECAST_METHODS = ['etas', 'kde', 'prospective', 'naive'];
const FORECAST_METHOD_LABEL = { etas: 'ETAS', kde: 'KDE', prospective: 'Prospective', naive: 'Naive' };
const FORECAST_REFRESH_MS = 5 * 60_000;
// A sequential ramp (low → high expected incidents) that stays readable on the dark map: violet, magenta, orange, pale yellow.
const FORECAST_RAMP = [[94, 60, 153], [176, 58, 138], [232, 89, 79], [249, 160, 63], [252, 232, 120]];
const PATROL_COLOR = '#9dff7a';
const CAP_FORECAST = { cells: 2000, ring: 64, stops: 50, legs: 50, legPoints: 5000 };

function rampColour(f) {
  const t = clamp(f, 0, 1) * (FORECAST_RAMP.length - 1);
  const i = Math.min(FORECAST_RAMP.length - 2, Math.floor(t)), k = t - i;
  const a = FORECAST_RAMP[i], b = FORECAST_RAMP[i + 1];
  return `rgb(${a.map((v, j) => Math.round(v + (b[j] - v) * k)).join(',')})`;
}
const rampCSS = () => `linear-gradient(90deg, ${FORECAST_RAMP.map((c) => `rgb(${c.join(',')})`).join(', ')})`;
const pct = (v, digits = 0) => (v === null ? '—' : `${(v * 100).toFixed(digits)} %`);

function forecastOn() { return !!(map && map.layers.forecast); }

let forecastTimer = null;
let forecastToken = 0;
async function refreshForecast() {
  const fc = state.forecast;
  clearTimeout(forecastTimer);
  if (!state.key || !forecastOn() || fc.forbidden) return;
  forecastTimer = setTimeout(refreshForecast, FORECAST_REFRESH_MS);
  const token = ++forecastToken;
  const method = fc.method;
  fc.loading = true;
  fc.error = '';
  renderForecast();
  try {
    const body = await api(`/v1/forecasts?method=${encodeURIComponent(method)}&coverage=${fc.coverage}&horizonHours=${fc.horizonHours}`);
    if (token !== forecastToken) return;
    if (!isObj(body)) throw new Error('unexpected forecast response');
    fc.cells = objects(body.features).slice(0, CAP_FORECAST.cells).map((f) => {
      const g = isObj(f.geometry) ? f.geometry : {};
      const ring = Array.isArray(g.coordinates) && Array.isArray(g.coordinates[0]) ? g.coordinates[0].slice(0, CAP_FORECAST.ring) : [];
      const pts = ring.filter((c) => Array.isArray(c) && validLatLon(num(c[1]), num(c[0]))).map((c) => [num(c[0]), num(c[1])]);
      const p = isObj(f.properties) ? f.properties : {};
      return pts.length >= 3 ? { cell: num(p.cell), rank: num(p.rank), expected: num(p.expectedIncidents) ?? 0, ring: pts } : null;
    }).filter(Boolean);
    const ex = fc.cells.map((c) => c.expected);
    fc.min = ex.length ? Math.min(...ex) : 0;
    fc.max = ex.length ? Math.max(...ex) : 0;
    fc.props = isObj(body.properties) ? body.properties : {};
    fc.loadedMethod = method;
    fc.at = Date.now();
    // The first forecast of the session: bring its cells into view (they are small at the city view).
    if (!fc.fitted && fc.cells.length) {
      fc.fitted = true;
      fitBesideCard(fc.cells.flatMap((c) => c.ring.map(([lon, lat]) => ({ lat, lon }))));
    }
  } catch (error) {
    if (token !== forecastToken) return;
    if (error instanceof ApiError && error.status === 403) forecastForbidden(error);
    else fc.error = `Forecast could not be loaded: ${problemHTML(error)}`;
  } finally {
    if (token === forecastToken) fc.loading = false;
  }
  renderForecast();
  map.requestDraw();
}

/// Fits points into the part of the map the forecast card does not cover (right of it).
function fitBesideCard(points) {
  const card = $('forecast-card');
  const left = card.hidden ? 40 : card.offsetLeft + card.offsetWidth + 30;
  const top = 80, right = 50, bottom = 70;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const p of points) {
    const x = map.wx(p.lon), y = map.wy(p.lat);
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  if (!Number.isFinite(x0)) return;
  const w = Math.max(120, map.width - left - right), h = Math.max(120, map.height - top - bottom);
  const scale = map.clampScale(Math.min(w / Math.max(x1 - x0, 300), h / Math.max(y1 - y0, 300)));
  const sx = left + w / 2, sy = top + h / 2;
  map.animateTo({ cx: (x0 + x1) / 2 - (sx - map.width / 2) / scale, cy: (y0 + y1) / 2 - (sy - map.height / 2) / scale, scale }, true);
}

/// The role may not read forecasts: the layer is turned off and disabled, the reason shown on it and in the card.
function forecastForbidden(error) {
  const fc = state.forecast;
  fc.forbidden = true;
  fc.cells = []; fc.patrol = null;
  fc.error = `Forecasts: not available to your role${error ? ` (${esc(error.message)})` : ' (admin, dispatcher and analyst read them)'}.`;
  clearTimeout(forecastTimer);
  const box = $('layer-forecast');
  // Turned off; the card stays open with the reason when the layer was on (the refusal came from using it).
  fc.showForbidden = !!(map && map.layers.forecast);
  if (map) { map.layers.forecast = false; map.requestDraw(); }
  box.checked = false;
  box.disabled = true;
  $('layer-forecast-label').classList.add('disabled');
  $('layer-forecast-label').title = 'Forecasts: not available to your role (admin, dispatcher and analyst read them)';
}

async function planPatrols() {
  const fc = state.forecast;
  if (fc.forbidden || fc.patrolLoading) return;
  fc.patrolLoading = true;
  fc.patrolError = '';
  renderForecast();
  const units = clamp(Math.round(num($('forecast-units').value) ?? 3), 1, 50);
  try {
    const body = await api(`/v1/forecasts/patrols?units=${units}&method=${encodeURIComponent(fc.method)}`);
    if (!isObj(body)) throw new Error('unexpected patrol response');
    const stops = objects(body.stops).slice(0, CAP_FORECAST.stops).map((s) => {
      const lat = num(s.latitude), lon = num(s.longitude);
      return validLatLon(lat, lon) ? { stop: num(s.stop), cell: num(s.cell), lat, lon, expected: num(s.expectedIncidents) ?? 0 } : null;
    }).filter(Boolean);
    const legs = (isObj(body.route) ? objects(body.route.features) : []).slice(0, CAP_FORECAST.legs).map((f) => {
      const c = isObj(f.geometry) && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates.slice(0, CAP_FORECAST.legPoints) : [];
      const p = isObj(f.properties) ? f.properties : {};
      const coords = c.filter((x) => Array.isArray(x) && validLatLon(num(x[1]), num(x[0]))).map((x) => [num(x[0]), num(x[1])]);
      return coords.length >= 2 ? { coords, seconds: num(p.durationSeconds), metres: num(p.distanceMetres) } : null;
    }).filter(Boolean);
    fc.patrol = { method: fc.method, units, stops, legs, covered: num(body.expectedIncidentsCovered), note: str(body.note, 300) };
    announce(`Patrol plan: ${stops.length} stops`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) forecastForbidden(error);
    else fc.patrolError = problemHTML(error);
  } finally {
    fc.patrolLoading = false;
  }
  renderForecast();
  map.requestDraw();
}

function renderForecast() {
  const fc = state.forecast;
  const card = $('forecast-card');
  const on = forecastOn();
  card.hidden = !on && !fc.forbidden;
  if (!on && fc.forbidden) card.hidden = !fc.showForbidden;
  $('legend-forecast').hidden = !on || !fc.cells.length;
  if (card.hidden) return;
  setAttr(card, 'data-loading', String(fc.loading));
  const sel = $('forecast-method');
  if (sel.value !== fc.method) sel.value = fc.method;
  sel.disabled = fc.forbidden;
  $('forecast-plan').disabled = fc.forbidden || fc.patrolLoading || !fc.cells.length;
  $('forecast-units').disabled = fc.forbidden;
  $('forecast-clear-plan').hidden = !fc.patrol;
  if (fc.forbidden) {
    setHTMLIfChanged($('forecast-body'), `<p class="field-error" data-status="403">${fc.error}</p>`);
    setHTMLIfChanged($('forecast-plan-out'), '');
    return;
  }
  const p = fc.props || {};
  const rows = isObj(p.backtest) ? objects(p.backtest.rows) : [];
  const fair = isObj(p.fairness) ? p.fairness : null;
  const feedback = isObj(p.feedback) ? p.feedback : null;
  const warnings = [...strings(fair ? fair.warnings : null, 400), ...(feedback && str(feedback.warning, 400) ? [str(feedback.warning, 400)] : [])];
  let html = '';
  if (fc.loading) html += `<p class="muted small fc-loading">${fc.cells.length ? 'Refreshing' : 'Fitting the model'} (${esc(FORECAST_METHOD_LABEL[fc.method])})… the first forecast can take several seconds.</p>`;
  if (fc.error) html += `<p class="field-error">${fc.error}</p>`;
  if (fc.cells.length) {
    const hours = num(p.horizonHours) ?? fc.horizonHours;
    html += `<p class="fc-sum"><b>${fc.cells.length}</b> of ${esc(str(p.cells))} cells (${esc(str(p.cellMetres))} m) flagged, top ${pct(num(p.coverage))}: <b>${(num(p.expectedInFlaggedCells) ?? 0).toFixed(1)}</b> of ${(num(p.expectedIncidents) ?? 0).toFixed(1)} expected incidents in the next ${esc(String(hours))} h · learned from ${esc(str(p.incidentsLearnedFrom))} recorded incidents</p>`;
    html += `<p class="fc-ramp"><span>${fc.min.toFixed(2)}</span><i style="background:${rampCSS()}"></i><span>${fc.max.toFixed(2)}</span> expected per cell</p>`;
    if (rows.length) {
      html += `<table class="fc-backtest" aria-label="Backtest: share of the next day's incidents inside the flagged cells, against flagging cells at random"><caption>Backtest over ${esc(str(p.backtest.scoredDays))} days</caption><thead><tr><th scope="col">cells</th><th scope="col">hit rate</th><th scope="col">random</th><th scope="col" title="Predictive accuracy index: hit rate ÷ area share">PAI</th></tr></thead><tbody>`;
      for (const r of rows) {
        const hr = num(r.hitRate), rnd = num(r.randomHitRate), pai = num(r.pai);
        html += `<tr data-coverage="${esc(str(r.coverage))}" data-hit-rate="${hr === null ? '' : hr}"><td>top ${pct(num(r.coverage))}</td><td class="hr"><b>${pct(hr, 1)}</b></td><td class="muted">${pct(rnd, 1)}</td><td>${pai === null ? '—' : pai.toFixed(1)}</td></tr>`;
      }
      html += '</tbody></table>';
      html += backtestCurveSVG(rows, FORECAST_METHOD_LABEL[fc.method]);
    } else html += '<p class="muted small">No backtest: too few days of recorded incidents to score.</p>';
    if (fair) {
      const d = objects(fair.districts);
      html += `<details class="fc-fair"${warnings.length ? '' : ''}><summary>Fairness over ${d.length} districts: hit rates differ ×${(num(fair.hitRateDisparity) ?? 1).toFixed(2)}, flagged vs incidents ×${(num(fair.flaggedToIncidentDisparity) ?? 1).toFixed(2)}</summary><table class="fc-districts"><thead><tr><th scope="col">district</th><th scope="col">flagged</th><th scope="col">incidents</th><th scope="col">hit rate</th></tr></thead><tbody>${d.map((x) => `<tr><td title="${esc(str(x.name))}">${esc(str(x.name))}</td><td>${pct(num(x.flaggedShare))}</td><td>${pct(num(x.incidentShare))}</td><td>${pct(num(x.hitRate))}</td></tr>`).join('')}</tbody></table></details>`;
    }
    for (const w of warnings) html += `<p class="fc-warn" role="note"><b>⚠</b> ${esc(w)}</p>`;
  } else if (!fc.loading && !fc.error) html += '<p class="muted small">No forecast yet.</p>';
  html += `<p class="fc-note">${esc(str(p.note, 300) || 'Forecasts are about places and times, never persons.')}</p>`;
  setHTMLIfChanged($('forecast-body'), html);
  const pl = fc.patrol;
  let out = '';
  if (fc.patrolLoading) out = '<p class="muted small">Planning patrols…</p>';
  else if (fc.patrolError) out = `<p class="field-error">${fc.patrolError}</p>`;
  else if (pl) {
    out = `<p class="fc-plan-sum" data-stops="${pl.stops.length}"><b>${pl.stops.length}</b> stops (${esc(FORECAST_METHOD_LABEL[pl.method] || pl.method)}), ${pl.legs.length} road legs, ${(pl.covered ?? 0).toFixed(2)} expected incidents covered</p><ol class="fc-stops">${pl.stops.map((s) => `<li><i class="stopg">${esc(String(s.stop ?? ''))}</i> cell ${esc(String(s.cell ?? '—'))} · ${s.expected.toFixed(2)} expected</li>`).join('')}</ol>`;
  }
  setHTMLIfChanged($('forecast-plan-out'), out);
  const legend = $('legend-forecast-range');
  setText(legend, fc.cells.length ? `${fc.min.toFixed(2)}–${fc.max.toFixed(2)} expected` : 'expected');
  $('legend-forecast').querySelector('.ramp').style.background = rampCSS();
}

/// The forecast layer on or off (the `g` key, the checkbox, the card's ×).
function setForecastLayer(on) {
  const box = $('layer-forecast');
  if (state.forecast.forbidden && on) {
    state.forecast.showForbidden = true;
    renderForecast();
    announce('Forecasts: not available to your role');
    return;
  }
  box.checked = on;
  map.layers.forecast = on;
  if (on) refreshForecast(); else { clearTimeout(forecastTimer); state.forecast.showForbidden = false; }
  renderForecast();
  renderLegend();
  map.requestDraw();
}

// ---------------------------------------------------------------------------------------------
// Public health: the areas' latest week against their alarm threshold (GET /v1/health/alarms), the
// space-time cluster (GET /v1/health/clusters), an area's weekly series (GET /v1/health/series), and
// for health officers a CAP advisory drafted from an outbreak signal (POST /v1/health/advisories).
// For roles with health.read only; a 403 says so on the panel and stops the polling.

const HEALTH_DEFAULT_SYNDROME = 'respiratory';
function healthSyndrome() { return state.health.syndrome || HEALTH_DEFAULT_SYNDROME; }
const HEALTH_ALARMS_MS = 60_000;
const HEALTH_CLUSTERS_MS = 5 * 60_000;
const HEALTH_COLOR = { alarm: '#ff5c5c', ok: '#7aa7c7', cluster: '#ffd166' };
const HEALTH_CHART_WEEKS = 104;

function healthAllowed() { return state.health.access === 'allowed'; }

let healthTimer = null;
async function refreshHealth() {
  const h = state.health;
  clearTimeout(healthTimer);
  if (!state.key || h.access === 'forbidden' || h.access === 'none') return;
  healthTimer = setTimeout(refreshHealth, HEALTH_ALARMS_MS);
  if (h.loading) return;
  h.loading = true;
  const wantClusters = Date.now() - h.clustersAt > HEALTH_CLUSTERS_MS - 1000;
  if (Date.now() - (h.syndromesAt || 0) > HEALTH_CLUSTERS_MS) loadSyndromes(); // the picker's alarm counts, now and then
  const syndrome = healthSyndrome();
  const enc = encodeURIComponent(syndrome);
  const [alarms, clusters] = await Promise.allSettled([
    api(`/v1/health/alarms?syndrome=${enc}`),
    wantClusters ? api(`/v1/health/clusters?syndrome=${enc}`) : Promise.resolve(null),
  ]);
  h.loading = false;
  // The picker moved on while these were asked for: ask again for the syndrome now chosen.
  if (syndrome !== healthSyndrome()) { refreshHealth(); return; }
  const forbidden = [alarms, clusters].find((x) => x.status === 'rejected' && x.reason instanceof ApiError && x.reason.status === 403);
  if (forbidden) { healthForbidden(forbidden.reason); return; }
  if (alarms.status === 'fulfilled') {
    const body = alarms.value;
    h.areas = (isObj(body) ? objects(body.areas) : []).slice(0, 500).map((a) => {
      const lat = num(a.latitude), lon = num(a.longitude);
      return {
        id: str(a.areaID, 64), name: str(a.name, 120) || str(a.areaID, 64), lat: validLatLon(lat, lon) ? lat : null, lon: validLatLon(lat, lon) ? lon : null,
        week: str(a.week, 20), method: str(a.method, 40), observed: num(a.observed) ?? 0, upper: num(a.upperbound), alarm: a.alarm === true,
      };
    }).filter((a) => a.id);
    h.areas.sort((a, b) => (b.alarm - a.alarm) || compareIds(a.name, b.name));
    // The latest week most areas report: named once above the list, per row only where an area differs.
    const weeks = new Map();
    for (const a of h.areas) weeks.set(a.week, (weeks.get(a.week) || 0) + 1);
    h.week = [...weeks].sort((a, b) => b[1] - a[1])[0]?.[0] || '';
    h.error = '';
    h.loaded = true;
    h.access = 'allowed';
  } else h.error = `Alarms could not be loaded: ${problemHTML(alarms.reason)}`;
  if (wantClusters) {
    if (clusters.status === 'fulfilled' && isObj(clusters.value)) {
      const c = clusters.value;
      const one = (x) => (isObj(x) ? {
        ids: strings(x.areaIDs, 64), names: strings(x.areaNames, 120), from: str(x.fromWeek, 20), to: str(x.toWeek, 20),
        observed: num(x.observed), expected: num(x.expected), p: num(x.pValue),
      } : null);
      h.cluster = one(c.mostLikely);
      h.secondary = objects(c.secondary).map(one).filter(Boolean).slice(0, 10);
      h.window = { from: str(c.fromWeek, 20), to: str(c.toWeek, 20) };
      h.clusterError = '';
      h.clustersAt = Date.now();
    } else if (clusters.status === 'rejected') h.clusterError = `Cluster scan failed: ${problemHTML(clusters.reason)}`;
  }
  if (h.reselect && alarms.status === 'fulfilled') {
    // After a change of syndrome: the same area's chart, in the new syndrome, if it reports it.
    if (healthArea(h.reselect)) loadHealthSeries(h.reselect); else h.selected = null;
    h.reselect = null;
  }
  if (h.selected && h.series && h.series.id === h.selected && Date.now() - h.series.at > HEALTH_ALARMS_MS) loadHealthSeries(h.selected);
  state.dirty.health = true;
  if (map) map.requestDraw();
}

/// The syndromes with counts (GET /v1/health/syndromes), for the picker; each with its open alarms.
async function loadSyndromes() {
  const h = state.health;
  h.syndromesAt = Date.now();
  try {
    const body = await api('/v1/health/syndromes');
    h.syndromes = (isObj(body) ? objects(body.syndromes) : []).slice(0, 100).map((x) => ({
      name: str(x.syndrome, 64), areas: num(x.areas) ?? 0, lastWeek: str(x.lastWeek, 20), alarms: num(x.openAlarms) ?? 0, cluster: x.openCluster === true,
    })).filter((x) => x.name);
    if (!h.syndrome && h.syndromes.length && !h.syndromes.some((x) => x.name === HEALTH_DEFAULT_SYNDROME)) { h.syndrome = h.syndromes[0].name; refreshHealth(); }
  } catch (error) {
    h.syndromes = h.syndromes || [];
    if (error instanceof ApiError && error.status === 403) return;
  }
  state.dirty.health = true;
}

function renderSyndromePicker() {
  const h = state.health;
  const select = $('health-syndrome');
  const list = h.syndromes && h.syndromes.length ? h.syndromes : [{ name: healthSyndrome(), alarms: 0, cluster: false }];
  const html = list.map((x) => `<option value="${esc(x.name)}"${x.name === healthSyndrome() ? ' selected' : ''}>${esc(x.name)}${x.alarms ? ` (${x.alarms} alarm${x.alarms === 1 ? '' : 's'})` : ''}</option>`).join('');
  if (select._html !== html) { select._html = html; select.innerHTML = html; select.value = healthSyndrome(); }
  setAttr(select, 'data-syndrome', healthSyndrome());
  select.disabled = list.length < 2;
}

/// Switches the panel, the map layer and the charts to another syndrome.
function chooseSyndrome(name) {
  const h = state.health;
  if (!name || name === healthSyndrome()) return;
  h.syndrome = name;
  h.areas = []; h.loaded = false; h.cluster = null; h.secondary = []; h.clustersAt = 0; h.clusterError = ''; h.week = '';
  const keep = h.selected;
  h.series = null;
  healthSeriesToken++;
  state.dirty.health = true;
  announce(`Public health: ${name}`);
  h.reselect = keep;
  refreshHealth();
  if (map) map.requestDraw();
}

function healthForbidden(error) {
  const h = state.health;
  h.access = 'forbidden';
  clearTimeout(healthTimer);
  h.areas = []; h.cluster = null; h.series = null; h.selected = null;
  h.error = `Public health: not available to your role${error ? ` (${esc(error.message)})` : ''}.`;
  $('health-panel').hidden = false;
  $('layer-health').checked = false;
  $('layer-health-label').hidden = true;
  if (map) { map.layers.health = false; map.requestDraw(); }
  state.dirty.health = true;
}

let healthSeriesToken = 0;
async function loadHealthSeries(id) {
  const h = state.health;
  const token = ++healthSeriesToken;
  const previous = h.series && h.series.id === id ? h.series : null;
  h.series = { id, loading: true, error: '', weeks: previous ? previous.weeks : [], judged: previous ? previous.judged : [], at: Date.now() };
  state.dirty.health = true;
  try {
    const body = await api(`/v1/health/series?syndrome=${encodeURIComponent(healthSyndrome())}&area=${encodeURIComponent(id)}&method=farrington-flexible`);
    if (token !== healthSeriesToken) return;
    const weekOf = (w) => ({ week: str(w.week, 20), t: Date.parse(str(w.week, 20)), observed: num(w.observed), upper: num(w.upperbound), alarm: w.alarm === true });
    h.series.weeks = (isObj(body) ? objects(body.weeks) : []).map(weekOf).filter((w) => Number.isFinite(w.t) && w.observed !== null).slice(-HEALTH_CHART_WEEKS);
    h.series.judged = (isObj(body) ? objects(body.judged) : []).map(weekOf).filter((w) => Number.isFinite(w.t) && w.upper !== null).slice(-HEALTH_CHART_WEEKS);
  } catch (error) {
    if (token !== healthSeriesToken) return;
    if (error instanceof ApiError && error.status === 403) { healthForbidden(error); return; }
    h.series.error = problemHTML(error);
  }
  h.series.loading = false;
  state.dirty.health = true;
}

function focusFirstHealth() {
  const row = document.querySelector('#health-list li > button');
  if (row) row.focus();
}
function healthArea(id) { return state.health.areas.find((a) => a.id === id) || null; }

/// Selects an area: its chart on the panel; with `focusMap` the map flies to it.
function selectHealthArea(id, { focusMap }) {
  const a = healthArea(id);
  if (!a) return;
  const h = state.health;
  h.selected = id;
  if (!h.series || h.series.id !== id || h.series.error) loadHealthSeries(id);
  state.dirty.health = true;
  if (focusMap && a.lat !== null) map.flyTo(a.lat, a.lon, Math.max(map.view.scale, map.fitScale * 2.5));
  if (focusMap) announce(`${a.name}: ${a.observed} visits in the week of ${a.week}${a.upper !== null ? `, threshold ${a.upper.toFixed(1)}` : ''}${a.alarm ? ', alarm' : ''}`);
  if (map) map.requestDraw();
}
function focusHealthButton(id) { focusRow('health-list', id, renderHealth); }

/// Outbreak signals on the board (newest first, acknowledged ones too): the ones an advisory can be drafted from.
function outbreakSignals() { return state.signals.list.filter((x) => x.type === 'signal.outbreak'); }

async function draftAdvisory(seq) {
  const h = state.health;
  if (h.advisories.get(seq) && h.advisories.get(seq).pending) return;
  if (!state.can.advise) {
    h.advisories.set(seq, { html: problemHTML(localProblem('signal', 'Only a health officer drafts health advisories.')) });
    Object.assign(state.dirty, { health: true, signals: true });
    return;
  }
  h.advisories.set(seq, { pending: true });
  Object.assign(state.dirty, { health: true, signals: true });
  try {
    const entry = await api('/v1/health/advisories', { method: 'POST', body: { signal: seq } });
    const id = isObj(entry) ? str(entry.id, 120) : '';
    h.advisories.set(seq, { id, status: isObj(entry) ? str(entry.status, 20) : '' });
    announce(`Advisory ${id} drafted for approval`);
  } catch (error) {
    h.advisories.set(seq, { html: problemHTML(error), status: error instanceof ApiError ? error.status : 0 });
    announce(`Advisory refused: ${error.message}`);
  }
  Object.assign(state.dirty, { health: true, signals: true });
  flushBoards(true);
}

/// The advisory button or its outcome for an outbreak signal, as HTML (signals board and health panel).
function advisoryHTML(seq, compact = false) {
  const r = state.health.advisories.get(seq);
  if (r && r.id) return compact ? `<span class="ok-note adv-ok" data-alert="${esc(r.id)}" title="Advisory ${esc(r.id)} drafted, awaiting approval">Advisory drafted ✓</span>` : `<span class="ok-note adv-ok" data-alert="${esc(r.id)}">Advisory drafted: ${esc(r.id)} (awaiting approval)</span>`;
  if (compact && r && r.html) return `<button type="button" class="btn tiny adv-btn" data-advise="${seq}" data-focus="adv:${seq}">Draft advisory</button><span class="field-error adv-err" role="alert" data-status="${esc(String(r.status ?? ''))}">Refused${r.status ? ` (${esc(String(r.status))})` : ''}: see Public health</span>`;
  const button = `<button type="button" class="btn tiny adv-btn" data-advise="${seq}" data-focus="adv:${seq}"${r && r.pending ? ' disabled' : ''} title="Draft a bilingual CAP health advisory from outbreak signal #${seq} (POST /v1/health/advisories); an admin approves it">${r && r.pending ? 'Drafting…' : 'Draft advisory'}</button>`;
  return button + (r && r.html ? `<span class="field-error adv-err" role="alert" data-status="${esc(String(r.status ?? ''))}">${r.html}</span>` : '');
}

function renderHealth() {
  const h = state.health;
  const panel = $('health-panel');
  if (h.access === 'none' && !h.showForbidden) { panel.hidden = true; return; }
  panel.hidden = false;
  const list = $('health-list');
  keyedList(list, h.areas, (a) => a.id, (a) => {
    const li = document.createElement('li');
    li.innerHTML = '<button type="button" class="hl-main" role="option"><span class="hl-dot" aria-hidden="true"></span><span class="hl-name"></span><span class="hl-chip"></span><span class="hl-obs"></span><span class="hl-bar" aria-hidden="true"><i></i><b></b></span></button>';
    const main = li.firstElementChild;
    main.addEventListener('click', () => selectHealthArea(a.id, { focusMap: true }));
    main.addEventListener('keydown', (e) => boardKeydown(e, state.health.areas.map((x) => x.id), a.id, (next) => { selectHealthArea(next, { focusMap: false }); focusHealthButton(next); }));
    return li;
  }, (li, a) => {
    const [dot, name, chip, obs, bar] = li.firstElementChild.children;
    const inCluster = !!(h.cluster && h.cluster.ids.includes(a.id));
    setAttr(li, 'class', `hl${a.alarm ? ' alarm' : ''}${inCluster ? ' cluster' : ''}${h.selected === a.id ? ' selected' : ''}`);
    setAttr(li, 'data-alarm', String(a.alarm));
    dot.style.background = a.alarm ? HEALTH_COLOR.alarm : HEALTH_COLOR.ok;
    setHTMLIfChanged(name, `${esc(a.name)}${a.week !== h.week ? `<span class="cid">week of ${esc(a.week)}</span>` : ''}`);
    setHTMLIfChanged(chip, (a.alarm ? '<span class="chip alarm" title="Above the alarm threshold this week">ALARM</span>' : '<span class="chip ok-chip">no alarm</span>') + (inCluster ? '<span class="chip cluster" title="In the most likely space-time cluster">cluster</span>' : ''));
    setHTMLIfChanged(obs, `<b>${a.observed}</b> / ${a.upper === null ? '—' : a.upper.toFixed(1)}`);
    setAttr(obs, 'title', `observed ${a.observed} visits against the ${a.method} threshold ${a.upper === null ? '(none)' : a.upper.toFixed(1)}`);
    const top = Math.max(a.observed, a.upper ?? 0, 1) * 1.1;
    bar.firstElementChild.style.width = `${(100 * a.observed) / top}%`;
    bar.firstElementChild.style.background = a.alarm ? HEALTH_COLOR.alarm : HEALTH_COLOR.ok;
    bar.lastElementChild.style.left = a.upper === null ? '-9px' : `${(100 * a.upper) / top}%`;
    const main = li.firstElementChild;
    setAttr(main, 'aria-selected', String(h.selected === a.id));
    setAttr(main, 'aria-label', `${a.name}, week of ${a.week}: ${a.observed} visits, threshold ${a.upper === null ? 'none' : a.upper.toFixed(1)}${a.alarm ? ', ALARM' : ''}${inCluster ? ', in the cluster' : ''}. Enter shows its chart.`);
  });
  const alarms = h.areas.filter((a) => a.alarm).length;
  const caption = $('health-caption');
  const syn = healthSyndrome();
  setText(caption, h.areas.length ? `${syn[0].toUpperCase()}${syn.slice(1)} visits, week of ${h.week} · observed / alarm threshold` : '');
  renderSyndromePicker();
  caption.hidden = !h.areas.length;
  $('legend-health').hidden = !(map && map.layers.health) || !h.areas.length;
  setText($('health-count'), h.areas.length ? `${alarms}/${h.areas.length}` : '0');
  const empty = $('health-empty');
  const message = h.error || (h.loaded ? (h.areas.length ? '' : 'No syndromic areas registered.') : 'Loading public health…');
  empty.hidden = !message;
  setHTMLIfChanged(empty, message);
  empty.classList.toggle('error-text', !!h.error);
  setAttr(empty, 'data-access', h.access);
  // The cluster and the advisory buttons under the list.
  let foot = '';
  if (h.access === 'allowed') {
    const c = h.cluster;
    if (c) {
      foot += `<p class="hl-cluster" data-p="${c.p ?? ''}"><span class="chip cluster">cluster</span> <b>${esc(c.names.join(', ') || c.ids.join(', '))}</b>, weeks ${esc(c.from)} → ${esc(c.to)}: ${c.observed ?? '—'} cases where ${c.expected === null ? '—' : c.expected.toFixed(1)} expected, <b>p = ${c.p === null ? '—' : c.p < 0.001 ? '< 0.001' : c.p.toFixed(3)}</b></p>`;
    } else if (h.clustersAt) foot += '<p class="hl-cluster muted">No space-time cluster in the scan window.</p>';
    if (h.clusterError) foot += `<p class="field-error">${h.clusterError}</p>`;
    if (state.can.advise) {
      const open = outbreakSignals();
      for (const x of open.slice(0, 4)) foot += `<div class="hl-adv" data-signal="${x.seq}"><span class="hl-adv-t" title="${esc(x.summary)}">✚ #${x.seq} ${esc(x.summary)}</span>${advisoryHTML(x.seq)}</div>`;
    }
  }
  const footEl = $('health-foot');
  if (footEl._html !== foot) { replaceKeepingFocus(footEl, foot); footEl._html = foot; }
  footEl.hidden = !foot;
  renderHealthDetail();
}

function renderHealthDetail() {
  const h = state.health;
  const box = $('health-detail');
  const a = h.selected ? healthArea(h.selected) : null;
  box.hidden = !a;
  if (!a) return;
  const s = h.series && h.series.id === a.id ? h.series : null;
  setAttr(box, 'data-area', a.id);
  setAttr(box, 'data-loading', String(!s || s.loading));
  const head = `<div class="sd-head"><span class="hl-dot" style="background:${a.alarm ? HEALTH_COLOR.alarm : HEALTH_COLOR.ok}"></span><b>${esc(a.name)}</b><span class="muted">${esc(healthSyndrome())} · ${esc(a.method)}</span><button type="button" class="btn tiny ghost" data-action="unselect-area" aria-label="Close the area chart">×</button></div>`;
  const chart = s && s.weeks.length ? healthChart(a, s) : `<p class="muted small sd-empty">${s && s.loading ? 'Loading the weekly series…' : 'No weekly counts.'}</p>`;
  const foot = s && s.error ? `<p class="field-error">${s.error}</p>` : '';
  setHTMLIfChanged(box, head + chart + foot);
}

/// Weekly counts (bars) over the last two years, the threshold (dashed line) over the judged weeks,
/// alarm weeks marked red, the cluster's weeks shaded when this area is in it.
function healthChart(a, s) {
  const W = 356, H = 128, L = 30, R = 6, T = 8, B = 18;
  const weeks = s.weeks, judged = s.judged;
  const t0 = weeks[0].t, t1 = weeks[weeks.length - 1].t + 7 * 86_400_000;
  const hi = Math.max(1, ...weeks.map((w) => w.observed), ...judged.map((w) => w.upper)) * 1.08;
  const x = (t) => L + ((t - t0) / Math.max(1, t1 - t0)) * (W - L - R);
  const y = (v) => T + (1 - v / hi) * (H - T - B);
  const bw = Math.max(1, (W - L - R) / weeks.length - 0.6);
  const alarmWeeks = new Set(judged.filter((w) => w.alarm).map((w) => w.week));
  const c = state.health.cluster;
  let svg = `<svg class="health-chart" viewBox="0 0 ${W} ${H}" role="img" data-weeks="${weeks.length}" data-threshold-points="${judged.length}" data-alarm-weeks="${alarmWeeks.size}" aria-label="${esc(`${a.name}: weekly ${healthSyndrome()} visits over ${weeks.length} weeks; alarm threshold over the last ${judged.length} weeks; ${alarmWeeks.size} alarm weeks`)}">`;
  for (const v of [hi * 0.25, hi * 0.5, hi * 0.75]) svg += `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text class="tick" x="${L - 3}" y="${(y(v) + 3).toFixed(1)}" text-anchor="end">${Math.round(v)}</text>`;
  if (c && c.ids.includes(a.id) && Number.isFinite(Date.parse(c.from))) {
    const cx0 = x(Date.parse(c.from)), cx1 = x(Date.parse(c.to) + 7 * 86_400_000);
    svg += `<rect class="cluster-band" x="${cx0.toFixed(1)}" y="${T}" width="${Math.max(2, cx1 - cx0).toFixed(1)}" height="${H - T - B}"><title>Cluster ${esc(c.from)} → ${esc(c.to)} (p = ${c.p})</title></rect>`;
  }
  let bars = '', alarmBars = '';
  for (const w of weeks) {
    const r = `<rect x="${x(w.t).toFixed(1)}" y="${y(w.observed).toFixed(1)}" width="${bw.toFixed(2)}" height="${(y(0) - y(w.observed)).toFixed(1)}"><title>week of ${esc(w.week)}: ${w.observed}${alarmWeeks.has(w.week) ? ' (alarm)' : ''}</title></rect>`;
    if (alarmWeeks.has(w.week)) alarmBars += r; else bars += r;
  }
  svg += `<g class="bars">${bars}</g><g class="bars alarm">${alarmBars}</g>`;
  if (judged.length) {
    const pts = judged.map((w) => `${(x(w.t) + bw / 2).toFixed(1)},${y(w.upper).toFixed(1)}`).join(' ');
    svg += `<polyline class="threshold" data-threshold="${judged.length}" points="${pts}"><title>Alarm threshold (farrington-flexible upper bound)</title></polyline>`;
    const last = judged[judged.length - 1];
    svg += `<text class="th-label" x="${W - R - 2}" y="${Math.max(T + 8, y(last.upper) - 4).toFixed(1)}" text-anchor="end">threshold ${last.upper.toFixed(1)}</text>`;
  }
  svg += `<text class="tick" x="${L}" y="${H - 5}">${esc(weeks[0].week)}</text><text class="tick" x="${W - R}" y="${H - 5}" text-anchor="end">${esc(weeks[weeks.length - 1].week)}</text></svg>`;
  const legend = `<p class="sd-legend"><span class="k bar"></span>weekly visits<span class="k bar alarm"></span>alarm week<span class="k threshold"></span>threshold${c && c.ids.includes(a.id) ? '<span class="k band"></span>cluster weeks' : ''}</p>`;
  return svg + legend;
}

// ---------------------------------------------------------------------------------------------
// Sensor card: the selected sensor's status, AQI, health and chart (GET /v1/sensors/{id},
// /v1/sensors/{id}/trend, /v1/sensor-rules), with the live readings since the last hourly mean.

let sensorToken = 0;
async function loadSensorView(id) {
  const s = state.sensors.get(id);
  const token = ++sensorToken;
  const quantity = s && s.quantity && s.quantity !== 'unknown' ? s.quantity : null;
  const previous = state.sensorView && state.sensorView.id === id ? state.sensorView : null;
  state.sensorView = { id, quantity, loading: true, error: '', sensor: previous && previous.sensor, status: previous && previous.status, trend: previous && previous.trend, at: 0 };
  state.dirty.sensorDetail = true;
  const enc = encodeURIComponent(id);
  const [detail, trend, rules] = await Promise.allSettled([
    api(`/v1/sensors/${enc}`),
    api(`/v1/sensors/${enc}/trend${quantity ? `?quantity=${encodeURIComponent(quantity)}` : ''}`),
    state.rules ? Promise.resolve(null) : api('/v1/sensor-rules'),
  ]);
  if (token !== sensorToken) return;
  const view = state.sensorView;
  const errors = [];
  if (detail.status === 'fulfilled' && isObj(detail.value)) {
    view.sensor = isObj(detail.value.sensor) ? detail.value.sensor : null;
    view.status = isObj(detail.value.status) ? detail.value.status : null;
    if (!view.quantity && view.sensor) view.quantity = strings(view.sensor.quantities, 64)[0] || null;
  } else if (detail.status === 'rejected') errors.push(`status: ${problemHTML(detail.reason)}`);
  if (trend.status === 'fulfilled' && isObj(trend.value)) view.trend = trend.value;
  else if (trend.status === 'rejected') errors.push(`trend: ${problemHTML(trend.reason)}`);
  if (rules.status === 'fulfilled' && isObj(rules.value)) state.rules = objects(rules.value.rules);
  else if (rules.status === 'rejected') errors.push(`rules: ${problemHTML(rules.reason)}`);
  view.error = errors.join('<br>');
  view.loading = false;
  view.at = Date.now();
  state.dirty.sensorDetail = true;
}

/// Rule lines for a quantity: each rule's limit and, when it has one, where it clears.
function ruleLines(quantity) {
  const lines = [];
  for (const r of state.rules || []) {
    if (str(r.quantity, 64) !== quantity) continue;
    const id = str(r.id, 64), side = str(r.side, 8), limit = num(r.limit), clearAt = num(r.clearAt);
    if (limit !== null) lines.push({ rule: id, kind: 'limit', value: limit, label: `${id} ${side === 'below' ? '<' : '>'} ${formatValue(limit)}`, summary: str(r.summary, 300) });
    if (clearAt !== null && clearAt !== limit) lines.push({ rule: id, kind: 'clear', value: clearAt, label: `${id} clears ${formatValue(clearAt)}`, summary: str(r.summary, 300) });
  }
  return lines;
}

function renderSensorDetail() {
  const box = $('sensor-detail');
  const id = state.selectedSensor;
  const s = id ? state.sensors.get(id) : null;
  box.hidden = !s;
  if (!s) return;
  const view = state.sensorView && state.sensorView.id === id ? state.sensorView : null;
  const quantity = (view && view.quantity) || s.quantity;
  setAttr(box, 'data-loading', String(!view || view.loading));
  setAttr(box, 'data-sensor', id);
  const status = view && view.status;
  const label = QUANTITY_LABEL[quantity] || quantity;
  // Current AQI from the sensor's status (NowCast or provisional), else from the air-quality layer.
  const aqs = status ? objects(status.airQuality) : [];
  const aqHTML = aqs.length ? aqs.map((a) => `<span class="aqi-chip" style="--c:${/^#[0-9a-f]{6}$/i.test(str(a.colour, 7)) ? str(a.colour, 7) : '#b0b8c4'}" title="${esc(str(a.category, 60))} · ${esc(formatValue(num(a.concentration) ?? 0))} ${esc(str(a.unit, 20))}">AQI ${esc(str(a.aqi))} <small>${esc(str(a.pollutant, 20))} · ${esc(str(a.method, 20) === 'nowcast' ? 'NowCast' : str(a.method, 20) || '—')}</small></span>`).join(' ')
    : (state.air.sensors.get(id) && state.air.sensors.get(id).aqi !== null ? `<span class="aqi-chip" style="--c:${state.air.sensors.get(id).colour || '#b0b8c4'}">AQI ${esc(String(state.air.sensors.get(id).aqi))} <small>${esc(state.air.sensors.get(id).pollutant)}</small></span>` : '');
  const health = status && isObj(status.health) ? status.health : null;
  const problems = health ? objects(health.problems) : [];
  const openProblems = state.signals.health.get(id) || [];
  const healthHTML = health && str(health.state) === 'unhealthy' || openProblems.length
    ? `<p class="sd-health" data-state="unhealthy">Unhealthy: ${problems.length ? problems.map((p) => `<b>${esc(HEALTH_PROBLEMS[str(p.problem, 32)] || str(p.problem, 32))}</b>${p.evidence ? ` — ${esc(str(p.evidence, 300))}` : ''}`).join('; ') : esc(openProblems.join(', '))}</p>`
    : (health ? '<p class="sd-health" data-state="ok">Health: ok</p>' : '');
  const name = view && view.sensor ? str(view.sensor.name, 200) : (s.name || '');
  const head = `<div class="sd-head"><span class="sq" style="background:${openProblems.length ? 'transparent' : sensorColor(s)}"></span><b>${esc(id)}</b><span class="muted">${esc(label)}${name ? ` · ${esc(name)}` : ''}</span><button type="button" class="btn tiny ghost" data-action="unselect-sensor" aria-label="Close the sensor card">×</button></div>`;
  const chart = sensorChart(s, quantity, view);
  const foot = view && view.loading ? '<p class="muted small">Loading trend and rules…</p>' : (view && view.error ? `<p class="field-error">${view.error}</p>` : '');
  setHTMLIfChanged(box, `${head}<div class="sd-aqi">${aqHTML}</div>${healthHTML}${chart}${foot}`);
}

/// The chart as SVG: hourly means (line with dots), live readings since (thin line in the sensor's
/// colour), and dashed horizontal lines for each rule's limit and clear level on this quantity.
function sensorChart(s, quantity, view) {
  const W = 356, H = 120, L = 34, R = 6, T = 8, B = 18;
  const trend = view && view.trend;
  const hourly = (trend ? objects(trend.hourlyMeans) : []).map((p) => [Date.parse(str(p.time, 40)), num(p.value)]).filter(([t, v]) => Number.isFinite(t) && v !== null).slice(-24);
  const lastHour = hourly.length ? hourly[hourly.length - 1][0] : -Infinity;
  const live = s.series.filter(([t]) => t > lastHour);
  const lines = ruleLines(quantity);
  const unit = (trend && str(trend.unit, 20)) || s.unit || '';
  if (!hourly.length && !live.length) {
    return `<p class="muted small sd-empty">${view && view.loading ? '' : 'No readings to chart yet.'}${lines.length ? ` Rule limits: ${lines.map((l) => esc(l.label)).join(', ')}.` : ''}</p>`;
  }
  const pts = [...hourly, ...live];
  let t0 = Math.min(...pts.map((p) => p[0])), t1 = Math.max(Date.now(), ...pts.map((p) => p[0]));
  if (t1 - t0 < 60_000) t0 = t1 - 60_000;
  let lo = Math.min(...pts.map((p) => p[1]), ...lines.map((l) => l.value)), hi = Math.max(...pts.map((p) => p[1]), ...lines.map((l) => l.value));
  if (hi - lo < 1e-9) { hi += 1; lo -= 1; }
  const pad = (hi - lo) * 0.08;
  lo -= pad; hi += pad;
  if (lo < 0 && Math.min(...pts.map((p) => p[1])) >= 0) lo = Math.max(lo, 0);
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  const color = sensorColor(s);
  const ticks = [lo + (hi - lo) * 0.1, (lo + hi) / 2, hi - (hi - lo) * 0.1];
  let svg = `<svg class="sensor-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${s.id} ${QUANTITY_LABEL[quantity] || quantity}: ${hourly.length} hourly means and ${live.length} live readings${lines.length ? `, rule limits ${lines.map((l) => l.label).join(', ')}` : ''}`)}" data-hourly="${hourly.length}" data-live="${live.length}" data-rule-lines="${lines.length}">`;
  for (const v of ticks) svg += `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text class="tick" x="${L - 3}" y="${(y(v) + 3).toFixed(1)}" text-anchor="end">${esc(formatValue(v))}</text>`;
  svg += `<text class="tick" x="${L}" y="${H - 5}">${clock(t0).slice(0, 5)}</text><text class="tick" x="${W - R}" y="${H - 5}" text-anchor="end">${clock(t1).slice(0, 5)}</text><text class="tick unit" x="${L - 3}" y="${T + 2}" text-anchor="end">${esc(unit)}</text>`;
  // Rule lines, labelled just above the line at the right; labels of close limits stack downwards.
  let lastLabelY = -Infinity;
  for (const l of [...lines].sort((a, b) => b.value - a.value)) {
    const ly = y(l.value);
    const labelY = Math.max(ly - 2, lastLabelY + 10, T + 8);
    lastLabelY = labelY;
    svg += `<line class="rule-line ${l.kind}" data-rule="${esc(l.rule)}" data-kind="${l.kind}" x1="${L}" x2="${W - R}" y1="${ly.toFixed(1)}" y2="${ly.toFixed(1)}"><title>${esc(l.summary)}</title></line><text class="rule-label ${l.kind}" x="${W - R - 2}" y="${labelY.toFixed(1)}" text-anchor="end">${esc(l.label)}</text>`;
  }
  if (hourly.length) {
    svg += `<polyline class="hourly" points="${hourly.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`;
    for (const [t, v] of hourly) svg += `<circle class="hourly-dot" r="1.8" cx="${x(t).toFixed(1)}" cy="${y(v).toFixed(1)}"><title>${clock(t).slice(0, 5)} hourly mean ${esc(formatValue(v))} ${esc(unit)}</title></circle>`;
  }
  if (live.length) {
    const from = hourly.length ? [hourly[hourly.length - 1]] : [];
    svg += `<polyline class="live" stroke="${color}" points="${[...from, ...live].map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`;
    const [lt, lv] = live[live.length - 1];
    svg += `<circle class="live-dot" r="2.5" fill="${color}" cx="${x(lt).toFixed(1)}" cy="${y(lv).toFixed(1)}"><title>${clock(lt)} ${esc(formatValue(lv))} ${esc(unit)}</title></circle>`;
  }
  svg += '</svg>';
  const legend = `<p class="sd-legend"><span class="k hourly"></span>hourly means (${hourly.length})<span class="k live" style="background:${color}"></span>live since (${live.length})${lines.length ? '<span class="k limit"></span>rule limit<span class="k clear"></span>clears' : ' · no rule limits on this quantity'}</p>`;
  return svg + legend;
}

// ---------------------------------------------------------------------------------------------
// Selection and recommendation

function selectCall(id, { focusMap }) {
  if (!state.calls.has(id)) return;
  if (state.selectedCall !== id) {
    state.selectedCall = id;
    if (state.recommendation && state.recommendation.callId !== id) clearRecommendation();
  }
  if (state.desk.mode === 'incident') unselectIncident();
  state.dirty.calls = true;
  const c = state.calls.get(id);
  if (focusMap && c.lat !== null) map.flyTo(c.lat, c.lon, Math.max(map.view.scale, map.fitScale * 3));
  map.requestDraw();
}

function selectUnit(id, focusMap) {
  const u = state.units.get(id);
  if (!u) return;
  state.selectedUnit = id;
  state.dirty.units = state.dirty.unitDetail = true;
  if (focusMap) map.flyTo(u.lat, u.lon, Math.max(map.view.scale, map.fitScale * 3));
  map.requestDraw();
}

function selectSensor(id, focusMap) {
  const s = state.sensors.get(id);
  if (!s) return;
  if (state.selectedSensor !== id || !state.sensorView || state.sensorView.id !== id || Date.now() - state.sensorView.at > 60_000) loadSensorView(id);
  state.selectedSensor = id;
  state.dirty.sensors = state.dirty.sensorDetail = true;
  if (focusMap && s.lat !== null) map.flyTo(s.lat, s.lon, Math.max(map.view.scale, map.fitScale * 3));
  map.requestDraw();
}

/// Drops the call advice and every route on the map; an incident on the desk stays.
function clearRecommendation() {
  state.recommendation = null;
  state.routes = [];
  if (state.desk.mode === 'call') setDesk('idle');
  else if (state.desk.mode === 'incident') markDesk('rec');
  map.requestDraw();
}

let recToken = 0;
async function recommend(callId = state.selectedCall) {
  if (state.desk.mode === 'form') { announce('Finish the new incident first, or cancel it with Escape.'); return; }
  const call = callId && state.calls.get(callId);
  setDesk('call');
  const body = $('rec-body');
  if (!call) { body.innerHTML = '<p class="note">Select a call first (<kbd>c</kbd>, then <kbd>↑</kbd>/<kbd>↓</kbd>), or an incident (<kbd>i</kbd>).</p>'; return; }
  const token = ++recToken;
  state.selectedCall = callId;
  state.dirty.calls = true;
  const head = `<div class="head"><span class="prio p${call.priority}">P${call.priority}</span><b>${esc(call.category)}</b><span class="muted">${esc(call.id)}</span></div>`;
  if (call.lat === null) { body.innerHTML = `${head}<p class="note">This call has no location, so no ETAs can be computed.</p>`; return; }
  const agency = CATEGORY_AGENCY[call.category] || null;
  // Units the desk knows to be busy (committed, out of service) are not advice; units not on the desk still are.
  const candidates = [...state.units.values()].filter((u) => (agency ? u.agency === agency : true) && Date.now() - u.seenAt < 30 * 60_000 && (!u.status || u.status === 'available'));
  if (!candidates.length) { body.innerHTML = `${head}<p class="note">No available ${esc(AGENCY_LABEL[agency] || '')} units with a recent position.</p>`; return; }
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
  if (rows.length) announce(`${rows.length} units ranked for ${call.id}; fastest ${rows[0].id}${rows[0].seconds === null ? '' : ` at ${duration(rows[0].seconds)}`}`);
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
  if (!rec || rec.status !== 'ready' || state.desk.mode !== 'call') return;
  const call = state.calls.get(rec.callId);
  if (!call) { clearRecommendation(); return; }
  const head = `<div class="head"><span class="prio p${call.priority}">P${call.priority}</span><b>${esc(call.category)}</b><span class="muted">${esc(call.id)} · ${esc(AGENCY_LABEL[CATEGORY_AGENCY[call.category]] || 'all agencies')}</span></div>`;
  const rows = rec.rows.slice(0, 12).map((r, i) => {
    const u = state.units.get(r.id);
    const cls = ['pick', i === 0 && r.seconds !== null ? 'best' : '', rec.shownUnit === r.id ? 'shown' : ''].join(' ');
    return `<tr class="${cls}" data-unit="${esc(r.id)}" tabindex="0" title="Show this unit's route"><td>${i + 1}</td><td title="${esc(r.id)}"><span class="dotc ${u ? u.agency : 'other'}"></span> ${esc(shortUnit(r.id))}</td><td class="eta">${r.seconds === null ? 'no route' : `${r.estimate ? '~' : ''}${duration(r.seconds)}`}</td><td${r.crow ? ' title="straight-line distance"' : ''}>${r.crow && r.metres !== null ? '≈' : ''}${distanceText(r.metres)}</td><td class="muted">${u ? ago(u.seenAt) : ''}</td></tr>`;
  }).join('');
  const route = state.routes[0];
  const routeLine = route && route.unitId ? `<p class="muted small">Route on map: ${esc(shortUnit(route.unitId))}${route.straight ? ` (straight line — ${esc(route.reason || 'routing unavailable')})` : ` · ${duration(route.seconds)} · ${distanceText(route.metres)}`}</p>` : '';
  body.innerHTML = `${head}${rec.note ? `<p class="note">${rec.note}</p>` : ''}<p class="muted small">Nearest units by road for a call. To send units, take the call into an incident (<kbd>t</kbd>).</p><table class="etas"><thead><tr><th>#</th><th>Unit</th><th>ETA</th><th>Dist.</th><th>Seen</th></tr></thead><tbody>${rows}</tbody></table>${routeLine}<p class="muted small">Advice only: a dispatcher decides.</p>`;
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
  const route = await fetchRoute(unit, { lat: call.lat, lon: call.lon }, ROUTE_COLORS[0]);
  if (token !== recToken || !state.recommendation || state.recommendation.callId !== call.id) return;
  showRoutes([route]);
  renderRecommendation();
}

/// The emergency-profile road route from a unit to a target; a labelled straight line when routing fails.
async function fetchRoute(unit, target, color) {
  const q = `from=${unit.lat.toFixed(6)},${unit.lon.toFixed(6)}&to=${target.lat.toFixed(6)},${target.lon.toFixed(6)}&profile=emergency`;
  try {
    const route = routeFromFeature(await api(`/v1/route?${q}`));
    if (!route) throw new Error('route has no geometry');
    return { ...route, unitId: unit.id, target, color };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) state.can.route = false;
    const reason = error instanceof ApiError && error.status === 404 && !error.problem ? 'routing unavailable' : (error.message || 'routing unavailable');
    return { coords: [[unit.lon, unit.lat], [target.lon, target.lat]], straight: true, reason, unitId: unit.id, target, color, seconds: null, metres: haversine(unit, target) };
  }
}

/// A route from a GeoJSON Feature (or a FeatureCollection's first) with a LineString, or null.
function routeFromFeature(res) {
  const feature = isObj(res) && res.type === 'FeatureCollection' && Array.isArray(res.features) ? res.features[0] : res;
  const geom = isObj(feature) && isObj(feature.geometry) ? feature.geometry : null;
  const coords = geom && geom.type === 'LineString' && Array.isArray(geom.coordinates)
    ? geom.coordinates.filter((c) => Array.isArray(c) && validLatLon(num(c[1]), num(c[0]))).slice(0, 20_000).map((c) => [num(c[0]), num(c[1])])
    : null;
  if (!coords || coords.length < 2) return null;
  const props = isObj(feature.properties) ? feature.properties : {};
  return { coords, straight: false, seconds: num(props.durationSeconds), metres: num(props.distanceMetres) };
}

/// Draws routes on the map and frames them with their targets.
function showRoutes(routes) {
  state.routes = routes;
  const points = [];
  for (const r of routes) { for (const [lon, lat] of r.coords) points.push({ lat, lon }); points.push(r.target); }
  // At least 600 m across: a short route still shows the streets around it.
  if (points.length) map.fitPoints(points, 80, 600);
  map.requestDraw();
}

// ---------------------------------------------------------------------------------------------
// Dispatch desk: the board read at sign-in, kept current by dispatch.* events from the stream

let deskRetry = null;
async function loadDispatch() {
  clearTimeout(deskRetry);
  const d = state.dispatch;
  // The board is read after the activity snapshot (and after anything the stream applied): events up
  // to baseSeq are in it. Events that arrive while it loads wait in `pending`; later ones are applied
  // on top, idempotently, since the board may already hold a few of them.
  d.baseSeq = Math.max(state.snapshotSeq, state.lastApplied);
  d.loading = true;
  try {
    const [types, board] = await Promise.all([api('/v1/dispatch/incident-types'), api('/v1/dispatch/board')]);
    paintTypes(types);
    paintBoard(board);
    d.loaded = true;
    d.message = '';
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    d.message = status === 403 ? 'Your role cannot see the dispatch desk.'
      : status === 404 ? 'This server has no dispatch desk (GET /v1/dispatch/board → 404).'
      : `The dispatch desk did not load (${error.message}); retrying.`;
    if (status !== 403 && status !== 404) deskRetry = setTimeout(loadDispatch, 15_000);
  } finally {
    d.loading = false;
    const pending = d.pending;
    d.pending = [];
    if (d.loaded) for (const [apply, record, live] of pending) applyDeskRecord(apply, record, live);
  }
  Object.assign(state.dirty, { incidents: true, units: true, header: true, calls: true, unitDetail: true });
  renderLegend();
  if (state.desk.mode === 'idle') renderDesk();
}

function paintTypes(body) {
  const d = state.dispatch;
  d.types = objects(isObj(body) ? body.types : null).map((t) => ({
    code: str(t.code, 64), name: str(t.name, 120), category: str(t.category, 32),
    runCard: objects(t.runCard).map((s) => `${num(s.count) ?? 1}× ${str(s.role, 60)}`),
  })).filter((t) => t.code);
  d.typeByCode = new Map(d.types.map((t) => [t.code, t]));
  d.dispositions = strings(isObj(body) ? body.dispositions : null, 40);
  // The server publishes its transition table; `dispatched` is reached only by an assignment.
  const table = isObj(body) && isObj(body.unitStatusTransitions) ? body.unitStatusTransitions : null;
  if (table) {
    // Forward moves first in duty-cycle order, "available" (release) last.
    const rank = (s) => (s === 'available' ? UNIT_STATUSES.length : UNIT_STATUSES.indexOf(s));
    for (const from of UNIT_STATUSES) {
      NEXT_STATUSES[from] = strings(table[from], 40).filter((s) => s !== 'dispatched' && UNIT_STATUSES.includes(s)).sort((a, b) => rank(a) - rank(b));
    }
  }
}

function paintBoard(body) {
  if (!isObj(body)) throw new Error('unexpected dispatch board response');
  state.dispatch.stations.clear();
  for (const s of objects(body.stations)) {
    const id = str(s.id, 64), loc = pointOf(s.location);
    if (id && loc) state.dispatch.stations.set(id, { id, agency: agencyOf(s.agency, id), lat: loc.lat, lon: loc.lon });
  }
  state.dispatch.hospitals.clear();
  for (const h of objects(body.hospitals)) {
    const id = str(h.id, 64), loc = pointOf(h.location);
    if (id && loc) state.dispatch.hospitals.set(id, { id, name: str(h.name, 120), diversion: h.diversion === true, lat: loc.lat, lon: loc.lon });
  }
  for (const u of objects(body.units)) applyUnitView(u);
  state.incidents.clear();
  for (const v of objects(body.openIncidents)) {
    const inc = incidentFromView(v);
    if (inc) state.incidents.set(inc.id, inc);
  }
}

/// Merges a unit as the dispatch API shows it (board, status answer) into the page's unit.
function applyUnitView(v) {
  const id = str(v.id, 64), pos = pointOf(v.position);
  if (!id) return null;
  let unit = state.units.get(id);
  if (!unit) {
    if (!pos) return null;
    unit = newUnit(id, pos.lat, pos.lon);
    if (v.positionAt) unit.seenAt = timeOf(v.positionAt);
  }
  unit.agency = agencyOf(v.agency, id);
  unit.kind = str(v.kind, 64) || unit.kind;
  unit.stationID = str(v.stationID, 64);
  setUnitStatus(unit, str(v.status, 32), str(v.incidentID, 64) || null, timeOf(v.statusSince));
  return unit;
}

function setUnitStatus(unit, status, incidentID, since) {
  if (!UNIT_STATUSES.includes(status)) return;
  unit.status = status;
  unit.incidentID = COMMITTED.has(status) ? incidentID : null;
  unit.statusSince = since;
  touchUnit(unit.id);
}

/// Marks what shows a unit's status for redrawing.
function touchUnit(id) {
  Object.assign(state.dirty, { units: true, incidents: true, header: true });
  if (state.selectedUnit === id) state.dirty.unitDetail = true;
  if (deskShowsUnit(id)) markDesk('units', 'rec');
  if (map) map.requestDraw();
}

function incidentFields(p) {
  return {
    typeCode: str(p.typeCode, 64), priority: priorityOf(p.priority), summary: str(p.summary, 2000),
    address: str(p.address, 300), callID: str(p.callID, 64), duplicates: strings(p.possibleDuplicates, 64),
  };
}

function newIncident(id, fields, loc, openedAt) {
  return {
    id, ...fields, lat: loc.lat, lon: loc.lon, openedAt, closedAt: null, disposition: '',
    assignedUnits: [], assignments: new Map(), timeline: [], fresh: false,
  };
}

/// An incident from its API view (board, GET, POST answers).
function incidentFromView(v) {
  const id = str(v.id, 64), loc = pointOf(v.location);
  if (!id || !loc) return null;
  const inc = newIncident(id, incidentFields(v), loc, timeOf(v.openedAt));
  inc.assignedUnits = strings(v.assignedUnits, 64);
  inc.closedAt = v.closedAt ? timeOf(v.closedAt) : null;
  inc.disposition = str(v.disposition, 40);
  for (const e of objects(v.timeline)) addTimelineEntry(inc, { seq: num(e.sequence), at: timeOf(e.at), actor: str(e.actor, 80), what: str(e.what, 1000) });
  return inc;
}

/// Folds a fresher view of an incident (GET, close answer) into the one the page holds.
function mergeIncidentView(v) {
  const fresh = incidentFromView(v);
  const inc = fresh && state.incidents.get(fresh.id);
  if (!inc) return;
  for (const id of fresh.assignedUnits) if (!inc.assignedUnits.includes(id)) inc.assignedUnits.push(id);
  for (const e of fresh.timeline) addTimelineEntry(inc, e);
  if (fresh.closedAt) { inc.closedAt = fresh.closedAt; inc.disposition = fresh.disposition; }
  state.dirty.incidents = true;
  if (state.selectedIncident === inc.id) markDesk('head', 'units', 'rec', 'close', 'timeline');
}

function addTimelineEntry(inc, entry) {
  if (entry.seq !== null && inc.timeline.some((e) => e.seq === entry.seq)) return;
  inc.timeline.push(entry);
  const n = inc.timeline.length;
  if (n > 1 && (inc.timeline[n - 2].seq ?? 0) > (entry.seq ?? Infinity)) inc.timeline.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  if (n > CAP.timeline) inc.timeline.splice(0, n - CAP.timeline);
  if (state.selectedIncident === inc.id) markDesk('timeline');
}

/// A timeline line for an incident, worded as the server's projection words it.
function note(record, incidentId, what) {
  const inc = state.incidents.get(incidentId);
  if (inc) addTimelineEntry(inc, { seq: num(record.sequence), at: timeOf(record.occurredAt), actor: str(record.actor, 80), what });
}

/// Wraps a dispatch event handler: nothing before the board loads, nothing the board already holds.
function deskEvent(apply) {
  return (record, live) => {
    const d = state.dispatch;
    if (d.loading) { if (d.pending.length < 50_000) d.pending.push([apply, record, live]); return; }
    if (d.loaded) applyDeskRecord(apply, record, live);
  };
}
function applyDeskRecord(apply, record, live) {
  const seq = num(record.sequence);
  if (seq !== null && seq <= state.dispatch.baseSeq) return;
  apply(payloadOf(record), record, live);
}

function applyStationRegistered(p, record) {
  const id = str(p.stationID, 64), loc = locOf(record);
  if (id && loc) state.dispatch.stations.set(id, { id, agency: agencyOf(p.agency, id), lat: loc.lat, lon: loc.lon });
}

function applyUnitRegistered(p, record) {
  const id = str(p.unitID, 64);
  const station = state.dispatch.stations.get(str(p.stationID, 64));
  const unit = state.units.get(id) || (id && station ? newUnit(id, station.lat, station.lon) : null);
  if (!unit) return;
  unit.agency = agencyOf(p.agency, id);
  unit.kind = str(p.kind, 64) || unit.kind;
  unit.stationID = str(p.stationID, 64);
  setUnitStatus(unit, 'available', null, timeOf(record.occurredAt));
}

function applyStatusChanged(p, record) {
  const id = str(p.unitID, 64), to = str(p.to, 32), incidentId = str(p.incidentID, 64) || null;
  const unit = state.units.get(id);
  if (unit) setUnitStatus(unit, to, incidentId, timeOf(record.occurredAt));
  const reason = str(p.reason, 500);
  if (incidentId) note(record, incidentId, `${id}: ${str(p.from, 32)} → ${to}${reason ? ` (${reason})` : ''}`);
}

function applyIncidentOpened(p, record, live) {
  const id = str(p.incidentID, 64), loc = locOf(record);
  if (!id || !loc || state.incidents.has(id)) return;
  const inc = newIncident(id, incidentFields(p), loc, timeOf(record.occurredAt));
  inc.fresh = live;
  state.incidents.set(id, inc);
  note(record, id, `opened: ${inc.typeCode} priority ${inc.priority}`);
  capIncidents();
  Object.assign(state.dirty, { incidents: true, calls: true, header: true });
  if (live) announce(`New incident ${id}, priority ${inc.priority}, ${typeName(inc.typeCode)}`);
}

function applyUnitAssigned(p, record) {
  const inc = state.incidents.get(str(p.incidentID, 64)), unitId = str(p.unitID, 64);
  if (!inc || !unitId) return;
  if (!inc.assignedUnits.includes(unitId)) inc.assignedUnits.push(unitId);
  const reason = str(p.reason, 1000);
  inc.assignments.set(unitId, { eta: num(p.etaSeconds), reason });
  note(record, inc.id, `assigned ${unitId}: ${reason}`);
  state.dirty.incidents = true;
  if (state.selectedIncident === inc.id) markDesk('units');
}

function applyIncidentClosed(p, record) {
  const inc = state.incidents.get(str(p.incidentID, 64));
  if (!inc) return;
  inc.closedAt = timeOf(record.occurredAt);
  inc.disposition = str(p.disposition, 40);
  note(record, inc.id, `closed: ${inc.disposition}`);
  Object.assign(state.dirty, { incidents: true, calls: true, header: true });
  if (state.selectedIncident === inc.id) {
    state.routes = state.routes.filter((r) => r.target !== inc);
    markDesk('head', 'units', 'rec', 'close');
  } else {
    state.incidents.delete(inc.id);
  }
}

/// Keeps the incident map bounded: drops the oldest closed, then the oldest open, never the selected one.
function capIncidents() {
  while (state.incidents.size > CAP.incidents) {
    let victim = null;
    for (const inc of state.incidents.values()) {
      if (inc.id === state.selectedIncident) continue;
      if (!victim || (!!inc.closedAt > !!victim.closedAt) || (!!inc.closedAt === !!victim.closedAt && inc.openedAt < victim.openedAt)) victim = inc;
    }
    if (!victim) return;
    state.incidents.delete(victim.id);
  }
}

/// Closed incidents stay only while they are on the desk.
function purgeClosed() {
  for (const [id, inc] of state.incidents) if (inc.closedAt && id !== state.selectedIncident) state.incidents.delete(id);
  state.dirty.incidents = true;
}

function typeName(code) {
  const t = state.dispatch.typeByCode.get(code);
  return t ? t.name : code;
}

/// Units committed to each incident, in one pass over the units.
function unitsByIncident() {
  const by = new Map();
  for (const u of state.units.values()) {
    if (!u.incidentID) continue;
    if (!by.has(u.incidentID)) by.set(u.incidentID, []);
    by.get(u.incidentID).push(u);
  }
  return by;
}

function byUrgency(a, b) {
  return a.priority - b.priority || a.openedAt - b.openedAt || compareIds(a.id, b.id);
}

// ---------------------------------------------------------------------------------------------
// Incidents board

function renderIncidents() {
  const list = $('incidents-list');
  const incidents = [...state.incidents.values()].sort(byUrgency);
  state.incidentOrder = incidents.map((i) => i.id);
  const committed = unitsByIncident();
  keyedList(list, incidents, (i) => i.id, (i) => {
    const li = document.createElement('li');
    li.innerHTML = `<button type="button" class="inc-main" role="option"><span class="prio"></span><span class="ty"></span><span class="age"></span><span class="summary"></span><span class="chips"></span></button>`;
    const main = li.firstElementChild;
    main.addEventListener('click', () => selectIncident(i.id, { focusMap: true }));
    main.addEventListener('keydown', (e) => boardKeydown(e, state.incidentOrder, i.id, (next) => { selectIncident(next, { focusMap: false }); focusIncidentButton(next); }));
    if (i.fresh) { li.classList.add('fresh'); i.fresh = false; }
    return li;
  }, (li, i) => {
    const [prio, ty, age, summary, chips] = li.firstElementChild.children;
    const units = committed.get(i.id) || [];
    setText(prio, `P${i.priority}`);
    setAttr(prio, 'class', `prio p${i.priority}`);
    setHTMLIfChanged(ty, `${esc(typeName(i.typeCode))}<span class="cid">${esc(i.id)}</span>`);
    setText(age, i.closedAt ? 'closed' : ago(i.openedAt));
    setText(summary, i.summary || i.address || '(no summary)');
    setAttr(summary, 'title', i.summary);
    setHTMLIfChanged(chips, i.closedAt ? `<span class="chip">${esc(i.disposition)}</span>`
      : units.length ? units.map((u) => `<span class="chip" style="--c:${STATUS_COLOR[u.status]}" title="${esc(u.id)}: ${esc(STATUS_LABEL[u.status])}">${esc(shortUnit(u.id))}</span>`).join('')
        : '<span class="chip warn">no unit</span>');
    li.classList.toggle('selected', state.selectedIncident === i.id);
    li.classList.toggle('closed', !!i.closedAt);
    setAttr(li.firstElementChild, 'aria-selected', String(state.selectedIncident === i.id));
    setAttr(li.firstElementChild, 'aria-label', `Priority ${i.priority} ${typeName(i.typeCode)}, ${i.id}, ${i.closedAt ? `closed: ${i.disposition}` : `open ${ago(i.openedAt)}`}, ${units.length ? `${units.length} units: ${units.map((u) => `${u.id} ${STATUS_LABEL[u.status]}`).join(', ')}` : 'no unit assigned'}`);
  });
  setText($('incidents-count'), String(incidents.filter((i) => !i.closedAt).length));
  $('incidents-empty').hidden = incidents.length > 0;
  setText($('incidents-empty'), state.dispatch.message || 'No open incidents.');
}

function setHTMLIfChanged(el, html) { if (el._html !== html) { el._html = html; el.innerHTML = html; } }

// ---------------------------------------------------------------------------------------------
// Unit status: the selected unit's card, and status buttons wherever a unit is shown

function renderUnitDetail() {
  const box = $('unit-detail');
  const u = state.selectedUnit ? state.units.get(state.selectedUnit) : null;
  box.hidden = !u;
  if (!u) return;
  replaceKeepingFocus(box, `<div class="ud-head"><span class="dotc ${u.agency}"></span><b title="${esc(u.id)}">${esc(shortUnit(u.id))}</b><span class="muted">${esc(u.kind || 'unit')}${u.stationID ? ` · ${esc(u.stationID)}` : ''}</span><button type="button" class="btn tiny ghost" data-action="unselect-unit" aria-label="Close the unit card">×</button></div>${statusLine(u)}${statusControls(u)}`);
}

function statusLine(u) {
  if (!u.status) return '<p class="muted small">Not on the dispatch desk: position reports only.</p>';
  const incident = u.incidentID ? ` · <button type="button" class="linkish" data-action="select-incident" data-id="${esc(u.incidentID)}">${esc(u.incidentID)}</button>` : '';
  return `<p class="ud-status">${statusChip(u.status)} <span class="muted small">since ${clock(u.statusSince)}</span>${incident}</p>`;
}

function statusChip(status) {
  return `<span class="status-chip" style="--c:${STATUS_COLOR[status] || STATUS_COLOR.none}" data-status="${esc(status)}">${esc(STATUS_LABEL[status] || status)}</span>`;
}

/// Buttons for the statuses a unit may move to by hand, and the server's last refusal beside them.
function statusControls(u) {
  if (!u.status) return '';
  const buttons = (NEXT_STATUSES[u.status] || []).map((s) => `<button type="button" class="btn tiny st" data-unit="${esc(u.id)}" data-status="${s}" data-focus="st:${esc(u.id)}:${s}" style="--c:${STATUS_COLOR[s]}">${esc(STATUS_LABEL[s])}</button>`).join('');
  const error = state.statusErrors.get(u.id);
  return `<div class="status-ctl" role="group" aria-label="Change the status of ${esc(u.id)}"><span class="muted small">Move to</span>${buttons}${error ? `<p class="field-error" role="alert" data-error-for="status">${error}</p>` : ''}</div>`;
}

async function changeUnitStatus(unitId, next) {
  const unit = state.units.get(unitId);
  if (!unit || !unit.status) return;
  state.statusErrors.delete(unitId);
  try {
    // `expected` makes the server refuse (409) if the unit moved since this page last heard of it.
    const res = await api(`/v1/dispatch/units/${encodeURIComponent(unitId)}/status`, { method: 'POST', body: { status: next, expected: unit.status } });
    if (isObj(res)) applyUnitView(res);
    announce(`${unitId}: ${STATUS_LABEL[next] || next}`);
  } catch (error) {
    state.statusErrors.set(unitId, problemHTML(error));
    announce(`Status change refused: ${error.message}`);
    refreshUnit(unitId);
  }
  touchUnit(unitId);
}

async function refreshUnit(unitId) {
  try { applyUnitView(await api(`/v1/dispatch/units/${encodeURIComponent(unitId)}`)); } catch { /* the stream will tell */ }
}

function focusStatusControls() {
  renderUnitDetail();
  const button = document.querySelector('#unit-detail:not([hidden]) .status-ctl button') || $('rec-body').querySelector('.status-ctl button');
  if (button) button.focus(); else announce('Select a unit first (u, or click it on the map).');
}

// ---------------------------------------------------------------------------------------------
// Problems (RFC 9457) shown where they belong: beside the field the server names

/// The problem as escaped HTML: its title, status and detail.
function problemHTML(error) {
  if (!(error instanceof ApiError)) return `Could not reach the server: ${esc(error && error.message || error)}`;
  const title = error.problem ? str(error.problem.title, 120) : '';
  return `<b>${esc(title || `HTTP ${error.status}`)}</b>${error.status ? ` (${error.status})` : ''}: ${esc(error.message)}`;
}

/// A refusal made on the page itself, shown the same way as the server's.
function localProblem(field, detail) {
  return new ApiError(0, { title: 'Not sent', detail, field }, '');
}

/// Shows a problem in `scope`: beside the element marked `data-error-for` its field, else in the scope's general slot.
function showProblem(scope, error, focus = true) {
  clearProblems(scope);
  const field = error instanceof ApiError && error.problem ? str(error.problem.field, 200).split(/[.[]/)[0] : '';
  const slot = (field && scope.querySelector(`[data-error-for="${CSS.escape(field)}"]`)) || scope.querySelector('[data-error-for=""]');
  if (!slot) return;
  slot.innerHTML = problemHTML(error);
  slot.hidden = false;
  slot.dataset.status = String(error instanceof ApiError ? error.status : 0);
  const input = field ? scope.querySelector(`[name="${CSS.escape(field)}"]`) : null;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    if (focus) input.focus();
  }
}

function clearProblems(scope) {
  for (const el of scope.querySelectorAll('[data-error-for]')) { el.hidden = true; el.textContent = ''; }
  for (const el of scope.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/// Replaces an element's content and gives focus back to the element with the same `data-focus` key.
function replaceKeepingFocus(el, html) {
  const active = document.activeElement;
  const key = active && el.contains(active) ? active.dataset.focus : null;
  el.innerHTML = html;
  if (key) { const again = el.querySelector(`[data-focus="${CSS.escape(key)}"]`); if (again) again.focus(); }
}

// ---------------------------------------------------------------------------------------------
// The desk panel: advice for a call, the new-incident form, or one incident

function setDesk(mode, extra = {}) {
  state.desk = { mode, problems: {}, ...extra };
  state.deskDirty.clear();
  if (mode !== 'form') state.pick = null;
  map.setPicking(mode === 'form' ? setPick : null);
  renderDesk();
}

function renderDesk() {
  setText($('desk-title'), { idle: 'Desk', call: 'Nearest units for a call', form: 'New incident', incident: 'Incident' }[state.desk.mode] || 'Desk');
  if (state.desk.mode === 'form') renderIncidentForm();
  else if (state.desk.mode === 'incident') renderIncidentDesk();
  else if (state.desk.mode === 'call') renderRecommendation();
  else $('rec-body').innerHTML = `${state.dispatch.message ? `<p class="note">${esc(state.dispatch.message)}</p>` : ''}<p class="muted">Pick an incident (<kbd>i</kbd>) or a call (<kbd>c</kbd>). <kbd>t</kbd> takes a call into a new incident; <kbd>r</kbd> recommends units, <kbd>d</kbd> dispatches them, <kbd>x</kbd> closes the incident.</p>`;
}

function markDesk(...sections) {
  if (state.desk.mode === 'incident') for (const s of sections) state.deskDirty.add(s);
}

function flushDesk() {
  if (!state.deskDirty.size) return;
  const sections = [...state.deskDirty];
  state.deskDirty.clear();
  for (const s of sections) renderDeskSection(s);
}

function deskShowsUnit(id) {
  if (state.desk.mode !== 'incident') return false;
  const inc = state.incidents.get(state.desk.incidentId);
  const rec = state.desk.rec;
  return !!inc && (inc.assignedUnits.includes(id) || (!!rec && (rec.picks.has(id) || rec.units.some((r) => r.id === id))));
}

// The new-incident form ("take a call")

function takeCall(callId = state.selectedCall) {
  const call = callId ? state.calls.get(callId) : null;
  const prefill = call
    ? { typeCode: CATEGORY_TYPE[call.category] || '', priority: call.priority, lat: call.lat, lon: call.lon, summary: call.summary, callID: call.id }
    : { priority: 3 };
  unselectIncident();
  state.recommendation = null;
  state.routes = [];
  setDesk('form', { prefill });
  if (prefill.lat != null) setPick(prefill.lat, prefill.lon);
  $('f-typeCode').focus();
}

function cancelForm() {
  setDesk('idle');
  map.requestDraw();
}

function formField(label, name, control) {
  return `<div class="field"><label for="f-${name}">${esc(label)}</label>${control}<p class="field-error" id="err-${name}" data-error-for="${name}" role="alert" hidden></p></div>`;
}

function textInput(name, value, attrs = '') {
  return `<input id="f-${name}" name="${name}" type="text" value="${esc(value ?? '')}" aria-describedby="err-${name}" ${attrs}>`;
}

function renderIncidentForm() {
  const f = state.desk.prefill || {};
  const types = state.dispatch.types;
  const categories = [...new Set(types.map((t) => t.category))];
  const typeOptions = categories.map((c) => `<optgroup label="${esc(c)}">${types.filter((t) => t.category === c).map((t) => `<option value="${esc(t.code)}"${t.code === f.typeCode ? ' selected' : ''}>${esc(t.name)} · ${esc(t.code)}</option>`).join('')}</optgroup>`).join('');
  const typeControl = types.length
    ? `<select id="f-typeCode" name="typeCode" aria-describedby="err-typeCode"><option value="">— choose a type —</option>${typeOptions}</select>`
    : textInput('typeCode', f.typeCode, 'placeholder="e.g. FIRE-STRUCTURE"');
  const priorities = [1, 2, 3, 4, 5].map((p) => `<option value="${p}"${p === f.priority ? ' selected' : ''}>P${p}</option>`).join('');
  const existing = f.callID ? [...state.incidents.values()].find((i) => i.callID === f.callID) : null;
  $('rec-body').innerHTML = `<form id="inc-form" class="desk-form" novalidate autocomplete="off">
    ${f.callID ? `<p class="muted small">From call ${esc(f.callID)}.${existing ? ` <span class="note">Incident ${esc(existing.id)} already answers it.</span>` : ''}</p>` : ''}
    <p class="field-error" data-error-for="" role="alert" hidden></p>
    <div class="row2">${formField('Type', 'typeCode', typeControl)}${formField('Priority', 'priority', `<select id="f-priority" name="priority" aria-describedby="err-priority">${priorities}</select>`)}</div>
    <div class="row2">${formField('Latitude', 'latitude', textInput('latitude', f.lat == null ? '' : f.lat.toFixed(6), 'inputmode="decimal"'))}${formField('Longitude', 'longitude', textInput('longitude', f.lon == null ? '' : f.lon.toFixed(6), 'inputmode="decimal"'))}</div>
    <p class="muted small pick-hint">Click the map to set the location, or <button type="button" class="btn tiny" data-action="map-centre">use the map centre</button></p>
    ${formField('Address (or “lat,lon”)', 'address', textInput('address', '', 'maxlength="300"'))}
    ${formField('Summary', 'summary', `<textarea id="f-summary" name="summary" rows="2" maxlength="2000" aria-describedby="err-summary">${esc(f.summary || '')}</textarea>`)}
    <div class="row2">${formField('Caller name', 'callerName', textInput('callerName', '', 'maxlength="200"'))}${formField('Caller phone', 'callerPhone', textInput('callerPhone', '', 'maxlength="64" inputmode="tel"'))}</div>
    <input type="hidden" name="callID" value="${esc(f.callID || '')}"><p class="field-error" data-error-for="callID" hidden></p>
    <p class="muted small">Caller details are sealed on the server and never shown on this board.</p>
    <div class="actions"><button type="button" class="btn" data-action="cancel-form">Cancel <kbd>Esc</kbd></button><button type="submit" class="btn primary">Create incident</button></div>
  </form>`;
}

/// Sets the new incident's location (map click, map centre) and shows it in the form.
function setPick(lat, lon) {
  if (state.desk.mode !== 'form' || !validLatLon(lat, lon)) return;
  state.pick = { lat, lon };
  const form = $('inc-form');
  form.elements.latitude.value = lat.toFixed(6);
  form.elements.longitude.value = lon.toFixed(6);
  map.requestDraw();
}

function pickFromInputs(form) {
  const lat = num(form.elements.latitude.value), lon = num(form.elements.longitude.value);
  state.pick = validLatLon(lat, lon) ? { lat, lon } : null;
  map.requestDraw();
}

const numberOrText = (text) => (text !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/// The form as the call-taker entered it: the server validates and names the field at fault.
function formBody(form) {
  const value = (name) => (form.elements[name] ? form.elements[name].value.trim() : '');
  const body = { typeCode: value('typeCode'), priority: numberOrText(value('priority')) };
  for (const name of ['latitude', 'longitude']) if (value(name) !== '') body[name] = numberOrText(value(name));
  for (const name of ['address', 'summary', 'callerName', 'callerPhone', 'callID']) if (value(name) !== '') body[name] = value(name);
  return body;
}

async function submitIncidentForm(form) {
  clearProblems(form);
  const submit = form.querySelector('[type=submit]');
  submit.disabled = true;
  try {
    const inc = incidentFromView(await api('/v1/dispatch/incidents', { method: 'POST', body: formBody(form) }) || {});
    if (!inc) throw new Error('unexpected answer from POST /v1/dispatch/incidents');
    if (!state.incidents.has(inc.id)) state.incidents.set(inc.id, inc);
    Object.assign(state.dirty, { incidents: true, calls: true, header: true });
    announce(`Incident ${inc.id} opened`);
    selectIncident(inc.id, { focusMap: true, recommend: true });
  } catch (error) {
    showProblem(form, error);
  } finally {
    submit.disabled = false;
  }
}

// One incident: head, assigned units, recommendation and dispatch, close, timeline

const DESK_SECTIONS = { head: deskHead, units: deskUnits, rec: deskRec, close: deskClose, timeline: deskTimeline };

function selectIncident(id, { focusMap = false, recommend: wantAdvice = false } = {}) {
  const inc = state.incidents.get(id);
  if (!inc) return;
  const changed = state.selectedIncident !== id || state.desk.mode !== 'incident';
  state.selectedIncident = id;
  state.selectedCall = null;
  state.recommendation = null;
  recToken++;
  purgeClosed();
  if (changed) {
    state.routes = [];
    setDesk('incident', { incidentId: id, rec: null });
    refreshIncident(id);
  }
  state.dirty.calls = true;
  renderIncidents();
  if (focusMap) map.flyTo(inc.lat, inc.lon, Math.max(map.view.scale, map.fitScale * 3));
  map.requestDraw();
  const idle = !inc.closedAt && !(unitsByIncident().get(id) || []).length;
  if (wantAdvice || (changed && idle)) recommendIncident(id);
}

function unselectIncident() {
  if (state.desk.mode === 'incident') setDesk('idle');
  state.selectedIncident = null;
  state.routes = [];
  purgeClosed();
  if (map) map.requestDraw();
}

async function refreshIncident(id) {
  try { mergeIncidentView(await api(`/v1/dispatch/incidents/${encodeURIComponent(id)}`)); } catch { /* the board and stream hold it */ }
}

function renderIncidentDesk() {
  const inc = state.incidents.get(state.desk.incidentId);
  if (!inc) { setDesk('idle'); return; }
  $('rec-body').innerHTML = Object.keys(DESK_SECTIONS).map((s) => `<section class="desk-sec" data-sec="${s}"></section>`).join('');
  for (const s of Object.keys(DESK_SECTIONS)) renderDeskSection(s);
}

function renderDeskSection(name) {
  const el = $('rec-body').querySelector(`[data-sec="${name}"]`);
  const inc = state.incidents.get(state.desk.incidentId);
  if (!el || !inc || state.desk.mode !== 'incident') return;
  replaceKeepingFocus(el, DESK_SECTIONS[name](inc));
  const problem = state.desk.problems[name];
  if (problem) showProblem(el, problem, false);
}

function deskHead(inc) {
  const type = state.dispatch.typeByCode.get(inc.typeCode);
  const dup = inc.duplicates.length ? `<p class="note">Possible duplicate of ${inc.duplicates.map((d) => `<button type="button" class="linkish" data-action="select-incident" data-id="${esc(d)}">${esc(d)}</button>`).join(', ')}</p>` : '';
  return `<div class="head"><span class="prio p${inc.priority}">P${inc.priority}</span><b>${esc(typeName(inc.typeCode))}</b><span class="muted">${esc(inc.id)} · opened ${clock(inc.openedAt)}</span></div>
    ${inc.closedAt ? `<p class="closed-note">Closed at ${clock(inc.closedAt)}: ${esc(inc.disposition)}</p>` : ''}
    ${inc.summary ? `<p>${esc(inc.summary)}</p>` : ''}
    <p class="muted small">${inc.address ? `${esc(inc.address)} · ` : ''}${inc.lat.toFixed(5)}, ${inc.lon.toFixed(5)}${inc.callID ? ` · call ${esc(inc.callID)}` : ''}${type && type.runCard.length ? ` · run card: ${esc(type.runCard.join(', '))}` : ''}</p>${dup}`;
}

function deskUnits(inc) {
  if (!inc.assignedUnits.length) return `<h3>Units</h3><p class="muted small">${inc.closedAt ? 'None was sent.' : 'None assigned yet.'}</p>`;
  const rows = inc.assignedUnits.map((id) => {
    const u = state.units.get(id);
    const here = !!u && u.incidentID === inc.id;
    const a = inc.assignments.get(id);
    return `<li data-unit="${esc(id)}"><div class="au-head"><span class="dotc ${u ? u.agency : 'other'}"></span><b title="${esc(id)}">${esc(shortUnit(id))}</b>${u && u.status ? statusChip(u.status) : ''}${here ? '' : '<span class="muted small">released</span>'}${a && a.eta !== null ? `<span class="muted small">ETA ${duration(a.eta)}</span>` : ''}</div>${here ? statusControls(u) : ''}</li>`;
  }).join('');
  return `<h3>Units <span class="hint"><kbd>e</kbd></span></h3><ol class="assigned">${rows}</ol>`;
}

function deskRec(inc) {
  if (inc.closedAt) return '';
  const rec = state.desk.rec;
  const action = `<button type="button" class="btn tiny" data-action="recommend" data-focus="recommend">${rec ? 'Refresh' : 'Recommend'} <kbd>r</kbd></button>`;
  const slots = '<p class="field-error" data-error-for="units" role="alert" hidden></p><p class="field-error" data-error-for="" role="alert" hidden></p>';
  let body = '';
  if (!rec) body = '<p class="muted small">The run card filled with the available units of lowest live ETA.</p>';
  else if (rec.status === 'loading') body = '<p class="muted">Computing live ETAs…</p>';
  else if (rec.status === 'dispatched') body = deskAssignments(rec.assignments);
  else if (rec.status !== 'error') body = deskRunCard(inc, rec);
  return `<h3>Recommendation ${action}</h3>${body}${slots}`;
}

function deskRunCard(inc, rec) {
  const rows = rec.units.map((r, i) => {
    const u = state.units.get(r.id);
    const status = u && u.status && u.status !== 'available' ? statusChip(u.status) : '';
    return `<tr class="pick${i === 0 ? ' best' : ''}"><td><input type="checkbox" data-pick="${esc(r.id)}" data-focus="pick:${esc(r.id)}" aria-label="Dispatch ${esc(r.id)}"${rec.picks.has(r.id) ? ' checked' : ''}></td><td title="${esc(r.id)}"><i class="swatch" style="background:${ROUTE_COLORS[i % ROUTE_COLORS.length]}"></i>${esc(shortUnit(r.id))} ${status}</td><td>${esc(r.role)}</td><td class="eta">${duration(r.eta)}</td></tr><tr class="why"><td></td><td colspan="3">${esc(r.reason)}</td></tr>`;
  }).join('');
  const shortfalls = rec.shortfalls.length ? `<p class="note">Unfilled: ${rec.shortfalls.map(esc).join('; ')}</p>` : '';
  const listed = new Set(rec.units.map((r) => r.id));
  const others = [...state.units.values()].filter((u) => u.status === 'available' && !listed.has(u.id))
    .map((u) => ({ u, d: haversine(u, inc) })).sort((a, b) => a.d - b.d).slice(0, 12);
  const otherRows = others.map(({ u, d }) => `<li><label><input type="checkbox" data-pick="${esc(u.id)}" data-focus="pick:${esc(u.id)}"${rec.picks.has(u.id) ? ' checked' : ''}> <span class="dotc ${u.agency}"></span> ${esc(shortUnit(u.id))} <span class="muted small">${esc(u.kind)} · ${distanceText(d)} away</span></label></li>`).join('');
  const n = rec.picks.size;
  return `${rec.units.length ? `<table class="runcard"><thead><tr><th></th><th>Unit</th><th>Role</th><th>ETA</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="note">No available unit can reach the incident.</p>'}${shortfalls}
    <details class="others" data-focus="others"${rec.othersOpen ? ' open' : ''}><summary>Other available units (nearest first)</summary><ul>${otherRows || '<li class="muted small">none</li>'}</ul></details>
    <div class="actions"><button type="button" class="btn primary" data-action="dispatch" data-focus="dispatch"${rec.status === 'sending' ? ' disabled' : ''}>${rec.status === 'sending' ? 'Dispatching…' : `Dispatch ${n} unit${n === 1 ? '' : 's'}`} <kbd>d</kbd></button></div>
    <p class="muted small">Advice only: a dispatcher decides. Untick or add units to change it.</p>`;
}

function deskAssignments(assignments) {
  const rows = assignments.map((a, i) => `<li><i class="swatch" style="background:${ROUTE_COLORS[i % ROUTE_COLORS.length]}"></i><b title="${esc(a.unitId)}">${esc(shortUnit(a.unitId))}</b> <span class="eta">${a.eta === null ? 'no road route' : `ETA ${duration(a.eta)}`}</span><br><span class="muted small">${esc(a.reason)}</span></li>`).join('');
  return `<p class="ok-note">Dispatched ${assignments.length} unit${assignments.length === 1 ? '' : 's'}; routes on the map.</p><ol class="assignments">${rows}</ol>`;
}

function deskClose(inc) {
  if (inc.closedAt) return '';
  const options = state.dispatch.dispositions.map((d) => `<option value="${esc(d)}">${esc(d)}</option>`).join('');
  return `<form class="close-form" data-form="close" novalidate><label for="f-disposition">Close with <kbd>x</kbd></label><select id="f-disposition" name="disposition" data-focus="disposition" aria-describedby="err-disposition"><option value="">— disposition —</option>${options}</select><button type="submit" class="btn" data-focus="close">Close incident</button><p class="field-error" id="err-disposition" data-error-for="disposition" role="alert" hidden></p><p class="field-error" data-error-for="" role="alert" hidden></p></form>`;
}

function deskTimeline(inc) {
  const items = inc.timeline.map((e) => `<li><span class="t">${clock(e.at)}</span><span class="actor" title="${esc(e.actor)}">${esc(e.actor)}</span><span class="what">${esc(e.what)}</span></li>`).join('');
  return `<h3>Timeline <span class="badge">${inc.timeline.length}</span></h3><ol class="timeline" aria-label="Timeline of ${esc(inc.id)}, oldest first">${items}</ol>`;
}

let deskToken = 0;
const deskStale = (token, id) => token !== deskToken || state.desk.mode !== 'incident' || state.desk.incidentId !== id;

async function recommendIncident(id = state.selectedIncident) {
  const inc = id && state.incidents.get(id);
  if (!inc || inc.closedAt || state.desk.mode !== 'incident') return;
  const token = ++deskToken;
  state.desk.rec = { status: 'loading', units: [], shortfalls: [], picks: new Set() };
  delete state.desk.problems.rec;
  renderDeskSection('rec');
  try {
    const res = await api(`/v1/dispatch/incidents/${encodeURIComponent(id)}/recommendation`);
    if (deskStale(token, id)) return;
    const units = objects(isObj(res) ? res.units : null).map((r) => ({
      id: str(r.unitID, 64), role: str(r.role, 60), kind: str(r.kind, 64), eta: num(r.etaSeconds), reason: str(r.reason, 500),
    })).filter((r) => r.id);
    state.desk.rec = { status: 'ready', units, shortfalls: strings(isObj(res) ? res.shortfalls : null, 300), picks: new Set(units.map((r) => r.id)), othersOpen: false };
    renderDeskSection('rec');
    const routes = await Promise.all(units.map((r, i) => {
      const u = state.units.get(r.id);
      return u ? fetchRoute(u, inc, ROUTE_COLORS[i % ROUTE_COLORS.length]) : null;
    }));
    if (deskStale(token, id)) return;
    showRoutes(routes.filter(Boolean));
  } catch (error) {
    if (deskStale(token, id)) return;
    state.desk.rec = { status: 'error', units: [], shortfalls: [], picks: new Set() };
    state.desk.problems.rec = error;
    renderDeskSection('rec');
  }
}

function togglePick(unitId, on) {
  const rec = state.desk.rec;
  if (!rec || !rec.picks) return;
  if (on) rec.picks.add(unitId); else rec.picks.delete(unitId);
  renderDeskSection('rec');
}

async function dispatchPicked() {
  const inc = state.desk.mode === 'incident' ? state.incidents.get(state.desk.incidentId) : null;
  const rec = state.desk.rec;
  if (!inc || inc.closedAt || (rec && (rec.status === 'sending' || rec.status === 'loading'))) return;
  const units = rec && rec.picks ? [...rec.picks] : [];
  delete state.desk.problems.rec;
  if (!units.length) {
    state.desk.problems.rec = localProblem('units', 'tick at least one unit to dispatch (r recommends some)');
    renderDeskSection('rec');
    return;
  }
  const token = ++deskToken;
  rec.status = 'sending';
  renderDeskSection('rec');
  try {
    const res = await api(`/v1/dispatch/incidents/${encodeURIComponent(inc.id)}/assignments`, { method: 'POST', body: { units } });
    const assignments = objects(isObj(res) ? res.assignments : null).map((a) => ({
      unitId: str(a.unitID, 64), eta: num(a.etaSeconds), reason: str(a.reason, 1000), route: routeFromFeature(a.route),
    })).filter((a) => a.unitId);
    for (const a of assignments) {
      if (!inc.assignedUnits.includes(a.unitId)) inc.assignedUnits.push(a.unitId);
      inc.assignments.set(a.unitId, { eta: a.eta, reason: a.reason });
    }
    announce(`Dispatched ${assignments.map((a) => a.unitId).join(', ')} to ${inc.id}`);
    if (deskStale(token, inc.id)) return;
    state.desk.rec = { status: 'dispatched', assignments, units: [], shortfalls: [], picks: new Set() };
    markDesk('rec', 'units');
    flushDesk();
    showRoutes(assignments.filter((a) => a.route).map((a, i) => ({ ...a.route, unitId: a.unitId, target: inc, color: ROUTE_COLORS[i % ROUTE_COLORS.length] })));
  } catch (error) {
    if (deskStale(token, inc.id)) return;
    rec.status = 'ready';
    state.desk.problems.rec = error;
    renderDeskSection('rec');
  }
}

async function closeIncident(form) {
  const inc = state.incidents.get(state.desk.incidentId);
  if (!inc) return;
  delete state.desk.problems.close;
  clearProblems(form);
  try {
    const view = await api(`/v1/dispatch/incidents/${encodeURIComponent(inc.id)}/close`, { method: 'POST', body: { disposition: form.elements.disposition.value } });
    mergeIncidentView(view);
    state.desk.rec = null;
    state.routes = [];
    announce(`${inc.id} closed: ${inc.disposition}`);
    map.requestDraw();
  } catch (error) {
    state.desk.problems.close = error;
    showProblem(form, error);
  }
}

function focusClose() {
  const select = $('f-disposition');
  if (select) select.focus(); else announce('Select an open incident first (i).');
}

/// One set of listeners for everything the desk, the unit card and the boards render as HTML.
function installDeskInput() {
  document.addEventListener('click', (e) => {
    const status = e.target.closest('.status-ctl button[data-status]');
    if (status) { changeUnitStatus(status.dataset.unit, status.dataset.status); return; }
    const el = e.target.closest('[data-action]');
    if (!el) return;
    switch (el.dataset.action) {
      case 'select-incident': selectIncident(el.dataset.id, { focusMap: true }); break;
      case 'unselect-unit': state.selectedUnit = null; state.dirty.units = state.dirty.unitDetail = true; map.requestDraw(); break;
      case 'recommend': recommendIncident(); break;
      case 'dispatch': dispatchPicked(); break;
      case 'cancel-form': cancelForm(); break;
      case 'map-centre': { const c = map.toLatLon(map.width / 2, map.height / 2); setPick(c.lat, c.lon); break; }
      default: break;
    }
  });
  const body = $('rec-body');
  body.addEventListener('change', (e) => { if (e.target.dataset.pick) togglePick(e.target.dataset.pick, e.target.checked); });
  body.addEventListener('input', (e) => { if (e.target.form && e.target.form.id === 'inc-form' && /^(latitude|longitude)$/.test(e.target.name)) pickFromInputs(e.target.form); });
  body.addEventListener('toggle', (e) => { if (e.target.matches('details.others') && state.desk.rec) state.desk.rec.othersOpen = e.target.open; }, true);
  body.addEventListener('submit', (e) => {
    e.preventDefault();
    if (e.target.id === 'inc-form') submitIncidentForm(e.target);
    else if (e.target.dataset.form === 'close') closeIncident(e.target);
  });
}

function renderLegend() {
  const el = $('legend-status');
  const show = state.dispatch.loaded && map.layers.status;
  el.hidden = !show;
  if (show) el.innerHTML = UNIT_STATUSES.map((s) => `<span><i class="sw" style="background:${STATUS_COLOR[s]}"></i>${esc(STATUS_LABEL[s])}</span>`).join('');
  for (const a of document.querySelectorAll('.legend-agency')) a.classList.toggle('as-ring', show);
  $('legend-forecast').hidden = !map.layers.forecast || !state.forecast.cells.length;
  $('legend-health').hidden = !map.layers.health || !state.health.areas.length;
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
    this.layers = { roads: true, units: true, status: true, incidents: true, sensors: true, calls: true, labels: false, coverage: false, air: true, signals: true, cameras: true, forecast: false, health: false };
    this.pickHandler = null;   // while set, a click on the map picks a location instead of an item
    this.needsDraw = true;
    this.viewMoved = false;  // panned or zoomed by the user: drawn at the next frame, whatever the rate cap
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
  toLatLon(sx, sy) {
    const [x, y] = this.toWorld(sx, sy);
    return { lat: this.lat0 - y / M_PER_DEG_LAT, lon: this.lon0 + x / this.kx };
  }

  /// While `handler` is set, clicks call it with the clicked position (the new-incident form).
  setPicking(handler) {
    this.pickHandler = handler;
    this.canvas.classList.toggle('picking', !!handler);
    this.requestDraw();
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

  fitPoints(points, padding, minMetres = 50) {
    const good = points.filter((p) => p && validLatLon(p.lat, p.lon));
    if (!good.length) return;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const p of good) {
      const x = this.wx(p.lon), y = this.wy(p.lat);
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
    const scale = Math.min((this.width - 2 * padding) / Math.max(x1 - x0, minMetres), (this.height - 2 * padding) / Math.max(y1 - y0, minMetres));
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
    this.viewMoved = true;
  }

  panBy(dx, dy) {
    this.anim = null;
    this.view = { ...this.view, cx: this.view.cx - dx / this.view.scale, cy: this.view.cy - dy / this.view.scale };
    this.viewMoved = true;
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
    // Up to ~30 fps while data changes or something moves; every frame while the view itself moves
    // (fly-to); otherwise only when asked. A busy stream asks for a draw with every event.
    const due = t - this.lastFrame > 32;
    if (!this.anim && !this.viewMoved && !((this.needsDraw || animating) && due)) return;
    this.lastFrame = t;
    this.needsDraw = this.viewMoved = false;
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

  hasPulses() {
    const flash = state.signals.flash;
    return (this.layers.calls && state.calls.size > 0) || !!(flash && performance.now() < flash.until);
  }
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
    this.airRects = [];
    this.airDrawn = this.airLabelled = 0;
    if (this.layers.air) this.drawAir(ctx);
    this.forecastRects = [];
    this.forecastDrawn = this.stopsDrawn = this.healthDrawn = this.healthAlarmsDrawn = 0;
    if (this.layers.forecast) this.drawForecast(ctx);
    if (this.layers.health) this.drawHealth(ctx);
    if (this.layers.forecast) this.drawPatrol(ctx);
    for (let i = state.routes.length - 1; i >= 0; i--) this.drawRoute(ctx, state.routes[i], i === 0);
    if (this.layers.sensors) this.drawSensors(ctx);
    this.camerasDetailed = this.zonesDrawn = this.linesDrawn = this.trailsDrawn = 0;
    if (this.layers.cameras) this.drawCameras(ctx);
    if (this.layers.coverage) this.drawCoverage(ctx);
    if (this.layers.units) this.drawStations(ctx);
    if (this.layers.units) this.drawHospitals(ctx);
    if (this.layers.signals) this.drawSignals(ctx, t);
    if (this.layers.incidents) this.drawIncidents(ctx);
    if (this.layers.units) this.drawUnits(ctx, t);
    if (this.layers.calls) this.drawCalls(ctx, t);
    if (this.pickHandler && state.pick) this.drawPick(ctx, state.pick);
    const drawnAlert = state.alert && (state.alert.open || state.alert.points.length) ? drawAlertAreas(this, ctx) : { vertices: 0, shape: '', review: 0 };
    this.drawScale();
    // For tests and tooling: what the last frame drew.
    const counts = { units: 0, sensors: 0, calls: 0, incidents: 0, signals: 0, cameras: 0 };
    for (const it of this.items) if (it.kind in { unit: 1, sensor: 1, call: 1, incident: 1, signal: 1, camera: 1 }) counts[`${it.kind}s`]++;
    counts.airCells = this.airDrawn;
    counts.zones = this.zonesDrawn;
    counts.cameraLines = this.linesDrawn;
    counts.trails = this.trailsDrawn;
    counts.forecastCells = this.forecastDrawn;
    counts.patrolStops = this.stopsDrawn;
    counts.healthAreas = this.healthDrawn;
    counts.healthAlarms = this.healthAlarmsDrawn;
    counts.alertVertices = drawnAlert.vertices;
    counts.alertArea = drawnAlert.shape;
    counts.alertReview = drawnAlert.review;
    const ds = this.canvas.dataset;
    for (const [k, v] of Object.entries(counts)) if (ds[k] !== String(v)) ds[k] = v;
    const routes = String(state.routes.length);
    if (ds.routes !== routes) ds.routes = routes;
  }

  onScreen(x, y, margin = 30) { return x > -margin && y > -margin && x < this.width + margin && y < this.height + margin; }

  drawRoute(ctx, r, primary) {
    ctx.save();
    ctx.lineJoin = 'round'; ctx.lineCap = 'round';
    ctx.beginPath();
    r.coords.forEach(([lon, lat], i) => { const [x, y] = this.toScreen(lat, lon); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
    ctx.strokeStyle = 'rgba(0,0,0,.85)'; ctx.lineWidth = primary ? 8 : 6.5; ctx.stroke();
    ctx.strokeStyle = r.color || ROUTE_COLORS[0]; ctx.lineWidth = primary ? 4 : 3;
    if (r.straight) ctx.setLineDash([8, 6]);
    ctx.stroke();
    // Thin dashed connectors where the route was snapped to the road: unit → start, end → target.
    const unit = state.units.get(r.unitId);
    if (!r.straight) {
      ctx.setLineDash([3, 4]); ctx.lineWidth = 1.5; ctx.strokeStyle = r.color || '#9beeff';
      const ends = [];
      if (unit) ends.push([[unit.lat, unit.lon], [r.coords[0][1], r.coords[0][0]]]);
      if (r.target && r.target.lat !== null) { const last = r.coords[r.coords.length - 1]; ends.push([[last[1], last[0]], [r.target.lat, r.target.lon]]); }
      for (const [[a1, o1], [a2, o2]] of ends) {
        const [x1, y1] = this.toScreen(a1, o1), [x2, y2] = this.toScreen(a2, o2);
        ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      }
    }
    ctx.restore();
  }

  drawAir(ctx) {
    // EPA AQI cells as translucent fills (batched by colour), the worst AQI written in when zoomed in.
    const cells = state.air.cells;
    if (!cells.length) return;
    const byColour = new Map();
    const labelled = this.zoomFactor() > 1.8;
    const labels = [];
    cells.forEach((c, i) => {
      const [x0, y0] = this.toScreen(c.north, c.west), [x1, y1] = this.toScreen(c.south, c.east);
      if (x1 < 0 || y1 < 0 || x0 > this.width || y0 > this.height) return;
      if (!byColour.has(c.colour)) byColour.set(c.colour, []);
      byColour.get(c.colour).push(x0, y0, x1 - x0, y1 - y0);
      this.airRects.push(x0, y0, x1, y1, i);
      this.airDrawn++;
      if (labelled && x1 - x0 > 28 && y1 - y0 > 16 && c.aqi !== null) labels.push([(x0 + x1) / 2, (y0 + y1) / 2, String(c.aqi), c.colour]);
    });
    for (const [colour, r] of byColour) {
      ctx.beginPath();
      for (let i = 0; i < r.length; i += 4) ctx.rect(r[i], r[i + 1], r[i + 2], r[i + 3]);
      ctx.globalAlpha = 0.2; ctx.fillStyle = colour; ctx.fill();
      ctx.globalAlpha = 0.45; ctx.strokeStyle = colour; ctx.lineWidth = 1; ctx.stroke();
    }
    ctx.globalAlpha = 1;
    if (labels.length) {
      ctx.font = 'bold 12px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      for (const [x, y, text, colour] of labels) {
        ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(5,8,11,.85)'; ctx.strokeText(text, x, y);
        ctx.fillStyle = colour; ctx.fillText(text, x, y);
      }
      ctx.textAlign = 'start'; ctx.textBaseline = 'alphabetic';
      this.airLabelled = labels.length;
    }
  }

  drawForecast(ctx) {
    // Flagged cells shaded on a sequential ramp by expected incidents, the top ranks outlined brighter.
    const fc = state.forecast;
    if (!fc.cells.length) return;
    const span = fc.max - fc.min;
    for (const c of fc.cells) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      ctx.beginPath();
      c.ring.forEach(([lon, lat], i) => {
        const [x, y] = this.toScreen(lat, lon);
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      });
      if (x1 < 0 || y1 < 0 || x0 > this.width || y0 > this.height) continue;
      ctx.closePath();
      const colour = rampColour(span > 0 ? (c.expected - fc.min) / span : 1);
      ctx.globalAlpha = 0.5; ctx.fillStyle = colour; ctx.fill();
      ctx.globalAlpha = 0.95; ctx.strokeStyle = colour; ctx.lineWidth = 1.2; ctx.stroke();
      this.forecastRects.push(x0, y0, x1, y1, c);
      this.forecastDrawn++;
    }
    ctx.globalAlpha = 1;
  }

  drawPatrol(ctx) {
    // Road legs (dark casing, bright line), then numbered stops on top.
    const pl = state.forecast.patrol;
    if (!pl) return;
    ctx.save();
    ctx.lineJoin = 'round'; ctx.lineCap = 'round';
    for (const leg of pl.legs) {
      ctx.beginPath();
      leg.coords.forEach(([lon, lat], i) => { const [x, y] = this.toScreen(lat, lon); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
      ctx.strokeStyle = 'rgba(5,8,11,.85)'; ctx.lineWidth = 6.5; ctx.stroke();
      ctx.strokeStyle = PATROL_COLOR; ctx.lineWidth = 3; ctx.setLineDash([7, 4]); ctx.stroke(); ctx.setLineDash([]);
    }
    ctx.font = 'bold 11px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    for (const s of pl.stops) {
      const [x, y] = this.toScreen(s.lat, s.lon);
      if (!this.onScreen(x, y)) continue;
      ctx.beginPath(); ctx.arc(x, y, 10, 0, Math.PI * 2);
      ctx.fillStyle = PATROL_COLOR; ctx.fill();
      ctx.lineWidth = 2; ctx.strokeStyle = '#05080b'; ctx.stroke();
      ctx.fillStyle = '#05080b'; ctx.fillText(String(s.stop ?? ''), x, y + 0.5);
      this.items.push({ kind: 'stop', id: s.stop, x, y, r: 10 });
      this.stopsDrawn++;
    }
    ctx.textAlign = 'start'; ctx.textBaseline = 'alphabetic';
    ctx.restore();
  }

  drawHealth(ctx) {
    // Areas as circles at their centroids: alarms filled red, others hollow grey-blue; the most likely
    // cluster's areas ringed dashed gold; names once zoomed in (or with labels on, or selected).
    const h = state.health;
    if (!h.areas.length) return;
    const cluster = new Set(h.cluster ? h.cluster.ids : []);
    const r = clamp(150 * this.view.scale, 6, 22);
    const named = this.layers.labels || this.zoomFactor() > 1.6;
    for (const a of h.areas) {
      if (a.lat === null) continue;
      const [x, y] = this.toScreen(a.lat, a.lon);
      if (!this.onScreen(x, y, r + 20)) continue;
      const colour = a.alarm ? HEALTH_COLOR.alarm : HEALTH_COLOR.ok;
      ctx.beginPath(); ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.globalAlpha = a.alarm ? 0.42 : 0.14; ctx.fillStyle = colour; ctx.fill();
      ctx.globalAlpha = 1; ctx.lineWidth = a.alarm ? 2.5 : 1.5; ctx.strokeStyle = colour; ctx.stroke();
      if (cluster.has(a.id)) {
        ctx.beginPath(); ctx.arc(x, y, r + 6, 0, Math.PI * 2);
        ctx.setLineDash([5, 3]); ctx.lineWidth = 2; ctx.strokeStyle = HEALTH_COLOR.cluster; ctx.stroke(); ctx.setLineDash([]);
      }
      if (h.selected === a.id) { ctx.beginPath(); ctx.arc(x, y, r + 11, 0, Math.PI * 2); ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 1.5; ctx.setLineDash([3, 3]); ctx.stroke(); ctx.setLineDash([]); }
      // The count in the middle: what the area saw in its latest week.
      ctx.font = 'bold 10px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(5,8,11,.85)'; ctx.strokeText(String(a.observed), x, y + 0.5);
      ctx.fillStyle = a.alarm ? '#ffe1e1' : '#cfe3f2'; ctx.fillText(String(a.observed), x, y + 0.5);
      ctx.textAlign = 'start'; ctx.textBaseline = 'alphabetic';
      if (named || h.selected === a.id || a.alarm) this.label(ctx, x + r + 4, y + 4, a.name);
      this.items.push({ kind: 'health', id: a.id, x, y, r });
      this.healthDrawn++;
      if (a.alarm) this.healthAlarmsDrawn++;
    }
  }

  drawSignals(ctx, t) {
    // Triangles in the signal type's colour; hollow once acknowledged; the selected one ringed,
    // a freshly chosen one pulsing for a moment.
    const sig = state.signals;
    const flash = sig.flash && t < sig.flash.until ? sig.flash : null;
    for (const x of sig.list) {
      if (x.lat === null) continue;
      const [sx, sy] = this.toScreen(x.lat, x.lon);
      if (!this.onScreen(sx, sy, 40)) continue;
      const kind = SIGNAL_KIND[x.type] || { color: '#b0b8c4' };
      const r = 8;
      ctx.beginPath();
      ctx.moveTo(sx, sy - r - 2); ctx.lineTo(sx + r, sy + r - 2); ctx.lineTo(sx - r, sy + r - 2); ctx.closePath();
      ctx.fillStyle = x.ackBy ? 'rgba(10,14,19,.85)' : kind.color; ctx.fill();
      ctx.lineWidth = x.ackBy ? 2 : 1.5; ctx.strokeStyle = x.ackBy ? kind.color : '#05080b'; ctx.stroke();
      if (!x.ackBy) { ctx.fillStyle = '#05080b'; ctx.font = 'bold 9px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.fillText('!', sx, sy + r - 4); ctx.textAlign = 'start'; }
      if (sig.selected === x.seq) {
        ctx.beginPath(); ctx.arc(sx, sy, 14, 0, Math.PI * 2); ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 1.5; ctx.setLineDash([3, 3]); ctx.stroke(); ctx.setLineDash([]);
      }
      if (flash && flash.seq === x.seq) {
        const k = ((flash.until - t) % 800) / 800;
        ctx.beginPath(); ctx.arc(sx, sy, 10 + 18 * (1 - k), 0, Math.PI * 2);
        ctx.strokeStyle = '#ffffff'; ctx.globalAlpha = k; ctx.lineWidth = 3; ctx.stroke(); ctx.globalAlpha = 1;
      }
      if (this.layers.labels || sig.selected === x.seq) this.label(ctx, sx + 12, sy - 10, x.subject);
      this.items.push({ kind: 'signal', id: x.seq, x: sx, y: sy, r: 10 });
    }
  }

  drawCameras(ctx) {
    // Per camera: zones (dashed, by sensitivity) and trip lines once they span a few pixels, the
    // recent tracks batched by colour (a dot at the newest point of tracks still in view), then the
    // camera glyph, ringed red while it has an open, unacknowledged signal.
    const cam = state.cameras;
    if (!cam.rows.length) return;
    const scale = this.view.scale;
    const alerting = new Set();
    for (const x of state.signals.list) if (x.type === 'signal.vision' && !x.ackBy) alerting.add(x.subject);
    const trails = new Map(); // colour|live → [[x, y, …], …]
    const dots = new Map();   // colour → [x, y, …]
    const labels = [];
    const glyphs = [];
    for (const c of cam.rows) {
      const [cx, cy] = this.toScreen(c.lat, c.lon);
      const reach = c.radiusMetres * scale;
      if (!this.onScreen(cx, cy, reach + 40)) continue;
      const detailed = reach > 14;
      if (detailed) {
        this.camerasDetailed++;
        ctx.lineWidth = 1; ctx.setLineDash([5, 4]);
        for (const z of c.zones) {
          if (!z.points) continue;
          const color = SENSITIVITY_COLOR[z.sensitivity] || SENSITIVITY_COLOR.normal;
          ctx.beginPath();
          let x0 = Infinity, y0 = Infinity, x1 = -Infinity;
          z.points.forEach((p, i) => {
            const [x, y] = this.toScreen(p.lat, p.lon);
            if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
            x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x);
          });
          ctx.closePath();
          ctx.globalAlpha = 0.07; ctx.fillStyle = color; ctx.fill();
          ctx.globalAlpha = 0.9; ctx.strokeStyle = color; ctx.stroke();
          this.zonesDrawn++;
          if (x1 - x0 > 70) labels.push([x0 + 3, y0 + 11, z.name, color]);
        }
        ctx.setLineDash([]); ctx.globalAlpha = 1;
        for (const l of c.lines) {
          if (!l.from || !l.to) continue;
          const [ax, ay] = this.toScreen(l.from.lat, l.from.lon), [bx, by] = this.toScreen(l.to.lat, l.to.lon);
          const len = Math.hypot(bx - ax, by - ay) || 1;
          // Forward is from the line's right to its left, walking from `from` to `to`: the arrow points left.
          const nx = (by - ay) / len, ny = -(bx - ax) / len;
          const mx = (ax + bx) / 2, my = (ay + by) / 2;
          const color = l.signals ? '#ff6fd8' : '#e6edf3';
          ctx.beginPath(); ctx.moveTo(ax, ay); ctx.lineTo(bx, by);
          ctx.moveTo(ax - nx * 4, ay - ny * 4); ctx.lineTo(ax + nx * 4, ay + ny * 4);
          ctx.moveTo(bx - nx * 4, by - ny * 4); ctx.lineTo(bx + nx * 4, by + ny * 4);
          ctx.strokeStyle = 'rgba(5,8,11,.8)'; ctx.lineWidth = 4; ctx.stroke();
          ctx.strokeStyle = color; ctx.lineWidth = 1.8; ctx.stroke();
          ctx.beginPath();
          ctx.moveTo(mx + nx * 12, my + ny * 12);
          ctx.lineTo(mx + nx * 6 - ny * 3.5, my + ny * 6 + nx * 3.5);
          ctx.lineTo(mx + nx * 6 + ny * 3.5, my + ny * 6 - nx * 3.5);
          ctx.closePath(); ctx.fillStyle = color; ctx.fill();
          this.linesDrawn++;
          if (len > 60) labels.push([bx + 5, by + 4, l.name, color]);
        }
        // Tracks, only where they can be told apart from the glyph.
        const list = cam.trails.get(c.id) || [];
        let newest = -Infinity;
        for (const t of list) newest = Math.max(newest, t.points[t.points.length - 1][0]);
        for (const t of list) {
          const color = TRAIL_COLOR[t.group];
          const last = t.points[t.points.length - 1];
          const live = newest - last[0] <= TRAIL_LIVE_SECONDS;
          const key = `${color}|${live ? 1 : 0}`;
          if (!trails.has(key)) trails.set(key, []);
          const xy = [];
          for (const p of t.points) { const [x, y] = this.toScreen(p[1], p[2]); xy.push(x, y); }
          trails.get(key).push(xy);
          if (live) {
            if (!dots.has(color)) dots.set(color, []);
            dots.get(color).push(xy[xy.length - 2], xy[xy.length - 1]);
          }
          this.trailsDrawn++;
        }
      }
      glyphs.push([cx, cy, c, detailed]);
    }
    ctx.lineJoin = 'round'; ctx.lineCap = 'round';
    for (const [key, polylines] of trails) {
      const [color, live] = key.split('|');
      ctx.beginPath();
      for (const xy of polylines) {
        ctx.moveTo(xy[0], xy[1]);
        for (let i = 2; i < xy.length; i += 2) ctx.lineTo(xy[i], xy[i + 1]);
      }
      ctx.globalAlpha = live === '1' ? 0.85 : 0.3; ctx.strokeStyle = color; ctx.lineWidth = live === '1' ? 1.4 : 1; ctx.stroke();
    }
    ctx.globalAlpha = 1;
    for (const [color, d] of dots) {
      ctx.beginPath();
      for (let i = 0; i < d.length; i += 2) { ctx.moveTo(d[i] + 2.8, d[i + 1]); ctx.arc(d[i], d[i + 1], 2.8, 0, Math.PI * 2); }
      ctx.fillStyle = color; ctx.fill(); ctx.strokeStyle = '#05080b'; ctx.lineWidth = 1; ctx.stroke();
    }
    ctx.lineCap = 'butt';
    if (labels.length) {
      ctx.font = '10.5px system-ui, sans-serif';
      for (const [x, y, text, color] of labels) { ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(5,8,11,.85)'; ctx.strokeText(text, x, y); ctx.fillStyle = color; ctx.fillText(text, x, y); }
    }
    const now = Date.now();
    for (const [x, y, c, detailed] of glyphs) {
      const counts = cam.counts.get(c.id);
      const silent = !counts || counts.lastFrameAt === null || now - counts.lastFrameAt > CAMERA_STALE_MS;
      const selected = cam.selected === c.id;
      ctx.globalAlpha = silent ? 0.5 : 1;
      ctx.beginPath(); ctx.arc(x, y, 9, 0, Math.PI * 2);
      ctx.fillStyle = '#0d141b'; ctx.fill();
      ctx.lineWidth = alerting.has(c.id) ? 2.5 : 1.5; ctx.strokeStyle = alerting.has(c.id) ? '#ff5c5c' : CAMERA_COLOR; ctx.stroke();
      // A camera body with its lens, pointing right.
      ctx.fillStyle = CAMERA_COLOR;
      ctx.fillRect(x - 5.5, y - 3, 7, 6);
      ctx.beginPath(); ctx.moveTo(x + 1.5, y - 0.8); ctx.lineTo(x + 5, y - 3); ctx.lineTo(x + 5, y + 3); ctx.lineTo(x + 1.5, y + 0.8); ctx.closePath(); ctx.fill();
      ctx.globalAlpha = 1;
      if (selected) { ctx.beginPath(); ctx.arc(x, y, 14, 0, Math.PI * 2); ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 1.5; ctx.setLineDash([3, 3]); ctx.stroke(); ctx.setLineDash([]); }
      if (this.layers.labels || selected || detailed) this.label(ctx, x + 13, y - 9, c.name);
      this.items.push({ kind: 'camera', id: c.id, x, y, r: 10 });
    }
  }

  drawSensors(ctx) {
    const size = this.zoomFactor() > 2.5 ? 10 : 8;
    const health = state.signals.health;
    for (const s of state.sensors.values()) {
      if (s.lat === null) continue;
      const [x, y] = this.toScreen(s.lat, s.lon);
      if (!this.onScreen(x, y)) continue;
      const unhealthy = health.has(s.id);
      ctx.strokeStyle = state.selectedSensor === s.id ? '#ffffff' : '#05080b';
      ctx.lineWidth = state.selectedSensor === s.id ? 2 : 1.2;
      ctx.globalAlpha = Date.now() - s.seenAt > STALE_SENSOR_MS ? 0.5 : 1;
      if (unhealthy) {
        // An open health signal: hollow and grey, whatever it reads (its values are not to be trusted).
        ctx.fillStyle = 'rgba(10,14,19,.9)';
        ctx.fillRect(x - size / 2, y - size / 2, size, size);
        if (state.selectedSensor !== s.id) ctx.strokeStyle = '#8a94a0';
        ctx.lineWidth = 2;
      } else {
        ctx.fillStyle = sensorColor(s);
        ctx.fillRect(x - size / 2, y - size / 2, size, size);
      }
      ctx.strokeRect(x - size / 2, y - size / 2, size, size);
      ctx.globalAlpha = 1;
      if (this.layers.labels) this.label(ctx, x + size / 2 + 3, y + 3, `${s.id} ${s.value === null ? '' : formatValue(s.value)}`);
      this.items.push({ kind: 'sensor', id: s.id, x, y, r: size });
    }
  }

  drawStations(ctx) {
    // Small houses in the agency's colour, under the units.
    for (const s of state.dispatch.stations.values()) {
      const [x, y] = this.toScreen(s.lat, s.lon);
      if (!this.onScreen(x, y)) continue;
      ctx.beginPath();
      ctx.moveTo(x, y - 7); ctx.lineTo(x + 6, y - 2); ctx.lineTo(x + 6, y + 5); ctx.lineTo(x - 6, y + 5); ctx.lineTo(x - 6, y - 2); ctx.closePath();
      ctx.fillStyle = '#0d141b'; ctx.fill();
      ctx.strokeStyle = AGENCY_COLOR[s.agency] || AGENCY_COLOR.other; ctx.lineWidth = 1.5; ctx.stroke();
    }
  }

  drawHospitals(ctx) {
    // A white cross on red (grey when on diversion).
    for (const h of state.dispatch.hospitals.values()) {
      const [x, y] = this.toScreen(h.lat, h.lon);
      if (!this.onScreen(x, y)) continue;
      ctx.fillStyle = h.diversion ? '#6b7280' : '#d62828';
      ctx.fillRect(x - 7, y - 7, 14, 14);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(x - 1.5, y - 5, 3, 10); ctx.fillRect(x - 5, y - 1.5, 10, 3);
      if (this.layers.labels) this.label(ctx, x + 10, y + 3, h.name);
    }
  }

  drawCoverage(ctx) {
    // Road nodes the plan covers and the units, where they are now, do not reach in time.
    const cov = state.dispatch.coverage;
    if (!cov) return;
    ctx.fillStyle = 'rgba(239, 68, 68, 0.55)';
    for (const [lon, lat] of cov.uncovered) {
      const [x, y] = this.toScreen(lat, lon);
      if (this.onScreen(x, y)) ctx.fillRect(x - 2, y - 2, 4, 4);
    }
  }

  drawIncidents(ctx) {
    // Squares in the priority's colour with the priority number, batched by look; closed ones faded.
    const r = 7;
    const looks = new Map();
    const shown = [];
    for (const inc of state.incidents.values()) {
      const [x, y] = this.toScreen(inc.lat, inc.lon);
      if (!this.onScreen(x, y, 40)) continue;
      const key = `${inc.priority}|${inc.closedAt ? 1 : 0}`;
      if (!looks.has(key)) looks.set(key, { color: PRIORITY_COLOR[inc.priority] || PRIORITY_COLOR[5], alpha: inc.closedAt ? 0.45 : 1, ink: inc.priority === 1 ? '#fff' : '#05080b', label: String(inc.priority), at: [] });
      looks.get(key).at.push(x, y);
      shown.push([x, y, inc]);
      this.items.push({ kind: 'incident', id: inc.id, x, y, r: 10 });
    }
    ctx.font = 'bold 9px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    for (const look of looks.values()) {
      const at = look.at;
      ctx.globalAlpha = look.alpha;
      ctx.beginPath();
      for (let i = 0; i < at.length; i += 2) ctx.rect(at[i] - r, at[i + 1] - r, 2 * r, 2 * r);
      ctx.fillStyle = look.color; ctx.fill();
      ctx.lineWidth = 1.5; ctx.strokeStyle = '#05080b'; ctx.stroke();
      ctx.fillStyle = look.ink;
      for (let i = 0; i < at.length; i += 2) ctx.fillText(look.label, at[i], at[i + 1] + 0.5);
    }
    ctx.globalAlpha = 1;
    ctx.textAlign = 'start'; ctx.textBaseline = 'alphabetic';
    for (const [x, y, inc] of shown) {
      const selected = inc.id === state.selectedIncident;
      if (selected) {
        ctx.lineWidth = 2.5; ctx.strokeStyle = '#ffffff'; ctx.strokeRect(x - r, y - r, 2 * r, 2 * r);
        ctx.setLineDash([3, 3]); ctx.lineWidth = 1.5;
        ctx.strokeRect(x - r - 6, y - r - 6, 2 * r + 12, 2 * r + 12); ctx.setLineDash([]);
      }
      if (selected || this.layers.labels) this.label(ctx, x + 12, y - 10, `${inc.id} ${inc.typeCode}`);
    }
  }

  drawPick(ctx, p) {
    const [x, y] = this.toScreen(p.lat, p.lon);
    ctx.save();
    ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 2;
    ctx.beginPath(); ctx.arc(x, y, 9, 0, Math.PI * 2); ctx.stroke();
    ctx.beginPath(); ctx.moveTo(x - 15, y); ctx.lineTo(x - 4, y); ctx.moveTo(x + 4, y); ctx.lineTo(x + 15, y);
    ctx.moveTo(x, y - 15); ctx.lineTo(x, y - 4); ctx.moveTo(x, y + 4); ctx.lineTo(x, y + 15); ctx.stroke();
    ctx.restore();
    this.label(ctx, x + 12, y - 10, 'new incident');
  }

  drawUnits(ctx, t) {
    // Units are batched by look (fill, ring, staleness): a few dozen fills per frame, not two per unit.
    const now = Date.now();
    const routed = new Set(state.routes.map((r) => r.unitId));
    const looks = new Map();
    const marked = [], labels = [];
    for (const u of state.units.values()) {
      const pos = unitPosition(u, t);
      const [x, y] = this.toScreen(pos.lat, pos.lon);
      if (!this.onScreen(x, y)) continue;
      // By status (fill) with the agency as the ring, or by agency alone.
      const byStatus = !!(this.layers.status && u.status);
      const agencyColor = AGENCY_COLOR[u.agency] || AGENCY_COLOR.other;
      const fill = byStatus ? STATUS_COLOR[u.status] : agencyColor;
      const alpha = now - u.seenAt > STALE_UNIT_MS ? 0.45 : 1;
      const key = `${fill}|${byStatus ? agencyColor : ''}|${alpha}`;
      let look = looks.get(key);
      if (!look) looks.set(key, look = { fill, ring: byStatus ? agencyColor : '#05080b', width: byStatus ? 2.5 : 2, alpha, dots: [], arrows: [] });
      look.dots.push(x, y);
      if (u.heading !== null && (u.speed === null || u.speed > 0.5)) look.arrows.push(x, y, (u.heading * Math.PI) / 180);
      if (state.selectedUnit === u.id || routed.has(u.id)) marked.push(x, y);
      if (this.layers.labels || state.selectedUnit === u.id) labels.push([x, y, u.id]);
      this.items.push({ kind: 'unit', id: u.id, x, y, r: 9 });
    }
    // Heading arrows under every dot, then the dots.
    for (const look of looks.values()) {
      const a = look.arrows;
      if (!a.length) continue;
      ctx.globalAlpha = look.alpha;
      ctx.beginPath();
      for (let i = 0; i < a.length; i += 3) {
        const x = a[i], y = a[i + 1], sx = Math.sin(a[i + 2]), sy = -Math.cos(a[i + 2]);
        ctx.moveTo(x + sx * 13, y + sy * 13);
        ctx.lineTo(x + sx * 5 - sy * 4.5, y + sy * 5 + sx * 4.5);
        ctx.lineTo(x + sx * 5 + sy * 4.5, y + sy * 5 - sx * 4.5);
        ctx.closePath();
      }
      ctx.fillStyle = look.fill; ctx.fill();
      ctx.strokeStyle = '#05080b'; ctx.lineWidth = 1; ctx.stroke();
    }
    for (const look of looks.values()) {
      const d = look.dots;
      ctx.globalAlpha = look.alpha;
      ctx.beginPath();
      for (let i = 0; i < d.length; i += 2) { ctx.moveTo(d[i] + 6, d[i + 1]); ctx.arc(d[i], d[i + 1], 6, 0, Math.PI * 2); }
      ctx.fillStyle = look.fill; ctx.fill();
      ctx.lineWidth = look.width; ctx.strokeStyle = look.ring; ctx.stroke();
    }
    ctx.globalAlpha = 1;
    if (marked.length) {
      ctx.beginPath();
      for (let i = 0; i < marked.length; i += 2) { ctx.moveTo(marked[i] + 10, marked[i + 1]); ctx.arc(marked[i], marked[i + 1], 10, 0, Math.PI * 2); }
      ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 2; ctx.stroke();
    }
    for (const [x, y, id] of labels) this.label(ctx, x + 10, y - 8, shortUnit(id));
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
    const rank = { incident: 0, call: 0, signal: 1, unit: 1, camera: 1, stop: 1, sensor: 2, health: 2 };
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
      const sx = e.clientX - rect.left, sy = e.clientY - rect.top;
      const it = this.hit(sx, sy);
      cv.classList.toggle('hovering', !!it);
      const fcell = it ? null : forecastCellAt(sx, sy);
      const cell = it || fcell ? null : airCellAt(sx, sy);
      if (it) showTip(it, sx, sy); else if (fcell) showTip({ kind: 'forecast', cell: fcell }, sx, sy); else if (cell) showTip({ kind: 'air', cell }, sx, sy); else hideTip();
    });
    const end = (e) => {
      if (!drag) return;
      const wasClick = !drag.moved;
      drag = null;
      cv.classList.remove('dragging');
      if (wasClick && e.type === 'pointerup') {
        const rect = cv.getBoundingClientRect();
        const sx = e.clientX - rect.left, sy = e.clientY - rect.top;
        if (alertDrawing()) { const p = this.toLatLon(sx, sy); alertClick(p.lat, p.lon); return; }
        if (this.pickHandler) { const p = this.toLatLon(sx, sy); this.pickHandler(p.lat, p.lon); return; }
        const it = this.hit(sx, sy);
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
      if (alertDrawing()) { e.preventDefault(); if (state.alert.tool === 'polygon') finishAlertPolygon(); return; }
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
    if (it.kind === 'incident') { selectIncident(it.id, { focusMap: false }); focusIncidentButton(it.id); }
    else if (it.kind === 'call') { selectCall(it.id, { focusMap: false }); focusCallButton(it.id); }
    else if (it.kind === 'unit') { selectUnit(it.id, false); scrollBoardTo('units-groups', it.id); }
    else if (it.kind === 'sensor') { selectSensor(it.id, false); scrollBoardTo('sensors-list', it.id); }
    else if (it.kind === 'signal') { selectSignal(it.id, { focusMap: false }); focusSignalButton(it.id); }
    else if (it.kind === 'camera') { selectCamera(it.id, { focusMap: false }); focusCameraButton(it.id); }
    else if (it.kind === 'health') { selectHealthArea(it.id, { focusMap: false }); focusHealthButton(it.id); }
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
    const status = u.status ? `<dt>Status</dt><dd>${esc(STATUS_LABEL[u.status])}${u.incidentID ? ` · ${esc(u.incidentID)}` : ''} (${ago(u.statusSince)})</dd>` : '';
    html = `<h4><span class="dotc ${u.agency}"></span> ${esc(u.id)}</h4><dl><dt>Agency</dt><dd>${esc(AGENCY_LABEL[u.agency] || u.agency)}</dd><dt>Kind</dt><dd>${esc(u.kind || '—')}</dd>${status}<dt>Speed</dt><dd>${u.speed === null ? '—' : `${Math.round(u.speed)} km/h`}</dd><dt>Heading</dt><dd>${u.heading === null ? '—' : `${Math.round(u.heading)}°`}</dd><dt>Seen</dt><dd>${u.seenAt ? `${ago(u.seenAt)} ago (${clock(u.seenAt)})` : 'no position report yet'}</dd><dt>Position</dt><dd>${u.lat.toFixed(5)}, ${u.lon.toFixed(5)}</dd></dl>`;
  } else if (it.kind === 'sensor') {
    const s = state.sensors.get(it.id);
    if (!s) return hideTip();
    const b = band(s.quantity, s.value);
    const aq = state.air.sensors.get(s.id);
    const problems = state.signals.health.get(s.id);
    html = `<h4><span class="sq" style="background:${problems ? 'transparent' : sensorColor(s)}"></span> ${esc(s.id)}</h4><dl><dt>Quantity</dt><dd>${esc(QUANTITY_LABEL[s.quantity] || s.quantity)}</dd><dt>Value</dt><dd>${s.value === null ? '—' : `${esc(formatValue(s.value))} ${esc(s.unit)}`}</dd>${aq && aq.aqi !== null ? `<dt>AQI</dt><dd>${esc(String(aq.aqi))} ${esc(aq.category)} (${esc(aq.pollutant)})</dd>` : b ? `<dt>Category</dt><dd>${esc(b.name)}</dd>` : ''}${problems ? `<dt>Health</dt><dd class="bad">${esc(problems.join(', '))}</dd>` : ''}<dt>Readings</dt><dd>${s.series.length} kept</dd><dt>Seen</dt><dd>${s.seenAt ? `${ago(s.seenAt)} ago (${clock(s.seenAt)})` : '—'}</dd></dl><p class="muted small" style="margin:4px 0 0">Click for its chart</p>`;
  } else if (it.kind === 'signal') {
    const x = state.signals.bySeq.get(it.id);
    if (!x) return hideTip();
    const kind = SIGNAL_KIND[x.type] || { label: x.type, color: '#b0b8c4', glyph: '●' };
    const camera = x.type === 'signal.vision' ? `${x.behaviour ? `<dt>Behaviour</dt><dd>${esc(BEHAVIOUR_LABEL[x.behaviour] || x.behaviour)}</dd>` : ''}${x.threat !== null ? `<dt>Threat</dt><dd${x.threat >= THREAT_STRONG ? ' class="bad"' : ''}>${Math.round(x.threat)} / 100${x.suggests ? ' · suggests incident' : ''}</dd>` : ''}` : '';
    html = `<h4><span style="color:${kind.color}">${kind.glyph}</span> ${esc(kind.label)} · ${esc(x.subject)}</h4><p style="margin:0 0 4px">${esc(x.summary)}</p><dl>${camera}<dt>Since</dt><dd>${clock(x.since)} (${ago(x.since)} ago)</dd><dt>Signal</dt><dd>#${x.seq}</dd><dt>Acknowledged</dt><dd>${x.ackBy ? `by ${esc(x.ackBy)}` : 'not yet'}</dd></dl><p class="muted small" style="margin:4px 0 0">Click to select${state.can.ack && !x.ackBy ? ' · <kbd>a</kbd> acknowledge' : ''}</p>`;
  } else if (it.kind === 'camera') {
    const c = cameraRow(it.id);
    if (!c) return hideTip();
    const counts = state.cameras.counts.get(c.id);
    const occ = occupancyEntries(c, counts), xing = crossingEntries(c, counts);
    const open = state.signals.list.filter((x) => x.type === 'signal.vision' && x.subject === c.id && !x.ackBy).length;
    html = `<h4><i class="camg" aria-hidden="true"></i> ${esc(c.name)}</h4><dl><dt>In view</dt><dd>${counts ? esc(objectsText(counts.objects) || 'nothing') : 'no counts yet'}</dd>${occ.length ? `<dt>Occupancy</dt><dd>${occ.map(([n, v]) => `${esc(n)} ${v}`).join('<br>')}</dd>` : ''}${xing.length ? `<dt>Crossings</dt><dd>${xing.map(([n, x]) => `${esc(n)} ${x.forward} fwd · ${x.backward} back`).join('<br>')}</dd>` : ''}<dt>Last frame</dt><dd>${counts && counts.lastFrameAt !== null ? `${ago(counts.lastFrameAt)} ago (${clock(counts.lastFrameAt)})` : '—'}</dd>${open ? `<dt>Signals</dt><dd class="bad">${open} open</dd>` : ''}${state.cameras.tracks === 'forbidden' ? '<dt>Tracks</dt><dd>not for your role</dd>' : ''}</dl><p class="muted small" style="margin:4px 0 0">Click to select · Enter on its row flies here</p>`;
  } else if (it.kind === 'health') {
    const a = healthArea(it.id);
    if (!a) return hideTip();
    const c = state.health.cluster;
    html = `<h4><span class="hl-dot" style="background:${a.alarm ? HEALTH_COLOR.alarm : HEALTH_COLOR.ok}"></span> ${esc(a.name)}${a.alarm ? ' · <span class="bad">ALARM</span>' : ''}</h4><dl><dt>Week of</dt><dd>${esc(a.week)}</dd><dt>Visits</dt><dd>${a.observed} (${esc(healthSyndrome())})</dd><dt>Threshold</dt><dd>${a.upper === null ? '—' : a.upper.toFixed(1)} (${esc(a.method)})</dd>${c && c.ids.includes(a.id) ? `<dt>Cluster</dt><dd class="bad">${esc(c.from)} → ${esc(c.to)}, p = ${c.p}</dd>` : ''}</dl><p class="muted small" style="margin:4px 0 0">Click for its weekly chart</p>`;
  } else if (it.kind === 'stop') {
    const pl = state.forecast.patrol;
    const s = pl && pl.stops.find((x) => x.stop === it.id);
    if (!s) return hideTip();
    html = `<h4><i class="stopg">${esc(String(s.stop))}</i> Patrol stop ${esc(String(s.stop))} of ${pl.stops.length}</h4><dl><dt>Cell</dt><dd>${esc(String(s.cell ?? '—'))}</dd><dt>Expected</dt><dd>${s.expected.toFixed(2)} incidents</dd><dt>Method</dt><dd>${esc(FORECAST_METHOD_LABEL[pl.method] || pl.method)}</dd></dl>`;
  } else if (it.kind === 'forecast') {
    const c = it.cell, p = state.forecast.props || {};
    html = `<h4><span class="sq" style="background:${rampColour(state.forecast.max > state.forecast.min ? (c.expected - state.forecast.min) / (state.forecast.max - state.forecast.min) : 1)}"></span> Forecast cell ${esc(String(c.cell ?? ''))} · rank ${esc(String(c.rank ?? ''))}</h4><dl><dt>Expected</dt><dd>${c.expected.toFixed(3)} incidents in ${esc(str(p.horizonHours))} h</dd><dt>Method</dt><dd>${esc(FORECAST_METHOD_LABEL[str(p.method)] || str(p.method))}</dd></dl><p class="muted small" style="margin:4px 0 0">Places and times, never persons</p>`;
  } else if (it.kind === 'air') {
    const c = it.cell;
    html = `<h4><span class="sq" style="background:${c.colour}"></span> ${esc(c.category)} · AQI ${esc(String(c.aqi ?? '—'))}</h4><dl><dt>Worst sensor</dt><dd>${esc(c.sensor)}${c.pollutant ? ` (${esc(c.pollutant)})` : ''}</dd><dt>Mean AQI</dt><dd>${c.mean === null ? '—' : esc(String(c.mean))} over ${c.sensors} sensor${c.sensors === 1 ? '' : 's'}</dd><dt>Cell</dt><dd>${c.x},${c.y} (${state.air.cellMetres} m)</dd></dl>${c.message ? `<p style="margin:4px 0 0">${esc(c.message)}</p>` : ''}`;
  } else if (it.kind === 'incident') {
    const i = state.incidents.get(it.id);
    if (!i) return hideTip();
    const units = unitsByIncident().get(i.id) || [];
    html = `<h4><span class="prio p${i.priority}">P${i.priority}</span> ${esc(typeName(i.typeCode))} · ${esc(i.id)}</h4>${i.summary ? `<p style="margin:0 0 4px">${esc(i.summary)}</p>` : ''}<dl><dt>Opened</dt><dd>${clock(i.openedAt)} (${ago(i.openedAt)} ago)</dd><dt>Units</dt><dd>${units.length ? units.map((u) => `${esc(shortUnit(u.id))} ${esc(STATUS_LABEL[u.status])}`).join('<br>') : 'none'}</dd>${i.closedAt ? `<dt>Closed</dt><dd>${esc(i.disposition)}</dd>` : ''}</dl><p class="muted small" style="margin:4px 0 0">Click to open on the desk</p>`;
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

let lastBoards = 0, lastIncidents = 0, lastChartVersion = -1;
function flushBoards(force = false) {
  const now = performance.now();
  try {
    if (state.dirty.calls) { state.dirty.calls = false; renderCalls(); if (state.recommendation && state.recommendation.status === 'ready' && !state.calls.has(state.recommendation.callId)) clearRecommendation(); }
    if (state.dirty.incidents && (force || now - lastIncidents > 250)) { state.dirty.incidents = false; lastIncidents = now; renderIncidents(); }
    if (state.dirty.unitDetail) { state.dirty.unitDetail = false; renderUnitDetail(); }
    if (state.dirty.signals) { state.dirty.signals = false; renderSignals(); state.dirty.cameras = true; state.dirty.health = true; }
    flushDesk();
    if (force || now - lastBoards > 700) {
      lastBoards = now;
      if (state.dirty.units) { state.dirty.units = false; renderUnits(); }
      if (state.dirty.sensors) { state.dirty.sensors = false; renderSensors(); }
      if (state.dirty.cameras) { state.dirty.cameras = false; renderCameras(); }
      if (state.dirty.health) { state.dirty.health = false; renderHealth(); }
      // The selected sensor's card follows its live readings.
      const chosen = state.selectedSensor && state.sensors.get(state.selectedSensor);
      if (chosen && chosen.version !== lastChartVersion) { lastChartVersion = chosen.version; state.dirty.sensorDetail = true; }
      if (state.dirty.sensorDetail) { state.dirty.sensorDetail = false; renderSensorDetail(); }
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
setInterval(() => { Object.assign(state.dirty, { calls: true, units: true, sensors: true, header: true, incidents: true, signals: true, cameras: true, health: true }); if (map) map.requestDraw(); }, 5000);
// Camera counts and trails poll on their own clock (only while the tab is visible).
setInterval(() => cameraTick(), 1000);
document.addEventListener('visibilitychange', () => { if (!document.hidden) cameraTick(); });

// ---------------------------------------------------------------------------------------------
// Sign-in, discovery, start

let map = null;
let stream = null;

function readKey() {
  // A session token in the fragment (never sent to the server; tools such as scripts/dashboard-smoke use it) moves to
  // session storage and leaves the address bar; an API key there is refused at sign-in like any other key.
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
  setTimeout(() => $('login-user').focus(), 0);
}

function logout() {
  // A session ends on the server too (an API key stays valid until an admin revokes it).
  if (state.key && state.key.startsWith('scs_')) {
    fetch('/v1/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${state.key}` }, keepalive: true }).catch(() => {});
  }
  try { sessionStorage.removeItem(KEY_STORAGE); } catch { /* ignore */ }
  if (stream) stream.stop();
  // A reload drops every piece of state and every open request with it.
  location.replace(location.pathname);
}

/// Password and one-time code → a session token (POST /v1/auth/login), or null with the reason shown.
async function accountSession(username, password, code) {
  $('login-password').value = '';
  $('login-code').value = '';
  if (!password || !/^[0-9]{6}$/.test(code)) {
    showLogin('Give your password and the 6-digit code from your authenticator app.');
    return null;
  }
  let response;
  try {
    response = await fetch('/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password, code }) });
  } catch (error) {
    showLogin(`Could not reach the server: ${error.message}`);
    return null;
  }
  let body = {};
  try { body = await response.json(); } catch { /* a problem without a body */ }
  if (!response.ok) {
    const wait = response.headers.get('Retry-After');
    showLogin(`Not signed in (${response.status}): ${str(body.detail || body.title || 'refused', 300)}${wait ? ` — try again in ${wait} s` : ''}`);
    return null;
  }
  return str(body.token, 200) || null;
}

async function signIn(key) {
  // People sign in with password and one-time code; an API key (sck_…) is a machine credential.
  if (!key.trim().startsWith('scs_')) {
    try { sessionStorage.removeItem(KEY_STORAGE); } catch { /* ignore */ }
    showLogin('API keys are machine credentials: sign in with your username, password and one-time code.');
    return false;
  }
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
      showLogin(`Your session has ended or was revoked: sign in again (${error.message})`);
      return false;
    }
    if (error instanceof ApiError && error.status === 403) {
      try { sessionStorage.removeItem(KEY_STORAGE); } catch { /* ignore */ }
      state.key = null;
      showLogin(`Your role cannot see the operations picture (${error.message}).`);
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
  loadDispatch();          // marks itself loading at once: stream events wait for the board
  refreshSignals();
  refreshAir();
  loadCameras();
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
        newUnit(source.slice(5), loc.lat, loc.lon).seenAt = timeOf(s.occurredAt);
      } else if (source.startsWith('sensor:') && state.sensors.size < CAP.sensors) {
        const id = source.slice(7);
        const quantity = (/^([a-z0-9_]+(?:-count)?)-\d+$/.exec(id) || [])[1] || 'unknown';
        state.sensors.set(id, { id, quantity, unit: '', value: null, series: [], version: 0, lat: loc ? loc.lat : null, lon: loc ? loc.lon : null, seenAt: timeOf(s.occurredAt) });
      }
    }
  }
  Object.assign(state.dirty, { units: true, sensors: true, header: true });
}

async function discoverRole() {
  try {
    const me = await api('/v1/whoami');
    const actions = new Set(strings(isObj(me) ? me.actions : null, 60));
    state.can = {
      ...state.can, keys: actions.has('keys.manage'), metrics: actions.has('metrics.read'), events: actions.has('events.read'), ack: actions.has('signals.acknowledge'), tracks: actions.size ? actions.has('tracks.read') : null,
      forecasts: actions.size ? actions.has('forecasts.read') : null, health: actions.size ? actions.has('health.read') : null, advise: actions.has('health.advise'),
      alertsRead: actions.has('alerts.read'), draft: actions.has('alerts.draft'), approve: actions.has('alerts.approve'),
    };
    state.role = str(me.role, 40) || 'staff';
    state.actor = str(me.actor, 120) || null;
    state.name = str(me.name, 80) || state.name;
  } catch { state.role = state.role || 'staff'; }
  $('verify-btn').hidden = !state.can.keys;
  $('alerts-btn').hidden = !state.can.alertsRead;
  if (!$('alert-card').hidden) renderAlertCard();
  state.dirty.signals = true;
  if (state.can.tracks === true && state.cameras.tracks === 'unknown') refreshTrails();
  applyLayerAccess();
  renderWho();
}

/// After whoami: the forecast layer disabled (with the reason) for roles that may not read forecasts; the
/// public-health panel and layer (on by default) for roles that may read health, and no request otherwise.
function applyLayerAccess() {
  if (state.can.forecasts === false) forecastForbidden(null);
  const h = state.health;
  if (state.can.health === false) { h.access = 'none'; clearTimeout(healthTimer); }
  else if (h.access === 'unknown') {
    h.access = state.can.health === true ? 'allowed' : 'unknown';
    $('health-panel').hidden = false;
    $('layer-health-label').hidden = false;
    $('layer-health').checked = true;
    map.layers.health = true;
    refreshHealth();
  }
  state.dirty.health = true;
  renderForecast();
  renderLegend();
}

// EMS coverage within a response standard: what the units reach now, what dispatches took away, the best move-up.
const COVERAGE_AGENCY = 'ems', COVERAGE_MINUTES = 3;
async function refreshCoverage() {
  const status = $('coverage-status');
  try {
    const cov = await api(`/v1/dispatch/coverage?agency=${COVERAGE_AGENCY}&minutes=${COVERAGE_MINUTES}`);
    const points = isObj(cov) && isObj(cov.uncovered) && Array.isArray(cov.uncovered.coordinates) ? cov.uncovered.coordinates : [];
    state.dispatch.coverage = { uncovered: points.filter((p) => Array.isArray(p) && validLatLon(num(p[1]), num(p[0]))) };
    const pct = (v) => `${Math.round((num(v) ?? 0) * 1000) / 10} %`;
    const move = isObj(cov.moveUp) ? ` · move-up: ${str(cov.moveUp.reason, 200)}` : '';
    status.textContent = `EMS ${COVERAGE_MINUTES}-min coverage ${pct(cov.coveredShare)} of roads (planned ${pct(cov.plannedShare)})${move}`;
  } catch (error) {
    state.dispatch.coverage = null;
    status.textContent = `Coverage unavailable: ${error.message}`;
  }
  map.requestDraw();
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

/// Whether a key goes into a field (text inputs, selects) rather than to the shortcuts; checkboxes and buttons do not count.
function typing(e) {
  const t = e.target;
  if (!t) return false;
  if (t.tagName === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(t.type);
  return t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable;
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
    if (alertDrawing()) { e.preventDefault(); cancelAlertTool(); return; }
    hideTip();
    if (state.desk.mode === 'form') cancelForm();
    else if (state.routes.length || state.recommendation) clearRecommendation();
    else {
      state.selectedCall = state.selectedUnit = state.selectedSensor = null;
      state.signals.selected = null;
      state.cameras.selected = null;
      state.health.selected = null;
      unselectIncident();
      Object.assign(state.dirty, { calls: true, units: true, sensors: true, unitDetail: true, signals: true, sensorDetail: true, cameras: true, health: true });
      map.requestDraw();
    }
    return;
  }
  if (typing(e) || !$('login').hidden) return;
  if (!$('help').hidden && e.key !== '?') return;
  if (e.key === 'Enter' && alertDrawing() && state.alert.tool === 'polygon' && (!document.activeElement || document.activeElement === document.body || document.activeElement.id === 'map')) {
    e.preventDefault(); finishAlertPolygon(); return;
  }
  const focusFirst = (sel) => { const el = document.querySelector(sel); if (el) { el.focus(); el.scrollIntoView({ block: 'nearest' }); } };
  const form = state.desk.mode === 'form';
  switch (e.key) {
    case 't': e.preventDefault(); if (form) $('f-typeCode').focus(); else takeCall(); break;
    case 'i': {
      e.preventDefault();
      const id = state.selectedIncident && state.incidents.has(state.selectedIncident) ? state.selectedIncident : state.incidentOrder[0];
      if (id) { if (!form) selectIncident(id, { focusMap: false }); focusIncidentButton(id); }
      break;
    }
    case 'd': e.preventDefault(); if (!form) dispatchPicked(); break;
    case 'e': e.preventDefault(); focusStatusControls(); break;
    case 'x': e.preventDefault(); if (!form) focusClose(); break;
    case '?': e.preventDefault(); if ($('help').hidden) openHelp(); else $('help').hidden = true; break;
    case 'c': {
      e.preventDefault();
      const id = state.selectedCall && state.calls.has(state.selectedCall) ? state.selectedCall : state.callOrder[0];
      if (id) { selectCall(id, { focusMap: false }); focusCallButton(id); } else $('calls-list').focus();
      break;
    }
    case 'n': e.preventDefault(); if (state.callOrder[0]) { selectCall(state.callOrder[0], { focusMap: true }); focusCallButton(state.callOrder[0]); } break;
    case 'u': e.preventDefault(); focusFirst('#units-groups li.selected'); if (!document.activeElement.closest('#units-groups')) focusFirst('#units-groups li'); break;
    case 's': {
      e.preventDefault();
      const sig = state.signals;
      const seq = sig.selected !== null && sig.bySeq.has(sig.selected) ? sig.selected : (sig.list[0] ? sig.list[0].seq : null);
      if (seq !== null) { selectSignal(seq, { focusMap: false }); focusSignalButton(seq); } else $('signals-panel').scrollIntoView({ block: 'nearest' });
      break;
    }
    case 'a': {
      e.preventDefault();
      const row = document.activeElement && document.activeElement.closest('#signals-list li');
      const idle = !document.activeElement || document.activeElement === document.body;
      const seq = row ? num(row.dataset.key) : (idle ? state.signals.selected : null);
      if (seq !== null && seq !== undefined) openAckNote(seq); else announce('Select a signal first (s, then ↑/↓).');
      break;
    }
    case 'o': e.preventDefault(); focusFirst('#sensors-list li.selected'); if (!document.activeElement.closest('#sensors-list')) focusFirst('#sensors-list li'); break;
    case 'k': {
      e.preventDefault();
      const cam = state.cameras;
      const id = cam.selected !== null && cameraRow(cam.selected) ? cam.selected : (cam.rows[0] ? cam.rows[0].id : null);
      if (id !== null) { selectCamera(id, { focusMap: false }); focusCameraButton(id); } else $('cameras-panel').scrollIntoView({ block: 'nearest' });
      break;
    }
    case 'w': e.preventDefault(); toggleAlertCard(); break;
    case 'v': e.preventDefault(); { const box = $('layer-cameras'); box.checked = !box.checked; box.dispatchEvent(new Event('change')); announce(`Cameras layer ${box.checked ? 'on' : 'off'}`); } break;
    case 'q': e.preventDefault(); { const box = $('layer-air'); box.checked = !box.checked; box.dispatchEvent(new Event('change')); } break;
    case 'g': e.preventDefault(); setForecastLayer(!map.layers.forecast); announce(state.forecast.forbidden ? 'Forecasts: not available to your role' : `Forecast layer ${map.layers.forecast ? 'on' : 'off'}`); break;
    case 'h': {
      e.preventDefault();
      const h = state.health;
      if (h.access === 'none' || h.access === 'forbidden') {
        h.showForbidden = true;
        if (!h.error) h.error = 'Public health: not available to your role (admin, health officer and analyst read it).';
        renderHealth();
        $('health-panel').scrollIntoView({ block: 'nearest' });
        announce('Public health: not available to your role');
        break;
      }
      const id = h.selected && healthArea(h.selected) ? h.selected : (h.areas[0] ? h.areas[0].id : null);
      if (id) { selectHealthArea(id, { focusMap: false }); focusHealthButton(id); } else $('health-panel').scrollIntoView({ block: 'nearest' });
      break;
    }
    case 'H': e.preventDefault(); if (healthAllowed()) { const box = $('layer-health'); box.checked = !box.checked; box.dispatchEvent(new Event('change')); announce(`Public-health layer ${box.checked ? 'on' : 'off'}`); } else announce('Public health: not available to your role'); break;
    case 'm': e.preventDefault(); $('map').focus(); break;
    case 'f': e.preventDefault(); map.fit(true); break;
    case '+': case '=': e.preventDefault(); map.zoomBy(1.5); break;
    case '-': case '_': e.preventDefault(); map.zoomBy(1 / 1.5); break;
    case 'r': e.preventDefault(); if (state.desk.mode === 'incident') recommendIncident(); else if (!form) recommend(); break;
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
// Public alerts: the area drawn on the map (polygon or circle), worded in English and Spanish, drafted
// (POST /v1/alerts, alerts.draft); another person approves or rejects it (POST /v1/alerts/{id}/approve|reject).

const ALERT_CATEGORIES = ['Safety', 'Fire', 'Met', 'Health', 'Env', 'Transport', 'Infra', 'Rescue', 'Security', 'CBRNE', 'Geo', 'Other'];
const ALERT_RESPONSES = ['', 'Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'];
const ALERT_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'];
const ALERT_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
const ALERT_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'];
const ALERT_LANGUAGES = [['en-US', 'English'], ['es-US', 'Spanish']];
const ALERT_COLOR = '#ff9f43';
const ALERT_REVIEW_COLOR = '#c56cf0';
const ALERT_MAX_VERTICES = 100;

state.alert = {
  open: false, tool: null, points: [], closed: false, center: null, radius: null,
  drafts: [], loading: false, error: '', busy: false, tracing: false, result: null, review: null, errors: new Map(), rejecting: null, timer: null,
};

function alertDrawing() { return state.alert.open && !!state.alert.tool; }

function toggleAlertCard(force) {
  const al = state.alert;
  const open = force === undefined ? $('alert-card').hidden : force;
  if (open && !state.can.alertsRead) { announce('Public alerts: not available to your role'); return; }
  al.open = open;
  $('alert-card').hidden = !open;
  if (!open) { al.tool = null; map.requestDraw(); return; }
  renderAlertCard();
  refreshAlerts();
  const first = state.can.draft ? $('al-tool-polygon') : $('alert-queue').querySelector('button');
  if (first) first.focus();
}

function installAlertCard() {
  $('al-tool-polygon').addEventListener('click', () => startAlertTool('polygon'));
  $('al-tool-circle').addEventListener('click', () => startAlertTool('circle'));
  $('al-tool-drive').addEventListener('click', () => startAlertTool('drive'));
  $('al-tool-clear').addEventListener('click', () => { clearAlertArea(); announce('Area cleared'); });
  const form = $('al-form');
  const select = (name, values, selected) => `<select name="${name}" id="al-${name}">${values.map((v) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(v || '—')}</option>`).join('')}</select>`;
  const row = (label, name, control) => `<label class="al-f" for="al-${name.replace(/[^a-z0-9]/gi, '-')}">${label}</label>${control}<p class="field-error" data-error-for="${esc(name)}" role="alert" hidden></p>`;
  const text = (name, attrs = '') => `<input name="${esc(name)}" id="al-${name.replace(/[^a-z0-9]/gi, '-')}" ${attrs}>`;
  const area = (name, rows) => `<textarea name="${esc(name)}" id="al-${name.replace(/[^a-z0-9]/gi, '-')}" rows="${rows}"></textarea>`;
  let html = '<p class="field-error" data-error-for="" role="alert" hidden></p>';
  html += row('Event', 'event', text('event', 'maxlength="200" placeholder="e.g. Gas leak"'));
  html += '<div class="al-grid">';
  html += `<div>${row('Category', 'category', select('category', ALERT_CATEGORIES, 'Safety'))}</div>`;
  html += `<div>${row('Response', 'responseType', select('responseType', ALERT_RESPONSES, ''))}</div>`;
  html += `<div>${row('Severity', 'severity', select('severity', ALERT_SEVERITIES, 'Severe'))}</div>`;
  html += `<div>${row('Urgency', 'urgency', select('urgency', ALERT_URGENCIES, 'Immediate'))}</div>`;
  html += `<div>${row('Certainty', 'certainty', select('certainty', ALERT_CERTAINTIES, 'Observed'))}</div>`;
  html += `<div>${row('Hours valid', 'expires', text('expires', 'type="number" min="1" max="72" value="2"'))}</div>`;
  html += '</div>';
  html += row('Area description', 'area.description', text('area.description', 'maxlength="200" placeholder="e.g. Around Place du Casino"'));
  ALERT_LANGUAGES.forEach(([code, name], i) => {
    html += `<fieldset class="al-lang" data-language="${code}"><legend>${name} (${code})</legend>`;
    html += `<p class="field-error" data-error-for="texts[${i}]" role="alert" hidden></p>`;
    html += row('Headline', `texts[${i}].headline`, text(`texts[${i}].headline`, 'maxlength="160"'));
    html += row('Description', `texts[${i}].description`, area(`texts[${i}].description`, 2));
    html += row('Instruction', `texts[${i}].instruction`, area(`texts[${i}].instruction`, 2));
    html += row('Wireless text (≤ 90)', `texts[${i}].wirelessText`, text(`texts[${i}].wirelessText`, 'maxlength="120"'));
    html += '</fieldset>';
  });
  html += '<p class="field-error" data-error-for="texts" role="alert" hidden></p>';
  html += '<div class="al-actions"><button type="submit" class="btn primary tiny" id="al-submit">Draft for approval</button><span id="al-result" aria-live="polite"></span></div>';
  form.innerHTML = html;
  form.addEventListener('submit', (e) => { e.preventDefault(); submitAlertDraft(); });
  $('alert-queue').addEventListener('click', (e) => {
    const li = e.target.closest('li[data-alert]');
    if (!li) return;
    const id = li.dataset.alert;
    if (e.target.closest('[data-approve]')) approveAlert(id);
    else if (e.target.closest('[data-reject]')) { state.alert.rejecting = id; renderAlertQueue(); const r = li.querySelector('.al-reason'); const again = document.querySelector(`#alert-queue li[data-alert="${CSS.escape(id)}"] .al-reason`); if (again || r) (again || r).focus(); }
    else if (e.target.closest('[data-reject-confirm]')) rejectAlert(id, (document.querySelector(`#alert-queue li[data-alert="${CSS.escape(id)}"] .al-reason`) || {}).value || '');
    else if (e.target.closest('[data-reject-cancel]')) { state.alert.rejecting = null; renderAlertQueue(); }
    else if (e.target.closest('.al-show')) showDraftArea(id);
  });
  $('alert-queue').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.classList.contains('al-reason')) { e.preventDefault(); const li = e.target.closest('li[data-alert]'); rejectAlert(li.dataset.alert, e.target.value); }
  });
}

function renderAlertCard() {
  const al = state.alert;
  $('alert-draft').hidden = !state.can.draft;
  setText($('alert-role'), state.can.draft ? 'draft' : state.can.approve ? 'approve' : 'read only');
  for (const tool of ['polygon', 'circle', 'drive']) {
    const b = $(`al-tool-${tool}`);
    setAttr(b, 'aria-pressed', String(al.tool === tool));
    b.classList.toggle('active', al.tool === tool);
  }
  const info = $('al-area-info');
  const shape = alertShape();
  let text;
  if (al.tool === 'polygon') text = `Drawing a polygon: ${al.points.length} point${al.points.length === 1 ? '' : 's'} — click to add, double-click or Enter to close, Esc to cancel.`;
  else if (al.tool === 'circle') text = al.center ? 'Circle: click a point on its edge (Esc cancels).' : 'Circle: click its centre on the map (Esc cancels).';
  else if (al.tool === 'drive') text = al.tracing ? 'Drive time: tracing the roads…' : `Drive time: click where it starts; the area is what a car reaches in ${driveMinutes()} min (Esc cancels).`;
  else if (shape) text = shape.circle
    ? `Circle, radius ${distanceText(shape.circle.radiusMetres)}, ${(Math.PI * shape.circle.radiusMetres ** 2 / 1e6).toFixed(2)} km²`
    : `Polygon, ${shape.polygon.length - 1} vertices, ${(ringAreaMetres(shape.polygon) / 1e6).toFixed(2)} km²`;
  else text = 'No area yet: choose Polygon, Circle or Drive time and draw on the map.';
  setText(info, text);
  setAttr(info, 'data-shape', shape ? (shape.circle ? 'circle' : 'polygon') : '');
  renderAlertQueue();
}

function startAlertTool(tool) {
  const al = state.alert;
  clearAlertArea(false);
  al.tool = tool;
  hideAlertProblem('area');
  renderAlertCard();
  map.requestDraw();
  announce(tool === 'polygon' ? 'Click points on the map; double-click or Enter closes the polygon'
    : tool === 'drive' ? 'Click where the drive starts' : 'Click the circle’s centre, then its edge');
}

function clearAlertArea(render = true) {
  const al = state.alert;
  Object.assign(al, { tool: null, points: [], closed: false, center: null, radius: null });
  if (render) { renderAlertCard(); map.requestDraw(); }
}

function cancelAlertTool() {
  const al = state.alert;
  const wasCircle = al.tool === 'circle';
  al.tool = null;
  if (!al.closed) { al.points = []; }
  if (wasCircle && al.radius === null) al.center = null;
  renderAlertCard();
  map.requestDraw();
  announce('Drawing cancelled');
}

/// A click on the map while drawing: a polygon vertex, or the circle's centre then its edge.
function alertClick(lat, lon) {
  const al = state.alert;
  if (al.tool === 'polygon') {
    const last = al.points[al.points.length - 1];
    // The two clicks of a double-click land on the same spot: one vertex.
    if (last) { const [x0, y0] = map.toScreen(last.lat, last.lon), [x1, y1] = map.toScreen(lat, lon); if (Math.hypot(x1 - x0, y1 - y0) < 4) return; }
    if (al.points.length >= ALERT_MAX_VERTICES) { showAlertProblem('area', `at most ${ALERT_MAX_VERTICES} points`); return; }
    al.points.push({ lat, lon });
  } else if (al.tool === 'drive') {
    if (!al.tracing) driveTimeArea(lat, lon);
    return;
  } else if (al.tool === 'circle') {
    if (!al.center) al.center = { lat, lon };
    else {
      al.radius = Math.max(10, haversine(al.center, { lat, lon }));
      al.tool = null;
      al.closed = true;
      al.points = [];
      announce(`Circle of ${distanceText(al.radius)} set`);
    }
  }
  renderAlertCard();
  map.requestDraw();
}

/// The drive-time minutes asked for, kept within what the server takes (1…30).
function driveMinutes() {
  const n = Math.round(Number($('al-drive-minutes').value));
  return Number.isFinite(n) ? Math.min(30, Math.max(1, n)) : 5;
}

/// The area a car reaches by road from a point in the minutes given (GET /v1/isochrone): its outline becomes the
/// alert polygon, to edit or draft like a drawn one.
async function driveTimeArea(lat, lon) {
  const al = state.alert, minutes = driveMinutes();
  al.tracing = true;
  renderAlertCard();
  try {
    const feature = await api(`/v1/isochrone?from=${lat.toFixed(6)},${lon.toFixed(6)}&minutes=${minutes}&profile=car`);
    const ring = feature && feature.geometry && feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0] : null;
    if (!ring || ring.length < 4) throw localProblem('area', `too few roads are reached in ${minutes} min to outline an area; draw a circle instead`);
    al.points = ring.slice(0, -1).map(([x, y]) => ({ lat: y, lon: x }));
    Object.assign(al, { tool: null, closed: true, center: null, radius: null });
    const description = $('al-area-description');
    if (description && !description.value) description.value = `Within a ${minutes}-minute drive of ${lat.toFixed(4)}, ${lon.toFixed(4)}`;
    hideAlertProblem('area');
    announce(`Drive-time area of ${minutes} minutes set, ${al.points.length} vertices`);
  } catch (error) {
    showAlertProblem('area', error);
  } finally {
    al.tracing = false;
    renderAlertCard();
    map.requestDraw();
  }
}

/// Closes the polygon being drawn (double-click or Enter): at least three points.
function finishAlertPolygon() {
  const al = state.alert;
  if (al.tool !== 'polygon') return;
  if (al.points.length < 3) { showAlertProblem('area', 'a polygon needs at least 3 points'); return; }
  al.tool = null;
  al.closed = true;
  al.center = null; al.radius = null;
  hideAlertProblem('area');
  renderAlertCard();
  map.requestDraw();
  announce(`Polygon of ${al.points.length} points closed`);
}

/// The drawn area as the API takes it: a circle, or a closed ring of points; null while none is finished.
function alertShape() {
  const al = state.alert;
  if (!al.closed) return null;
  if (al.center && al.radius !== null) return { circle: { center: { latitude: al.center.lat, longitude: al.center.lon }, radiusMetres: Math.round(al.radius) } };
  if (al.points.length >= 3) {
    const ring = al.points.map((p) => ({ latitude: +p.lat.toFixed(6), longitude: +p.lon.toFixed(6) }));
    ring.push({ ...ring[0] });
    return { polygon: ring };
  }
  return null;
}

/// The area of a ring in square metres (planar, on a local equirectangular projection: city-sized areas).
function ringAreaMetres(ring) {
  const lat0 = ring[0].latitude * Math.PI / 180;
  const xy = ring.map((p) => [p.longitude * M_PER_DEG_LON * Math.cos(lat0), p.latitude * M_PER_DEG_LAT]);
  let sum = 0;
  for (let i = 0; i + 1 < xy.length; i++) sum += xy[i][0] * xy[i + 1][1] - xy[i + 1][0] * xy[i][1];
  return Math.abs(sum) / 2;
}

function alertForm() { return $('al-form'); }
function fieldValue(name) { const el = alertForm().querySelector(`[name="${CSS.escape(name)}"]`); return el ? el.value.trim() : ''; }

function alertBody() {
  const hours = Number(fieldValue('expires'));
  const body = {
    event: fieldValue('event'), category: fieldValue('category'), urgency: fieldValue('urgency'), severity: fieldValue('severity'), certainty: fieldValue('certainty'),
    expires: new Date(Date.now() + (Number.isFinite(hours) && hours > 0 ? hours : 0) * 3_600_000).toISOString(),
    area: { description: fieldValue('area.description'), ...(alertShape() || {}) },
    texts: ALERT_LANGUAGES.map(([code], i) => {
      const t = { language: code, headline: fieldValue(`texts[${i}].headline`), description: fieldValue(`texts[${i}].description`), wirelessText: fieldValue(`texts[${i}].wirelessText`) };
      const instruction = fieldValue(`texts[${i}].instruction`);
      if (instruction) t.instruction = instruction;
      return t;
    }),
  };
  if (fieldValue('responseType')) body.responseType = fieldValue('responseType');
  return body;
}

/// The slot for a problem's field: the field itself, else the nearest enclosing one (texts[1].headline → texts[1] → texts), else the card's.
function alertSlot(field) {
  const card = $('alert-card');
  let f = field || '';
  while (f) {
    const slot = card.querySelector(`[data-error-for="${CSS.escape(f)}"]`);
    if (slot) return { slot, field: f };
    const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
    f = cut > 0 ? f.slice(0, cut) : '';
  }
  return { slot: alertForm().querySelector('[data-error-for=""]'), field: '' };
}

function clearAlertProblems() {
  const card = $('alert-card');
  for (const el of card.querySelectorAll('#alert-draft [data-error-for]')) { el.hidden = true; el.textContent = ''; }
  for (const el of card.querySelectorAll('#alert-draft [aria-invalid]')) el.removeAttribute('aria-invalid');
}

function showAlertProblem(field, detailOrError) {
  const error = detailOrError instanceof Error ? detailOrError : localProblem(field, detailOrError);
  const name = error instanceof ApiError && error.problem ? str(error.problem.field, 200) : field;
  const { slot, field: found } = alertSlot(name);
  slot.innerHTML = problemHTML(error);
  slot.hidden = false;
  slot.dataset.status = String(error instanceof ApiError ? error.status : 0);
  slot.dataset.field = name || '';
  const input = found ? alertForm().querySelector(`[name="${CSS.escape(found)}"]`) : null;
  if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
}

function hideAlertProblem(field) {
  const { slot } = alertSlot(field);
  if (slot && slot.dataset.field !== undefined) { slot.hidden = true; slot.textContent = ''; }
}

async function submitAlertDraft() {
  const al = state.alert;
  if (al.busy) return;
  clearAlertProblems();
  setHTMLIfChanged($('al-result'), '');
  al.busy = true;
  $('al-submit').disabled = true;
  try {
    const view = await api('/v1/alerts', { method: 'POST', body: alertBody() });
    const id = isObj(view) && isObj(view.alert) ? str(view.alert.id, 120) : '';
    al.result = id;
    $('al-result').innerHTML = `<span class="ok-note al-ok" data-alert="${esc(id)}">Drafted ${esc(id)}: awaiting another person’s approval</span>`;
    announce(`Alert ${id} drafted for approval`);
    alertForm().reset();
    clearAlertArea();
    refreshAlerts();
  } catch (error) {
    showAlertProblem('', error);
    announce(`Draft refused: ${error.message}`);
  } finally {
    al.busy = false;
    $('al-submit').disabled = false;
  }
}

function scheduleAlerts(delayMs = 400) {
  const al = state.alert;
  if (!al.open) return;
  clearTimeout(al.timer);
  al.timer = setTimeout(refreshAlerts, delayMs);
}

async function refreshAlerts() {
  const al = state.alert;
  if (!state.key || !state.can.alertsRead || al.loading) return;
  al.loading = true;
  try {
    const body = await api('/v1/alerts');
    al.drafts = (isObj(body) ? objects(body.alerts) : []).slice(0, 200).map(alertFromEntry).filter(Boolean);
    al.error = '';
  } catch (error) {
    al.error = problemHTML(error);
  } finally {
    al.loading = false;
  }
  renderAlertQueue();
  map.requestDraw();
}

function alertFromEntry(e) {
  if (!isObj(e) || !isObj(e.draft)) return null;
  const d = e.draft;
  const texts = objects(d.texts);
  const en = texts.find((t) => str(t.language, 20).toLowerCase().startsWith('en')) || texts[0] || {};
  const area = isObj(d.area) ? d.area : {};
  const ring = Array.isArray(area.polygon) ? objects(area.polygon).map((p) => ({ lat: num(p.latitude), lon: num(p.longitude) })).filter((p) => validLatLon(p.lat, p.lon)) : null;
  const c = isObj(area.circle) && isObj(area.circle.center) ? { lat: num(area.circle.center.latitude), lon: num(area.circle.center.longitude), radius: num(area.circle.radiusMetres) } : null;
  return {
    id: str(e.id, 120), status: str(e.status, 20), msgType: str(e.msgType, 20), event: str(d.event, 200), severity: str(d.severity, 20), urgency: str(d.urgency, 20),
    headline: str(en.headline, 200), areaText: str(area.description, 200), draftedBy: str(e.draftedBy, 120), draftedAt: Date.parse(str(e.draftedAt, 40)) || null,
    approvedBy: str(e.approvedBy, 120), rejectedBy: str(e.rejectedBy, 120), reason: str(e.rejectionReason, 1000),
    ring: ring && ring.length >= 4 ? ring : null, circle: c && validLatLon(c.lat, c.lon) && c.radius > 0 ? c : null,
  };
}

function renderAlertQueue() {
  const al = state.alert;
  const box = $('alert-queue');
  const waiting = al.drafts.filter((d) => d.status === 'drafted');
  const recent = al.drafts.filter((d) => d.status !== 'drafted').slice(0, 5);
  const row = (d) => {
    const mine = state.actor && d.draftedBy === state.actor;
    const err = al.errors.get(d.id) || '';
    let actions = '';
    if (d.status === 'drafted' && state.can.approve) {
      actions = mine ? '<span class="muted small al-mine">You drafted this: another person approves it.</span>'
        : al.rejecting === d.id
          ? `<input class="al-reason" aria-label="Why it is rejected" placeholder="Why? (required)" maxlength="1000"><button type="button" class="btn tiny" data-reject-confirm>Reject</button><button type="button" class="btn tiny ghost" data-reject-cancel>Cancel</button>`
          : `<button type="button" class="btn tiny primary" data-approve data-focus="ap:${esc(d.id)}">Approve</button><button type="button" class="btn tiny" data-reject data-focus="rj:${esc(d.id)}">Reject</button>`;
    }
    const outcome = d.status === 'approved' ? `<span class="chip ok-chip">issued</span> by ${esc(d.approvedBy)}`
      : d.status === 'rejected' ? `<span class="chip alarm">rejected</span> by ${esc(d.rejectedBy)}${d.reason ? `: “${esc(d.reason)}”` : ''}`
        : '<span class="chip">awaiting approval</span>';
    return `<li data-alert="${esc(d.id)}" data-status="${esc(d.status)}" class="${al.review === d.id ? 'selected' : ''}">`
      + `<button type="button" class="al-show" title="Show its area on the map"><b>${esc(d.event)}</b> · ${esc(d.severity)}/${esc(d.urgency)}${d.msgType && d.msgType !== 'Alert' ? ` · ${esc(d.msgType)}` : ''}<span class="al-h">${esc(d.headline)}</span><span class="muted small">${esc(d.areaText)} · drafted by ${esc(d.draftedBy)}${d.draftedAt ? ` · ${ago(d.draftedAt)} ago` : ''}</span></button>`
      + `<div class="al-out">${outcome}</div><div class="al-act">${actions}</div><p class="field-error" role="alert"${err ? '' : ' hidden'}>${err}</p></li>`;
  };
  let html = `<h4>Awaiting approval <span class="badge">${waiting.length}</span></h4>`;
  html += waiting.length ? `<ol class="al-list" data-kind="waiting">${waiting.map(row).join('')}</ol>` : '<p class="muted small">No draft awaits approval.</p>';
  if (recent.length) html += `<h4>Recent</h4><ol class="al-list" data-kind="recent">${recent.map(row).join('')}</ol>`;
  if (al.error) html += `<p class="field-error">${al.error}</p>`;
  if (box._html !== html) {
    const reason = box.querySelector('.al-reason');
    const typed = reason ? reason.value : '';
    const hadReason = reason && document.activeElement === reason;
    box._html = html;
    replaceKeepingFocus(box, html);
    const again = box.querySelector('.al-reason');
    if (again) { again.value = typed; if (hadReason) again.focus(); }
  }
}

function showDraftArea(id) {
  const al = state.alert;
  const d = al.drafts.find((x) => x.id === id);
  if (!d) return;
  al.review = al.review === id ? null : id;
  renderAlertQueue();
  if (al.review) {
    const pts = d.ring || (d.circle ? [d.circle] : []);
    if (pts.length) {
      const lat = pts.reduce((a, p) => a + p.lat, 0) / pts.length, lon = pts.reduce((a, p) => a + p.lon, 0) / pts.length;
      map.flyTo(lat, lon, Math.max(map.view.scale, map.fitScale * 2));
    }
  }
  map.requestDraw();
}

async function decideAlert(id, path, body, done) {
  const al = state.alert;
  al.errors.delete(id);
  try {
    await api(`/v1/alerts/${encodeURIComponent(id)}/${path}`, { method: 'POST', body });
    al.rejecting = null;
    announce(done);
  } catch (error) {
    al.errors.set(id, problemHTML(error));
    announce(`Refused: ${error.message}`);
  }
  al.loading = false;
  await refreshAlerts();
  renderAlertQueue();
}

function approveAlert(id) { return decideAlert(id, 'approve', {}, `Alert ${id} approved and issued`); }
function rejectAlert(id, reason) { return decideAlert(id, 'reject', { reason: String(reason || '').trim() }, `Alert ${id} rejected`); }

/// Draws the area being drawn (and, when one is picked in the queue, a draft's area) on the map.
function drawAlertAreas(view, ctx) {
  const al = state.alert;
  let vertices = 0, shape = '';
  const path = (points, close) => {
    ctx.beginPath();
    points.forEach((p, i) => { const [x, y] = view.toScreen(p.lat, p.lon); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
    if (close) ctx.closePath();
  };
  const circlePath = (c, r) => {
    const [x, y] = view.toScreen(c.lat, c.lon);
    const [x2] = view.toScreen(c.lat, c.lon + r / (M_PER_DEG_LON * Math.cos(c.lat * Math.PI / 180)));
    ctx.beginPath(); ctx.arc(x, y, Math.max(2, Math.abs(x2 - x)), 0, Math.PI * 2);
  };
  ctx.save();
  const review = al.review ? al.drafts.find((d) => d.id === al.review) : null;
  if (review) {
    ctx.strokeStyle = ALERT_REVIEW_COLOR; ctx.fillStyle = 'rgba(197,108,240,.16)'; ctx.lineWidth = 2; ctx.setLineDash([6, 4]);
    if (review.ring) path(review.ring, true); else if (review.circle) circlePath(review.circle, review.circle.radius);
    ctx.fill(); ctx.stroke(); ctx.setLineDash([]);
  }
  ctx.strokeStyle = ALERT_COLOR; ctx.fillStyle = 'rgba(255,159,67,.18)'; ctx.lineWidth = 2.5;
  if (al.points.length) {
    path(al.points, al.closed);
    if (al.closed) ctx.fill();
    ctx.stroke();
    for (const p of al.points) { const [x, y] = view.toScreen(p.lat, p.lon); ctx.fillStyle = ALERT_COLOR; ctx.fillRect(x - 3, y - 3, 6, 6); }
    vertices = al.points.length;
    if (al.closed) shape = 'polygon';
  }
  if (al.center) {
    const [x, y] = view.toScreen(al.center.lat, al.center.lon);
    ctx.fillStyle = ALERT_COLOR; ctx.beginPath(); ctx.arc(x, y, 4, 0, Math.PI * 2); ctx.fill();
    if (al.radius !== null) { circlePath(al.center, al.radius); ctx.fillStyle = 'rgba(255,159,67,.18)'; ctx.fill(); ctx.stroke(); shape = 'circle'; }
  }
  ctx.restore();
  return { vertices, shape, review: review ? 1 : 0 };
}

// ---------------------------------------------------------------------------------------------
// Boot

function boot() {
  map = new MapView($('map'));
  document.addEventListener('keydown', onKey);
  $('zoom-in').addEventListener('click', () => map.zoomBy(1.5));
  $('zoom-out').addEventListener('click', () => map.zoomBy(1 / 1.5));
  $('zoom-fit').addEventListener('click', () => map.fit(true));
  for (const layer of ['roads', 'units', 'status', 'incidents', 'sensors', 'calls', 'labels', 'coverage', 'air', 'signals', 'cameras', 'health']) {
    $(`layer-${layer}`).addEventListener('change', (e) => { map.layers[layer] = e.target.checked; map.roadCacheKey = ''; renderLegend(); map.requestDraw(); });
  }
  $('layer-coverage').addEventListener('change', (e) => { if (e.target.checked) refreshCoverage(); else $('coverage-status').textContent = ''; });
  setInterval(() => { if (map.layers.coverage) refreshCoverage(); }, 15_000);
  $('layer-air').addEventListener('change', (e) => { if (e.target.checked && state.key) refreshAir(); });
  $('layer-cameras').addEventListener('change', (e) => { if (e.target.checked && state.key) refreshTrails(); else state.cameras.trails = new Map(); });
  $('layer-forecast').addEventListener('change', (e) => setForecastLayer(e.target.checked));
  $('layer-health').addEventListener('change', (e) => { if (e.target.checked && state.key) refreshHealth(); });
  $('forecast-close').addEventListener('click', () => { setForecastLayer(false); $('layer-forecast').focus(); });
  $('forecast-method').addEventListener('change', (e) => {
    const m = FORECAST_METHODS.includes(e.target.value) ? e.target.value : 'etas';
    state.forecast.method = m; state.forecast.patrol = null; state.forecast.patrolError = '';
    refreshForecast();
  });
  $('forecast-plan').addEventListener('click', () => planPatrols());
  $('forecast-clear-plan').addEventListener('click', () => { state.forecast.patrol = null; renderForecast(); map.requestDraw(); $('forecast-plan').focus(); });
  $('health-detail').addEventListener('click', (e) => {
    if (e.target.closest('[data-action="unselect-area"]')) { state.health.selected = null; state.dirty.health = true; map.requestDraw(); focusFirstHealth(); }
  });
  $('health-syndrome').addEventListener('change', (e) => chooseSyndrome(e.target.value));
  $('alerts-btn').addEventListener('click', () => toggleAlertCard());
  $('alert-close').addEventListener('click', () => toggleAlertCard(false));
  installAlertCard();
  $('health-foot').addEventListener('click', (e) => { const b = e.target.closest('[data-advise]'); if (b) draftAdvisory(num(b.dataset.advise)); });
  $('sensor-detail').addEventListener('click', (e) => {
    if (e.target.closest('[data-action="unselect-sensor"]')) { state.selectedSensor = null; Object.assign(state.dirty, { sensors: true, sensorDetail: true }); map.requestDraw(); }
  });
  $('take-btn').addEventListener('click', () => takeCall());
  installDeskInput();
  renderDesk();
  $('help-btn').addEventListener('click', openHelp);
  $('help-close').addEventListener('click', () => { $('help').hidden = true; });
  $('help').addEventListener('click', (e) => { if (e.target.id === 'help') $('help').hidden = true; });
  $('logout-btn').addEventListener('click', logout);
  $('verify-btn').addEventListener('click', verifyLog);
  $('ticker-pause').addEventListener('click', toggleTicker);
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = $('login-user').value.trim();
    if (!username) { showLogin('Sign in with your username, password and the one-time code from your authenticator app.'); return; }
    const key = await accountSession(username, $('login-password').value, $('login-code').value.trim());
    if (!key) return;
    try { sessionStorage.setItem(KEY_STORAGE, key); } catch { /* ignore */ }
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
  roads: map && map.roads ? map.roads.reduce((n, s) => n + s.count, 0) : 0,
  route: state.routes[0] ? { unit: state.routes[0].unitId, straight: state.routes[0].straight, points: state.routes[0].coords.length } : null,
  routes: state.routes.map((r) => ({ unit: r.unitId, straight: r.straight, points: r.coords.length })),
  dispatch: { loaded: state.dispatch.loaded, message: state.dispatch.message, incidents: state.incidents.size, stations: state.dispatch.stations.size },
  desk: { mode: state.desk.mode, incident: state.desk.incidentId || null },
  signals: { loaded: state.signals.loaded, open: state.signals.list.length, error: state.signals.error, canAcknowledge: state.can.ack },
  air: { cells: state.air.cells.length, sensors: state.air.sensors.size, error: state.air.error },
  cameras: { loaded: state.cameras.loaded, cameras: state.cameras.rows.length, counted: state.cameras.counts.size, tracks: state.cameras.tracks, error: state.cameras.error || state.cameras.countsError },
  forecast: { on: !!(map && map.layers.forecast), method: state.forecast.loadedMethod, cells: state.forecast.cells.length, loading: state.forecast.loading, forbidden: state.forecast.forbidden, error: state.forecast.error, stops: state.forecast.patrol ? state.forecast.patrol.stops.length : 0 },
  alerts: { open: state.alert.open, drafts: state.alert.drafts.length, canDraft: !!state.can.draft, canApprove: !!state.can.approve },
  health: { syndrome: healthSyndrome(), access: state.health.access, areas: state.health.areas.length, alarms: state.health.areas.filter((a) => a.alarm).length, cluster: state.health.cluster ? state.health.cluster.names : null, selected: state.health.selected, error: state.health.error },
});

// For the browser test: the page's own ingest path (records as the stream delivers them, without
// sequence numbers so they never disturb resumption), a synchronous render, and read-outs.
window.safecityTest = {
  ingest(records) { for (const r of records) ingest(r, isObj(r) ? r.type : ''); return records.length; },
  render() { flushBoards(true); map.draw(performance.now()); },
  units() { return [...state.units.values()].map((u) => ({ id: u.id, lat: u.lat, lon: u.lon, agency: u.agency, kind: u.kind, status: u.status, incidentID: u.incidentID })); },
  incidents() { return [...state.incidents.values()].map((i) => ({ id: i.id, priority: i.priority, typeCode: i.typeCode, closed: !!i.closedAt, assignedUnits: [...i.assignedUnits], timeline: i.timeline.length })); },
  toScreen(lat, lon) { const [x, y] = map.toScreen(lat, lon); return { x, y, width: map.width, height: map.height }; },
  signals() { return state.signals.list.map((x) => ({ sequence: x.seq, type: x.type, subject: x.subject, summary: x.summary, lat: x.lat, lon: x.lon, acknowledgedBy: x.ackBy, behaviour: x.behaviour, threatScore: x.threat, suggestsIncident: x.suggests })); },
  airQuality() { return { cells: state.air.cells.length, drawn: map.airDrawn || 0, labelled: map.airLabelled || 0, sensors: state.air.sensors.size, excluded: [...state.air.excluded], error: state.air.error }; },
  sensorHealth() { return Object.fromEntries(state.signals.health); },
  cameras() {
    return state.cameras.rows.map((c) => {
      const counts = state.cameras.counts.get(c.id);
      return { id: c.id, name: c.name, lat: c.lat, lon: c.lon, zones: c.zones.length, lines: c.lines.length, objects: counts ? counts.objects : null,
               occupancy: counts ? counts.occupancy : null, crossings: counts ? counts.crossings : null, framesTotal: counts ? counts.framesTotal : 0,
               lastFrameAt: counts ? counts.lastFrameAt : null, trails: (state.cameras.trails.get(c.id) || []).length };
    });
  },
  forecast() {
    const fc = state.forecast;
    return { method: fc.loadedMethod, cells: fc.cells.length, min: fc.min, max: fc.max, drawn: map.forecastDrawn || 0, backtest: fc.props && isObj(fc.props.backtest) ? objects(fc.props.backtest.rows) : [],
             warnings: fc.props && isObj(fc.props.fairness) ? strings(fc.props.fairness.warnings, 400) : [], forbidden: fc.forbidden,
             patrol: fc.patrol ? { stops: fc.patrol.stops.map((s) => ({ stop: s.stop, lat: s.lat, lon: s.lon })), legs: fc.patrol.legs.length, covered: fc.patrol.covered } : null };
  },
  health() {
    const h = state.health;
    return { access: h.access, areas: h.areas.map((a) => ({ id: a.id, name: a.name, lat: a.lat, lon: a.lon, observed: a.observed, upperbound: a.upper, alarm: a.alarm })),
             cluster: h.cluster, drawn: map.healthDrawn || 0, selected: h.selected, advisories: Object.fromEntries([...h.advisories].map(([k, v]) => [k, { id: v.id || null, pending: !!v.pending, error: v.html ? true : false }])) };
  },
  alerts() {
    const al = state.alert;
    return { open: al.open, tool: al.tool, points: al.points.length, closed: al.closed, shape: alertShape(), drafts: al.drafts.map((d) => ({ id: d.id, status: d.status, event: d.event, draftedBy: d.draftedBy, approvedBy: d.approvedBy, rejectedBy: d.rejectedBy })) };
  },
  syndromes() { return { current: healthSyndrome(), list: (state.health.syndromes || []).map((x) => ({ ...x })) }; },
  airCellCentres() {
    const r = map.airRects || [], out = [];
    for (let i = 0; i < r.length; i += 5) out.push({ x: (r[i] + r[i + 2]) / 2, y: (r[i + 1] + r[i + 3]) / 2, width: r[i + 2] - r[i], category: state.air.cells[r[i + 4]].category });
    return out;
  },
};
