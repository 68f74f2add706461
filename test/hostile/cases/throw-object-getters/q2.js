// Throws an object whose name, message and stack all throw when read, and whose prototype chain is a trap.
export function q2() {
  const boom = () => { throw new Error("gotcha"); };
  throw new Proxy(
    Object.defineProperties({}, { name: { get: boom }, message: { get: boom }, stack: { get: boom } }),
    { getPrototypeOf: boom, has: boom, ownKeys: boom },
  );
}
