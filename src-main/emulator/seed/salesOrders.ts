import { createPrng, pick, randomInt } from './prng.js';

/** One row of the sample sales data. `orderDate` is `YYYY-MM-DD`; money in euros with cents. */
export interface SalesOrder {
  orderId: number;
  orderDate: string;
  region: string;
  product: string;
  quantity: number;
  unitPrice: number;
  shipped: boolean;
}

const regions = ['North', 'South', 'East', 'West', 'Central'] as const;
const products = [
  'Kayak',
  'Paddle',
  'Life vest',
  'Dry bag',
  'Tent',
  'Lantern',
  'Water filter',
] as const;

/** `count` deterministic orders of month `month` (1–12) of 2025, ids starting at `firstId`. */
export function salesOrders(month: number, count: number, firstId: number): SalesOrder[] {
  const random = createPrng(2025_00 + month);
  return Array.from({ length: count }, (_, i) => ({
    orderId: firstId + i,
    orderDate: `2025-${String(month).padStart(2, '0')}-${String(randomInt(random, 1, 28)).padStart(2, '0')}`,
    region: pick(random, regions),
    product: pick(random, products),
    quantity: randomInt(random, 1, 20),
    unitPrice: randomInt(random, 500, 90_000) / 100,
    shipped: random() < 0.8,
  }));
}

const csvCell = (v: string | number | boolean): string =>
  typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v);

/** The orders as delimited text with a header row (`,` for CSV, `\t` for TSV), `\n` line ends. */
export function ordersToDelimited(orders: SalesOrder[], delimiter: ',' | '\t'): string {
  const header = [
    'order_id',
    'order_date',
    'region',
    'product',
    'quantity',
    'unit_price',
    'shipped',
  ];
  const lines = orders.map((o) =>
    [o.orderId, o.orderDate, o.region, o.product, o.quantity, o.unitPrice.toFixed(2), o.shipped]
      .map(csvCell)
      .join(delimiter),
  );
  return `${[header.join(delimiter), ...lines].join('\n')}\n`;
}
