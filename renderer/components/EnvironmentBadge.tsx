// Which MESH the console talks to, in the header on every screen. Production is red, with words
// that say it: it cannot be mistaken for the sandbox (yellow) or a test environment (white).
import type { EnvironmentName } from '../../preload/api';

export const ENVIRONMENT_LABELS: Record<EnvironmentName, string> = {
  local: 'Local sandbox',
  integration: 'Integration (test)',
  deployment: 'Deployment (test)',
  production: 'PRODUCTION: live NHS MESH',
  custom: 'Custom server',
};

export function EnvironmentBadge({ environment }: { environment: EnvironmentName }) {
  return (
    <strong className={`app-environment app-environment--${environment}`} data-environment={environment}>
      <span className="nhsuk-u-visually-hidden">Environment: </span>
      {ENVIRONMENT_LABELS[environment]}
    </strong>
  );
}
