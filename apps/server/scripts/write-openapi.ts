import { writeFile } from 'node:fs/promises';
import { openApiDocument } from './openapi-document.js';

const target = new URL('../openapi.json', import.meta.url);
await writeFile(target, await openApiDocument());
process.stdout.write(`Wrote ${target.pathname}\n`);
