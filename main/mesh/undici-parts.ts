// The parts of undici the MESH client uses, loaded without the rest of the package. undici's
// index also loads fetch, WebSocket, EventSource, the caches, cookies, the mocks and, through
// them, Node's own copy of undici: about a third of a command's start-up (issue 14), for nothing
// the console calls. The index adds request() and the other calls to every dispatcher; so does this.
import api from 'undici/lib/api/index.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import buildConnector from 'undici/lib/core/connect.js';

Object.assign(Dispatcher.prototype, api);

export { Agent, ProxyAgent, buildConnector };
