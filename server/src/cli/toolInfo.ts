// Read at build time: esbuild inlines the JSON, so dist/cli.js needs no package.json beside it.
import { repository, version } from '../../../package.json';

export const toolName = 'specwright';
export const toolVersion: string = version;
/** Where people learn about the tool (SARIF's informationUri). */
export const informationUri: string = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
