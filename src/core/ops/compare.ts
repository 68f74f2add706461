// Comparisons and selection: bool results with no gradient, and `where`, which routes gradient by a mask.
import { record } from "../autograd.js";
import { RuntimeError } from "../errors.js";
import { broadcastIndex, broadcastShapes } from "../shape.js";
import { Tensor, type Operand } from "../tensor.js";
import { asTensor, eachPair, map1, map2 } from "./kernels.js";
import { floats } from "../storage.js";

function comparison(op: string, test: (x: number, y: number) => boolean) {
  const run = eachPair((x, y) => (test(x, y) ? 1 : 0));
  return (a: Tensor, b: Operand): Tensor => map2(a, asTensor(b, op), run, "bool");
}

export const gt = comparison("gt", (x, y) => x > y);
export const ge = comparison("ge", (x, y) => x >= y);
export const lt = comparison("lt", (x, y) => x < y);
export const le = comparison("le", (x, y) => x <= y);
export const eq = comparison("eq", (x, y) => x === y);
export const ne = comparison("ne", (x, y) => x !== y);
export const logical_and = comparison("logical_and", (x, y) => x !== 0 && y !== 0);
export const logical_or = comparison("logical_or", (x, y) => x !== 0 || y !== 0);
export const logical_not = (x: Tensor): Tensor => map1(x, (v) => (v === 0 ? 1 : 0), "bool");

/** torch.where(condition, input, other): input where condition holds, other elsewhere. */
export function where(condition: Tensor, input: Operand, other: Operand): Tensor {
  const a = asTensor(input, "where", "input", 1), b = asTensor(other, "where", "other", 2);
  if (!(condition instanceof Tensor) || condition.dtype !== "bool") {
    throw new RuntimeError("where expected condition to be a boolean tensor, but got a tensor with dtype Float");
  }
  const shape = broadcastShapes(broadcastShapes(condition._shape, a._shape), b._shape);
  const ic = broadcastIndex(condition._shape, shape), ia = broadcastIndex(a._shape, shape), ib = broadcastIndex(b._shape, shape);
  const cv = condition._values, av = a._values, bv = b._values;
  const out = floats(ic.length);
  for (let i = 0; i < out.length; i++) out[i] = cv[ic[i]] !== 0 ? av[ia[i]] : bv[ib[i]];
  const picked = new Tensor(out, shape);
  return record(picked, "WhereBackward0", [a, b], (g) => [where(condition, g, 0), where(condition, 0, g)], true);
}
