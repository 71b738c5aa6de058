// The console service as the service tests start it: on a data folder of its own, with no MESH_*
// environment, dialogs answered by script and secrets encrypted with a key kept in the data folder.
// What a test needs otherwise (no demo data, no scheduler, an environment, ...) it passes on.
import { createConsoleService, type ConsoleService, type ConsoleServiceOptions } from '../../main/app/service';
import type { DialogPort } from '../../main/ports';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { scriptedDialogs } from '../support/scripted-dialogs';

export type TestServiceOptions = Omit<ConsoleServiceOptions, 'dataDir' | 'ports'> & {
  /** Default: scripted dialogs nobody answers. */
  dialogs?: DialogPort;
  /** Other ports in place of the defaults (another encryptor, say). */
  ports?: Partial<ConsoleServiceOptions['ports']>;
};

export function startTestService(dataDir: string, options: TestServiceOptions = {}): Promise<ConsoleService> {
  const { dialogs, ports, ...rest } = options;
  return createConsoleService({
    dataDir,
    env: {},
    ...rest,
    ports: {
      ...ports,
      dialogs: dialogs ?? ports?.dialogs ?? scriptedDialogs(),
      secrets: ports?.secrets ?? FileKeyEncryptor.inDataDir(dataDir),
    },
  });
}
