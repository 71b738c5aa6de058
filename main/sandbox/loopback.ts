// Whether a request came from this machine: its peer is a loopback address (IPv4 127/8, IPv6 ::1,
// or 127/8 mapped into IPv6 by a dual-stack listener).

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}
