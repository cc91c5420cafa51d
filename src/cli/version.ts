/** The package version, read from package.json when bundled (ncc inlines the JSON). */
import pkg from '../../package.json' with { type: 'json' };

export const version: string = pkg.version;
