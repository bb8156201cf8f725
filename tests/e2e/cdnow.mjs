// The public CDNOW sample (2,357 customers of a CD retailer, orders 1997-01 → 1998-06) as a
// backup the app restores, and its raw rows, for the journeys on real purchase histories.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const TRANSACTIONS = path.join(here, '../../crates/engine/tests/fixtures/cdnow_transactions.csv');

/** The raw transactions: [customer id, date, CDs, amount] as text. */
export function cdnowRows() {
  return fs.readFileSync(TRANSACTIONS, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

/** A backup of the CDNOW sample as the app writes one: orders only, nothing else recorded. */
export function cdnowBackup() {
  const rows = cdnowRows();
  const first = new Map();
  for (const [id, date] of rows) {
    const c = Number(id);
    if (!first.has(c) || date < first.get(c)) first.set(c, date);
  }
  const ids = [...first.keys()].sort((a, b) => a - b);
  const customers = ids.map((id) => ({
    id, name: `CDNOW-${String(id).padStart(5, '0')}`, kind: 'company', industry: '零售', region: '',
    tier: 'C', tags: [], status: 'active', since: first.get(id), notes: '', cannot_lose: false, referrals: 0,
  }));
  let next = ids[ids.length - 1] + 1;
  const orders = rows.map(([id, date, cds, amount]) => ({
    id: next++, customer: Number(id), date, amount: Math.round(Number(amount) * 100), quantity: Number(cds),
    margin: 0, cost_to_serve: 0, staff: null, note: '',
  }));
  const empty = ['contacts', 'staff', 'relationships', 'interactions', 'complaints', 'surveys', 'signals',
    'key_dates', 'tasks', 'handovers', 'instalments', 'winback_cases', 'announcements'];
  return {
    format: 'liuke-book', schema_version: 1, next_id: next, exported_on: '1998-06-30', customers, orders,
    ...Object.fromEntries(empty.map((k) => [k, []])),
  };
}


/** A CDNOW customer's name in the files below and in the book. */
export const cdnowName = (id) => `CDNOW-${String(id).padStart(5, '0')}`;

/**
 * The first customers' (ids up to `maxId`) histories as the two CSV files a user imports,
 * customers then orders, written under `dir`; with the rows and ids they hold.
 */
export function cdnowCsvFiles(dir, maxId) {
  const rows = cdnowRows().filter(([id]) => Number(id) <= maxId);
  const ids = [...new Set(rows.map(([id]) => Number(id)))];
  const customers = path.join(dir, 'customers.csv');
  fs.writeFileSync(customers, ['客户名称', ...ids.map(cdnowName)].join('\r\n'));
  const orders = path.join(dir, 'orders.csv');
  fs.writeFileSync(orders, ['客户名称,下单日期,金额', ...rows.map(([id, date, , amount]) => `${cdnowName(id)},${date},${amount}`)].join('\r\n'));
  return { rows, ids, customers, orders };
}
