// Fills the heap with small objects: garbage collection slows to a crawl long before the heap is full.
export function q2(x, y, z) {
  const keep = [];
  for (;;) keep.push({ a: [1, 2, 3], b: "x" + keep.length });
}
