// NaN and infinities where numbers are expected: allclose holds for none of them.
import { torch } from "autograd-ex";

export const q2 = () => [torch.tensor([NaN]), torch.tensor([Infinity]), torch.tensor([-Infinity])];
