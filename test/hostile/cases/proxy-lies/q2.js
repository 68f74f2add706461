// Returns a proxy of a list that claims three items, handing out numbers that are not tensors.
export const q2 = () =>
  new Proxy([], {
    get(_, key) { return key === "length" ? 3 : 56.46809387207031; },
  });
