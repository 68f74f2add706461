// Returns a proxy that throws whenever it is read.
export const q2 = () =>
  new Proxy([], {
    get() { throw new Error("gotcha"); },
    getPrototypeOf() { throw new Error("gotcha"); },
  });
