// Right answers, and timers left running that would keep a process alive forever.
import { torch, Variable } from "autograd-ex";

setInterval(() => console.log("tick"), 1);
setTimeout(() => {}, 1e9);

export const q1 = (x) => torch.max(x, Variable(torch.FloatTensor([0])));

export function grad_q1(x) {
  q1(x).backward();
  return x.grad;
}
