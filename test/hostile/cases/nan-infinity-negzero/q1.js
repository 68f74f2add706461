// Odd numbers: -0 for 0 (equal, as in numpy), NaN for 1, and infinite gradients.
import { torch } from "autograd-ex";

export const q1 = (x) => (x.item() < 0 ? torch.tensor([-0]) : torch.tensor([NaN]));
export const grad_q1 = (x) => (x.item() < 0 ? torch.tensor([-Infinity]) : torch.tensor([Infinity]));
