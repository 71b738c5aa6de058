// Module hooks (node:module register) that append the URL of every module loaded to the file
// MESH_MODULE_LOAD_LOG names: a test's record of what a process really loaded.
import { appendFileSync } from 'node:fs';
import process from 'node:process';

export async function load(url, context, nextLoad) {
  if (process.env.MESH_MODULE_LOAD_LOG) appendFileSync(process.env.MESH_MODULE_LOAD_LOG, `${url}\n`);
  return nextLoad(url, context);
}
