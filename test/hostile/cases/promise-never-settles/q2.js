// An async answer that never arrives.
export async function q2(x, y, z) {
  await new Promise(() => {});
  return [x, y, z];
}
