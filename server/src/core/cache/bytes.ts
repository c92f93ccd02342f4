/**
 * Varints, float64s and byte runs, written and read: the one byte layer of
 * the cache's records (fileRecord.ts) and files (cacheFile.ts).
 */
/** Bytes written one value at a time, growing as needed. */
export class ByteWriter {
  bytes = new Uint8Array(4096);
  length = 0;
  private readonly view8 = new DataView(new ArrayBuffer(8));

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /** An unsigned integer up to 2^53, seven bits per byte. */
  uint(n: number): void {
    this.reserve(8);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.length++] = n;
  }

  float(n: number): void {
    this.view8.setFloat64(0, n, true);
    this.reserve(8);
    this.bytes.set(new Uint8Array(this.view8.buffer), this.length);
    this.length += 8;
  }

  raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Bytes read one value at a time; anything past the end, or too long, throws the caller's error. */
export class ByteReader {
  at = 0;
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    private readonly fail: (message: string) => Error,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  byte(): number {
    if (this.at >= this.bytes.length) throw this.fail('the bytes end too early');
    return this.bytes[this.at++];
  }

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
      if (scale > 2 ** 53) throw this.fail('a number is too long');
    }
  }

  /** A count of things that each take at least one byte: never more than the bytes left. */
  count(): number {
    const n = this.uint();
    if (n > this.bytes.length - this.at) throw this.fail('a count exceeds the bytes');
    return n;
  }

  float(): number {
    if (this.at + 8 > this.bytes.length) throw this.fail('the bytes end too early');
    const n = this.view.getFloat64(this.at, true);
    this.at += 8;
    return n;
  }

  raw(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw this.fail('the bytes end too early');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}
