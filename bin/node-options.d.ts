/** The options Node runs `mesh-console` with (the first line of bin/mesh-console.cjs). */
export function meshConsoleNodeOptions(): string[];
