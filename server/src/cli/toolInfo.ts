// Read at build time: esbuild inlines the JSON, so dist/cli.js needs no package.json beside it.
import { version } from '../../../package.json';

export const toolName = 'specwright';
export const toolVersion: string = version;
