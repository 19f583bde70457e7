import { randomInt } from 'node:crypto';

/**
 * No 0/O, 1/I/L: readable over the phone and in handwriting. 31^7 ≈ 27.5 billion ids; a clash
 * with an existing ticket is still checked when a ticket is opened (SupportBot).
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Human-friendly ticket ids like `T-7K3Q9XM`; random, so several instances never collide on a counter. */
export function newTicketId(): string {
  let id = 'T-';
  for (let i = 0; i < 7; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export const TICKET_ID = /^T-[2-9A-HJKMNP-Z]{7}$/;

/** The case ids written in a text ("duplicate of t-7k3q9xm"), upper-cased, in order. */
export const ticketIdsIn = (text: string): string[] =>
  (text.match(TICKET_ID_IN) ?? []).map((id) => id.toUpperCase());
const TICKET_ID_IN = new RegExp(String.raw`\b${TICKET_ID.source.slice(1, -1)}\b`, 'gi');
