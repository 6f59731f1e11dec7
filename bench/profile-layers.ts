/**
 * `npm run bench:profile -- <file.cpuprofile> [transfers]`: where the server's CPU went, by layer.
 *
 * Reads a V8 CPU profile (written by the server under BENCH_CPU_PROF) and attributes every sample
 * to one layer of the request path: the innermost frame that belongs to a known layer wins, so
 * node-postgres parsing a ledger answer counts as the driver, and the ledger's own code as the
 * ledger. Native frames without a script (JSON.stringify, writev, the garbage collector) are named
 * by their function. Given the number of transfers the profile covers, it also prints µs per
 * transfer. The table in docs/BENCHMARKS.md is this script's output.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Layers in the order a request meets them; each with the frames that belong to it. */
const LAYERS: ReadonlyArray<{ name: string; matches: (frame: CallFrame) => boolean }> = [
  { name: 'idle (waiting for I/O)', matches: (f) => f.functionName === '(idle)' },
  { name: 'garbage collection', matches: (f) => f.functionName === '(garbage collector)' },
  { name: 'logging (pino)', matches: (f) => /node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream)\//.test(f.url) },
  {
    name: 'validation (Ajv, TypeBox)',
    matches: (f) => /node_modules\/(ajv|ajv-formats|typebox)\//.test(f.url) || /http\/validation/.test(f.url),
  },
  {
    name: 'serialisation (JSON, fast-json-stringify)',
    matches: (f) =>
      /node_modules\/fast-json-stringify\//.test(f.url) || (/^JSON\.|^stringify$|^parse$/.test(f.functionName) && f.url === ''),
  },
  {
    name: 'PostgreSQL driver (pg, pg-protocol)',
    matches: (f) => /node_modules\/(pg|pg-protocol|pg-types|postgres-[a-z]+|pg-pool)\//.test(f.url),
  },
  { name: 'database layer (db/: pool, coalescing, prepared names)', matches: (f) => /\/src\/db\//.test(f.url) },
  { name: 'auth and sessions', matches: (f) => /\/modules\/(auth|sca)\//.test(f.url) || /request-auth/.test(f.url) },
  { name: 'idempotency', matches: (f) => /\/modules\/operations\/idempotency/.test(f.url) },
  { name: 'risk', matches: (f) => /\/modules\/risk\//.test(f.url) },
  { name: 'ledger', matches: (f) => /\/modules\/ledger\//.test(f.url) },
  { name: 'outbox and notifications', matches: (f) => /\/modules\/notifications\//.test(f.url) },
  { name: 'operations (life cycle, batcher, views)', matches: (f) => /\/modules\/(operations|transfers|accounts|identity)\//.test(f.url) },
  {
    name: 'Fastify (routing, hooks, reply)',
    matches: (f) => /node_modules\/(fastify|@fastify\/[a-z-]+|find-my-way|avvio|light-my-request|fast-querystring)\//.test(f.url),
  },
  {
    name: 'HTTP parse and socket (node:http, net)',
    matches: (f) =>
      /^node:(_http|http|net|stream|internal\/(http|stream|net|streams))/.test(f.url) ||
      /^(writev|writeBuffer|writeUtf8String|onStreamRead|parserOnHeadersComplete|execute)$/.test(f.functionName),
  },
  {
    name: 'crypto (hashes, HMAC)',
    matches: (f) => /^node:(crypto|internal\/crypto)/.test(f.url) || /^(digest|update|Hash|Hmac)$/.test(f.functionName),
  },
  { name: 'other application code (src/)', matches: (f) => /\/apps\/server\/src\//.test(f.url) },
  { name: 'Node.js internals (timers, promises, events)', matches: (f) => /^node:/.test(f.url) },
];
const PROGRAM = '(program: V8 and native, unattributed)';
const OTHER = 'other libraries';

function layerOfStack(stack: readonly CallFrame[]): string {
  // Innermost first: the first frame that some layer claims decides.
  for (const frame of stack) {
    if (frame.functionName === '(program)') return PROGRAM;
    for (const layer of LAYERS) if (layer.matches(frame)) return layer.name;
  }
  return OTHER;
}

function summarise(profile: CpuProfile): Map<string, number> {
  const parents = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  const layerOfNode = new Map<number, string>();
  const layerOf = (id: number): string => {
    const known = layerOfNode.get(id);
    if (known) return known;
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) stack.push((byId.get(at) as ProfileNode).callFrame);
    const layer = layerOfStack(stack);
    layerOfNode.set(id, layer);
    return layer;
  };
  const micros = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const layer = layerOf(id);
    micros.set(layer, (micros.get(layer) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return micros;
}

function main(): void {
  const [file, transfersArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npm run bench:profile -- <file.cpuprofile> [transfers the profile covers]');
    process.exit(2);
  }
  const transfers = transfersArg ? Number(transfersArg) : null;
  if (transfers !== null && !(Number.isInteger(transfers) && transfers > 0)) {
    console.error(`transfers must be a positive whole number, got "${transfersArg}"`);
    process.exit(2);
  }
  const micros = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const idle = micros.get('idle (waiting for I/O)') ?? 0;
  let busy = 0;
  for (const [layer, value] of micros) if (layer !== 'idle (waiting for I/O)') busy += value;
  const rows = [...micros].filter(([layer]) => layer !== 'idle (waiting for I/O)').sort((a, b) => b[1] - a[1]);
  console.log(`busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s`);
  console.log(`| layer | share of busy CPU |${transfers ? ' µs per transfer |' : ''}`);
  console.log(`|---|---|${transfers ? '---|' : ''}`);
  for (const [layer, value] of rows) {
    // A profile of an idle server has no busy time to share out.
    const share = busy > 0 ? `${((100 * value) / busy).toFixed(1)}%` : 'n/a';
    console.log(`| ${layer} | ${share} |${transfers ? ` ${(value / transfers).toFixed(0)} |` : ''}`);
  }
}

main();
