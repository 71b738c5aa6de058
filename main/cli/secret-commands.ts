// `mesh-console secret set password|shared-key|key-passphrase`: stores a profile's secret as the
// app does (the profile's vault, encrypted with the data folder's key file), read from standard
// input so it never appears in a command line, a process list or shell history.
import type { Command } from 'commander';
import type { SecretName } from '../domain';
import { ensurePrivateFolder } from '../settings/private-folder';
import { FileKeyEncryptor } from '../settings/file-encryptor';
import { SECRET_LABELS, SecretsVault } from '../settings/secrets-vault';
import { cliProfiles, profileInUse, runWithoutCore, type CommandOptions } from './context';
import { UsageError } from './exit-codes';
import { readSecretInput } from './secret-input';
import type { Run } from './command-groups';

const SECRETS: Readonly<Record<string, SecretName>> = {
  password: 'password',
  'shared-key': 'sharedKey',
  'key-passphrase': 'privateKeyPassphrase',
};

export function addSecretCommands(program: Command, run: Run): void {
  const secret = program.command('secret').description("a profile's secrets, stored encrypted as the app stores them");
  secret
    .command('set <name>')
    .description('store password, shared-key or key-passphrase for the profile, read from standard input (typed unseen at a terminal)')
    .option('--json', 'machine output')
    .action((name: string, options: CommandOptions) =>
      run(
        runWithoutCore(options, async (out) => {
          const secretName = SECRETS[name];
          if (!secretName) throw new UsageError(`There is no secret called "${name}"; set password, shared-key or key-passphrase.`);
          const list = await cliProfiles();
          const profile = profileInUse(list);
          const value = await readSecretInput(`The ${SECRET_LABELS[secretName]} for profile ${profile.name}: `);
          if (value === '')
            throw new UsageError(`Nothing was given on standard input, so the ${SECRET_LABELS[secretName]} was not changed.`);
          await ensurePrivateFolder(profile.dir);
          const vault = await SecretsVault.open(profile.dir, FileKeyEncryptor.inDataDir(list.dataDir));
          await vault.set(secretName, value, { plaintextAccepted: false });
          out.result({ profile: profile.name, secret: name, set: true }, () => [
            `The ${SECRET_LABELS[secretName]} of profile ${profile.name} is set.`,
          ]);
        }),
      ),
    );
}
