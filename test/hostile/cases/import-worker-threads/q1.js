// Starts a worker thread, whose memory a worker's limits would not cap.
import { Worker } from "worker_threads";

export const q1 = () => new Worker("for (;;) {}", { eval: true });
export const grad_q1 = q1;
