// Preload (node -r ./loopback.js ...): every server this process starts listens on 127.0.0.1 only, whatever host the
// emulator asks for (fauxqs and stepfunctions-local bind all interfaces and have no option to change it).
'use strict';
const net = require('net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !(first instanceof net.Server) && first.path === undefined
      && first.fd === undefined && first.handle === undefined && first._handle === undefined) {
    args[0] = { ...first, host: LOOPBACK, ipv6Only: false };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback]): replace or insert the host
    if (typeof args[1] === 'string') {
      args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, LOOPBACK);
  }
  return listen.apply(this, args);
};
