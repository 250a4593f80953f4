/** Incremental parser for text/event-stream (WHATWG HTML, "Server-sent events"). */

export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #id: string | null = null;

  /** Feeds a chunk; returns the events it completed. Comments (`:thump`) are heartbeats and dropped. */
  push(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const out: SseEvent[] = [];
    let nl: number;
    while ((nl = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.#buffer.slice(0, nl);
      this.#buffer = this.#buffer.slice(nl + (this.#buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (this.#data.length) out.push({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.#id });
        this.#event = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.#event = value;
      else if (field === 'data') this.#data.push(value);
      else if (field === 'id') this.#id = value;
    }
    // A stream that never sends a newline must not grow the buffer without bound.
    if (this.#buffer.length > 4_000_000) this.#buffer = '';
    return out;
  }
}
