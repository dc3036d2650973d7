// Canvas mutation events carry serialized arguments; an image argument ({rr_type: 'HTMLImageElement', src}) makes the
// replayer load that URL. Only images over http(s), blob: or data:image survive.
import { isSafeUrl } from './sanitize-urls';

const MAX_DEPTH = 16;

/** Blanks every unsafe `src` found in the event's commands, at any depth (arguments nest). */
export function sanitizeCanvasArgs(data: Record<string, unknown>): void {
  visit(data, 0);
}

function visit(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) {
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item) => visit(item, depth + 1));
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.src === 'string' && !isSafeUrl(record.src, 'img', 'src')) {
    record.src = '';
  }
  Object.keys(record).forEach((key) => visit(record[key], depth + 1));
}
