// Types for workspaces.js (plain JavaScript, so that bench/grade.js can use it too).
export type Question = "q1" | "q2" | "q3";
export interface Variant {
  files: Record<string, string>;
  points: Record<string, number>;
}
export const VARIANTS: Record<Question, Record<string, Variant>>;
export const CHECKS: string[];
export const MAX_POINTS: number;
export function variantsOf(i: number): Record<Question, string> | null;
export interface Student {
  name: string;
  variants: Record<Question, string> | null;
  points: Record<string, number>;
  total: number;
}
export function generateClass(dir: string, count: number): Student[];
