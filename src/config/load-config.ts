import { parseConfig, type Config, type InputReader } from './config.js';
import { protectSecret } from '../report/redaction.js';

/** The validated config with its template file checked, and its secrets masked before anything can print them. */
export async function loadConfig(read: InputReader): Promise<Config> {
  const config = parseConfig(read);
  if (config.deploy.templateFile !== undefined) {
    // Checked against the shipped protos here, lazily: they are large and most runs have no template file.
    const { templateFromFile } = await import('../cloudrun/template-file.js');
    config.deploy.templateFile = templateFromFile(config.deploy.templateFile);
  }
  // The token and every build secret's value: masked in the log, cut from every outward text.
  protectSecret(config.github.token);
  for (const value of Object.values(config.build.buildSecrets)) protectSecret(value);
  return config;
}
