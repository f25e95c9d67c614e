// Assertions shared by the security tests: an RFC 9457 refusal, and what no response may carry.
import { expect } from 'vitest';

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** `r` is a problem+json refusal with this status (and code, when given). */
export function expectProblem(r: Answer, status: number, code?: string): void {
  expect({ status: r.status, type: r.headers.get('content-type') }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(r.body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    code: code ?? expect.any(String),
  });
}

// A Node stack frame, a Prisma or pg error, or SQL text: none of it may reach a client.
const LEAKS: ReadonlyArray<[string, RegExp]> = [
  ['stack trace', /\bat [\w$.<>]+ \(?[^\s)]*:\d+:\d+\)?|node_modules|\.ts:\d+:\d+/],
  ['Prisma error', /Prisma|Invalid `[\w.]+\(\)` invocation|\bP\d{4}\b/],
  [
    'SQL',
    /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[\s\S]{0,200}\b(FROM|WHERE|VALUES|SET)\b|syntax error at or near|violates (unique|foreign key|check) constraint|relation "\w+"/i,
  ],
];

/** The names of the leaks found in a response body. */
export function leaksIn(text: string): string[] {
  return LEAKS.filter(([, re]) => re.test(text)).map(([name]) => name);
}
