/**
 * Writes each published table as Arrow IPC (`<table>.arrow`) into the folder given, for the build's plugin
 * (plugin.js runs this in a child process so that Vite's config loads no TypeScript from src/).
 * Run: `npx tsx scripts/arrow/write.ts <folder>`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TABLE_COLUMNS, type TableName } from '../../src/lib/data/contract';
import { arrowTables } from './ipc';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx scripts/arrow/write.ts <folder>');
const ipc = await arrowTables('static/data/csv', Object.keys(TABLE_COLUMNS) as TableName[]);
for (const [table, bytes] of Object.entries(ipc)) writeFileSync(path.join(out, `${table}.arrow`), bytes);
