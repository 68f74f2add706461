// Exports q2 as a number and nothing else of use.
export const q2 = 56.46809387207031;
export default function q2Function() {}
