// What the client says about itself: mex-ClientVersion and the mex-OS* headers on the
// handshake, and the User-Agent on every request, in the forms mesh-client uses.
import { arch, release, type as osType, version as osVersion } from 'node:os';

export const CLIENT_LIBRARY = 'mesh-console-client';
export const CLIENT_VERSION = '0.1.0';

function ascii(value: string): string {
  return (
    value
      .replace(/[^\x20-\x7e]/g, '')
      .trim()
      .slice(0, 200) || 'unknown'
  );
}

/** Node's arch names as MESH expects them (mesh-client sends Python's platform.machine()). */
export function osArchitecture(nodeArch: string = arch()): string {
  return ({ x64: 'x86_64', arm64: 'aarch64', ia32: 'i686', arm: 'armv7l' } as Record<string, string>)[nodeArch] ?? nodeArch;
}

/** `[<app>;]mesh-console-client==<version>`. */
export function clientVersion(clientName?: string): string {
  const library = `${CLIENT_LIBRARY}==${CLIENT_VERSION}`;
  return ascii(clientName ? `${clientName};${library}` : library);
}

export function handshakeHeaders(clientName?: string): Record<string, string> {
  return {
    'mex-clientversion': clientVersion(clientName),
    'mex-osname': ascii(osType()),
    'mex-osversion': ascii(`${release()} ${osVersion()}`),
    'mex-osarchitecture': ascii(osArchitecture()),
    'mex-javaversion': 'N/A',
  };
}

export function userAgent(clientName?: string): string {
  return ascii(`${clientName ? `${clientName};` : ''}${CLIENT_LIBRARY};${CLIENT_VERSION};N/A;${osArchitecture()};${osType()};${release()}`);
}
