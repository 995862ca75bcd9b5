// Query-string paging as the list operations do it: `maxResults` (default 20, the model caps it at 100)
// and an opaque `nextToken` that is only valid for the list it came from.
import { raiseField } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;

export function page<T>(
  items: T[],
  input: { maxResults?: unknown; nextToken?: unknown },
  listName: string,
): { items: T[]; nextToken?: string } {
  const size = typeof input.maxResults === 'number' ? input.maxResults : DEFAULT_PAGE_SIZE;
  const start = input.nextToken === undefined ? 0 : decodeToken(String(input.nextToken), listName);
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: encodeToken(end, listName) } : {}),
  };
}

const encodeToken = (offset: number, listName: string) =>
  Buffer.from(JSON.stringify({ list: listName, offset })).toString('base64url');

function decodeToken(token: string, listName: string): number {
  try {
    const { list, offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (list === listName && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the validation error
  }
  return raiseField('nextToken', 'Invalid pagination token');
}
