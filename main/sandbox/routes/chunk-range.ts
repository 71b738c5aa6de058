// mex-Chunk-Range `n:N` as the sandbox parses it: null when malformed, out of range, or not chunk n.

export function parseChunkRange(value: string, expectedChunk: number): { chunkNo: number; total: number } | null {
  const text = value.trim();
  if (!text) return expectedChunk === 1 ? { chunkNo: 1, total: 1 } : null;
  const parts = text.split(':');
  if (parts.length !== 2) return null;
  const numbers = parts.map((p) => p.trim());
  if (!numbers.every((n) => /^[+-]?\d+$/.test(n))) return null;
  const [chunkNo, total] = numbers.map(Number) as [number, number];
  if (!(chunkNo > 0 && chunkNo <= total)) return null;
  if (chunkNo !== expectedChunk) return null;
  return { chunkNo, total };
}
